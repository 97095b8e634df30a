import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { attest } from '../../../../main/cards/keycard/attestation';
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
