import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { cardDrivers } from '../../../../main/cards/drivers';
import { FamilyRegistry } from '../../../../main/cards/family';
import {
  KEYCARD_CA_KEYS,
  attest,
  keycardTrustedCaKeys,
} from '../../../../main/cards/keycard/attestation';
import { keyFileSecretBox } from '../../../../main/cards/keycard/key-file-box';
import { FilePairingStore } from '../../../../main/cards/keycard/pairing-store';
import { KeycardSession } from '../../../../main/cards/keycard/session';
import {
  SimulatedKeycard,
  TEST_CA,
  simulatorChannel,
  type CertificateKind,
} from '../../../sim/keycard';
import { opened, recording } from './fixtures';

async function verdictFor(certificate: CertificateKind, initialized = true) {
  const card = initialized
    ? SimulatedKeycard.initialized(
        { pin: '123123', puk: '123123123123', pairingPassword: 'p' },
        { certificate },
      )
    : new SimulatedKeycard({ certificate });
  return attest(await KeycardSession.select(simulatorChannel(card)), [TEST_CA.publicKey]);
}

describe('attestation over the simulated card', () => {
  it('finds a card certified by a trusted CA genuine', async () => {
    const attestation = await verdictFor('test-ca');
    expect(attestation).toMatchObject({ verdict: 'genuine', caPublicKey: TEST_CA.publicKey });
    expect(attestation.explanation).toMatch(/genuine card/);
  });

  it('tells apart an unknown issuer, a missing certificate and a bad proof', async () => {
    expect((await verdictFor('untrusted-ca')).verdict).toBe('unknown-issuer');
    expect((await verdictFor('none')).verdict).toBe('no-certificate');
    expect((await verdictFor('bad-signature')).verdict).toBe('invalid');
  });

  it('works on a blank card and through an open secure channel', async () => {
    expect((await verdictFor('test-ca', false)).verdict).toBe('genuine');
    const { session } = await opened();
    expect((await attest(session, [TEST_CA.publicKey])).verdict).toBe('genuine');
  });

  it('sends a fresh random challenge every time', async () => {
    const card = new SimulatedKeycard();
    const recorded = recording(simulatorChannel(card));
    const session = await KeycardSession.select(recorded.channel);
    await attest(session, []);
    await attest(session, []);
    const challenges = recorded.commands
      .filter((c) => c[1] === 0x14)
      .map((c) => bytesToHex(c.subarray(5)));
    expect(challenges).toHaveLength(2);
    expect(challenges[0]).toHaveLength(64);
    expect(challenges[0]).not.toBe(challenges[1]);
  });
});

describe('the CA keys a Keycard is checked against', () => {
  const PRODUCTION = '029ab99ee1e7a71bdf45b3f9c58c99866ff1294d2c1e304e228a86e10c3343501c';

  it('always include the production Keycard CA, besides the keys the person added', () => {
    expect(KEYCARD_CA_KEYS).toEqual([PRODUCTION]);
    expect(keycardTrustedCaKeys([])).toEqual([PRODUCTION]);
    expect(keycardTrustedCaKeys([TEST_CA.publicKey.toUpperCase(), PRODUCTION])).toEqual([
      PRODUCTION,
      TEST_CA.publicKey,
    ]);
  });

  it('make a card certified by an added CA genuine, and by no trusted CA an unknown issuer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-attest-'));
    try {
      const pairings = new FilePairingStore(dir, await keyFileSecretBox(dir));
      const verdict = async (added: string[]) => {
        const registry = new FamilyRegistry(cardDrivers({ pairings, trustedCaKeys: () => added }));
        const session = await registry.open(simulatorChannel(new SimulatedKeycard()));
        return (await session.attest()).verdict;
      };
      expect(await verdict([TEST_CA.publicKey])).toBe('genuine');
      expect(await verdict([])).toBe('unknown-issuer');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
