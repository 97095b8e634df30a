// The Seedkeeper driver end to end over the real PC/SC stack: pcscd with the vpcd virtual
// readers and the simulated Seedkeeper (written from the applet, independently of the
// driver) plugged in as a vpcd card.
import { hexToBytes } from '@noble/hashes/utils.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PcscReaders } from '../../../../main/cards/pcsc/pcsc-readers';
import { expectedFingerprint } from '../../../../main/cards/seedkeeper/secret-layouts';
import { SeedkeeperSession } from '../../../../main/cards/seedkeeper/session';
import { isLifeboatError } from '../../../../main/errors';
import { walletPreview } from '../../../../main/secrets/derivation';
import { seedFromRecovery } from '../../../../main/secrets/recovery-input';
import { split } from '../../../../main/secrets/slip39';
import { benchReaders } from '../../../support/bench-readers';
import { ensurePcscd, type PcscdHandle } from '../../../support/pcscd';
import { waitFor } from '../../../support/wait';
import { SimulatedSeedkeeper, insertIntoReader, type InsertedCard } from '../../../sim/seedkeeper';

const READER = 'Virtual PCD 00 00';
const PHRASE =
  'void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing screen patrol group space point ten exist slush involve unfold';
const PASSPHRASE = 'lifeboat';
const PIN = '4829';
const PUK = 'orange-kite-42';

let pcscd: PcscdHandle;
let readers: PcscReaders;
const inserted: InsertedCard[] = [];
const sessions: SeedkeeperSession[] = [];

async function cardPresent(present: boolean): Promise<void> {
  await waitFor(
    () => {
      const view = readers.snapshot().readers.find((r) => r.name === READER);
      const hasCard = view?.state === 'card-present' || view?.state === 'connected';
      return hasCard === present ? true : undefined;
    },
    5000,
    `${READER} ${present ? 'with' : 'without'} a card`,
  );
}

/** A blank Seedkeeper in the reader, set up and unlocked through the driver. */
async function freshCard(): Promise<SeedkeeperSession> {
  inserted.push(
    await insertIntoReader(new SimulatedSeedkeeper({ withCertificate: 'none' }), READER),
  );
  await cardPresent(true);
  const session = await SeedkeeperSession.select(await readers.connect(READER));
  sessions.push(session);
  await session.setup({ pin: PIN, puk: PUK, pinTries: 5, pukTries: 3 });
  await session.verifyPin(PIN);
  return session;
}

async function removeCards(): Promise<void> {
  for (const session of sessions.splice(0)) await session.close();
  for (const slot of inserted.splice(0)) await slot.remove();
  await cardPresent(false);
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders({ retryMs: 200, transmitTimeoutMs: 5000 });
  await readers.start();
  await waitFor(
    () => (readers.snapshot().readers.length === 2 ? true : undefined),
    5000,
    'the virtual readers',
  );
});

afterEach(removeCards);

afterAll(async () => {
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
});

describe('Seedkeeper over pcscd + vpcd', () => {
  it('stores a phrase with its passphrase, lists it without the secret, and reads it back', async () => {
    const session = await freshCard();
    const stored = await session.storeSecret(
      { kind: 'bip39', phrase: PHRASE, passphrase: PASSPHRASE },
      { label: 'Family wallet', exportRights: 'plain' },
    );
    const headers = await session.listSecrets();
    expect(headers).toEqual([
      expect.objectContaining({
        id: stored.id,
        label: 'Family wallet',
        type: 0x10,
        subtype: 0x01,
        exportRights: 'plain',
        fingerprint: await expectedFingerprint({
          kind: 'bip39',
          phrase: PHRASE,
          passphrase: PASSPHRASE,
        }),
      }),
    ]);
    const { secret } = await session.readSecret(stored.id);
    expect(secret).toEqual({ kind: 'bip39', phrase: PHRASE, passphrase: PASSPHRASE });

    // The same wallet as the phrase itself opens.
    if (secret.kind !== 'bip39') throw new Error(`read back a ${secret.kind}`);
    const fromCard = await seedFromRecovery({
      lines: [secret.phrase],
      passphrase: secret.passphrase,
    });
    const fromPhrase = await seedFromRecovery({ lines: [PHRASE], passphrase: PASSPHRASE });
    expect(walletPreview(fromCard.seed)).toEqual(walletPreview(fromPhrase.seed));
  });

  it('keeps a secret stored with the default rights on the card', async () => {
    const session = await freshCard();
    const stored = await session.storeSecret(
      { kind: 'bip39', phrase: PHRASE, passphrase: '' },
      { label: 'Kept' },
    );
    expect((await session.listSecrets())[0]!.exportRights).toBe('encrypted-only');
    try {
      await session.readSecret(stored.id);
      throw new Error('read');
    } catch (error) {
      expect(isLifeboatError(error, 'secret-export-forbidden')).toBe(true);
    }
  });

  it('holds one SLIP-39 share per card; three read back rebuild the same wallet', async () => {
    const master = hexToBytes('7c3e0a91d5b2f4681e0c9a7b3d5f1e2a');
    const shareSets = await split(master, {
      groupThreshold: 1,
      groups: [{ threshold: 3, count: 5 }],
      passphrase: PASSPHRASE,
    });
    const shares = shareSets[0]!.slice(1, 4);
    const readBack: string[] = [];
    for (const [i, share] of shares.entries()) {
      const session = await freshCard();
      const stored = await session.storeSecret(
        { kind: 'slip39-share', share },
        { label: `Share ${i + 1} of 3`, exportRights: 'plain' },
      );
      expect((await session.listSecrets())[0]).toMatchObject({
        type: 0x50,
        label: `Share ${i + 1} of 3`,
      });
      const { secret } = await session.readSecret(stored.id);
      if (secret.kind !== 'slip39-share') throw new Error(`read back a ${secret.kind}`);
      readBack.push(secret.share);
      await removeCards();
    }
    expect(readBack).toEqual(shares);
    const rebuilt = await seedFromRecovery({ lines: readBack, passphrase: PASSPHRASE });
    expect(rebuilt.kind).toBe('slip39');
    expect(walletPreview(rebuilt.seed)).toEqual(walletPreview(master));
  });
});
