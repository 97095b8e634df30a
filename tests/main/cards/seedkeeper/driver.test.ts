// The Seedkeeper behind the card-family seam, over the independent simulator in process: a
// backup card with no accounts, its secrets listed, stored and read back as the seam's
// bytes, plain reading only where the person allowed it, and a last wrong PUK that wipes it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cardDrivers } from '../../../../main/cards/drivers';
import { FamilyRegistry, type CardSession } from '../../../../main/cards/family';
import { keyFileSecretBox } from '../../../../main/cards/keycard/key-file-box';
import { FilePairingStore } from '../../../../main/cards/keycard/pairing-store';
import { isLifeboatError } from '../../../../main/errors';
import { SimulatedSeedkeeper, simulatorChannel } from '../../../sim/seedkeeper';

const PIN = '2468';
const PUK = 'fallback-puk';
const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const SHARE =
  'duckling enlarge academic academic agency result length solution fridge kidney coal piece deal husband erode duke ajar critical decision keyboard';

const utf8 = new TextEncoder();
const text = new TextDecoder();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-seedkeeper-driver-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function open(card: SimulatedSeedkeeper): Promise<CardSession> {
  const pairings = new FilePairingStore(dir, await keyFileSecretBox(dir));
  const registry = new FamilyRegistry(cardDrivers({ pairings, trustedCaKeys: () => [] }));
  return registry.open(simulatorChannel(card));
}

async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isLifeboatError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('a Seedkeeper behind the seam', () => {
  it('is a backup card: no wallet keys, its secrets instead, and a PUK that erases it at zero', async () => {
    const session = await open(new SimulatedSeedkeeper());
    expect(session.family).toBe('seedkeeper');
    expect(session.info).toMatchObject({
      family: 'seedkeeper',
      initialized: false,
      rules: { pairing: false, unblockSetsPin: false, pukExhausted: 'wiped' },
    });
    expect(session.info.capabilities).toContain('backup-secrets');
    expect(session.info.capabilities).not.toContain('accounts');
    expect(session.info.capabilities).not.toContain('factory-reset');
    expect(session.keys).toBeUndefined();
    expect((await session.attest()).verdict).toBe('needs-unlock');
  });

  it('stores a phrase and a share, lists them without reading them, and reads back what it may', async () => {
    const session = await open(new SimulatedSeedkeeper());
    await session.setUp({ pin: PIN, puk: PUK });
    expect(await session.status()).toMatchObject({ keyInitialized: false });
    const backups = session.backupSecrets!;
    const phrase = await backups.store(
      'Savings',
      { kind: 'bip39', phrase: utf8.encode(PHRASE), passphrase: utf8.encode('TREZOR') },
      { exportable: true },
    );
    const share = await backups.store(
      'Share 1',
      { kind: 'slip39-share', share: utf8.encode(SHARE) },
      { exportable: false },
    );
    expect(phrase).toMatchObject({ label: 'Savings', kind: 'bip39', exportable: true });
    expect(share).toMatchObject({ label: 'Share 1', kind: 'slip39-share', exportable: false });
    const listed = await backups.list();
    expect(listed).toEqual(expect.arrayContaining([phrase, share]));
    expect(listed).toHaveLength(2);

    const read = await backups.read(phrase.id);
    expect(read.kind).toBe('bip39');
    if (read.kind !== 'bip39') return;
    expect(text.decode(read.phrase)).toBe(PHRASE);
    expect(text.decode(read.passphrase)).toBe('TREZOR');
    expect(await failure(backups.read(share.id))).toBe('secret-export-forbidden');
  });

  it('erases itself when its last PUK try is used, and says so', async () => {
    const card = SimulatedSeedkeeper.initialized({ pin: PIN, puk: PUK, pinTries: 2, pukTries: 2 });
    const session = await open(card);
    await session.connect();
    await expect(session.verifyPin('0000')).rejects.toMatchObject({ code: 'wrong-pin' });
    await expect(session.verifyPin('0000')).rejects.toMatchObject({ code: 'pin-blocked' });
    await expect(session.unblockPin('wrong-1')).rejects.toMatchObject({ code: 'wrong-puk' });
    expect(await failure(session.unblockPin('wrong-2'))).toBe('card-wiped');
    expect(session.info.initialized).toBe(false);
  });
});
