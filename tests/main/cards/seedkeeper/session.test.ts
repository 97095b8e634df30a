import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { expectedFingerprint } from '../../../../main/cards/seedkeeper/secret-layouts';
import { SeedkeeperSession } from '../../../../main/cards/seedkeeper/session';
import { isLifeboatError } from '../../../../main/errors';
import { combine, split } from '../../../../main/secrets/slip39';
import { CardDouble } from '../toporin/card-double';

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const PIN = '2468';
const PUK = 'correct-horse';

async function expectCode(work: Promise<unknown>, code: string): Promise<void> {
  try {
    await work;
  } catch (error) {
    expect(isLifeboatError(error) && error.code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

async function readyCard(): Promise<{ card: CardDouble; session: SeedkeeperSession }> {
  const card = new CardDouble('seedkeeper');
  const session = await SeedkeeperSession.select(card.channel());
  await session.setup({ pin: PIN, puk: PUK, pinTries: 5, pukTries: 2 });
  await session.verifyPin(PIN);
  return { card, session };
}

describe('SeedkeeperSession', () => {
  it('stores a phrase with its passphrase, lists it, and reads it back when plain export was chosen', async () => {
    const { session } = await readyCard();
    const ref = await session.storeSecret(
      { kind: 'bip39', phrase: PHRASE, passphrase: 'TREZOR' },
      { label: 'Family wallet', exportRights: 'plain' },
    );
    const [header] = await session.listSecrets();
    expect(header).toMatchObject({
      id: ref.id,
      label: 'Family wallet',
      type: 0x10,
      subtype: 0x01,
      exportRights: 'plain',
      fingerprint: ref.fingerprint,
    });
    const read = await session.readSecret(ref.id);
    expect(read.secret).toEqual({ kind: 'bip39', phrase: PHRASE, passphrase: 'TREZOR' });
  });

  it('stores secrets export-restricted by default, and refuses to read those', async () => {
    const { session } = await readyCard();
    const ref = await session.storeSecret(
      { kind: 'bip39', phrase: PHRASE, passphrase: '' },
      { label: 'Careful' },
    );
    const [header] = await session.listSecrets();
    expect(header!.exportRights).toBe('encrypted-only');
    // A drill still recognises the backup by its fingerprint, without reading it.
    expect(header!.fingerprint).toBe(
      await expectedFingerprint({ kind: 'bip39', phrase: PHRASE, passphrase: '' }),
    );
    expect(header!.fingerprint).not.toBe(
      await expectedFingerprint({ kind: 'bip39', phrase: PHRASE, passphrase: 'other' }),
    );
    await expectCode(session.readSecret(ref.id), 'secret-export-forbidden');
    const forbidden = await session.storeSecret(
      { kind: 'masterseed', seed: hexToBytes('00'.repeat(32)) },
      { label: 'Never', exportRights: 'forbidden' },
    );
    await expectCode(session.readSecret(forbidden.id), 'secret-export-forbidden');
  });

  it('keeps three SLIP-39 shares on three cards that combine back into the secret', async () => {
    const master = hexToBytes('0f1e2d3c4b5a69788796a5b4c3d2e1f0');
    const [shares] = await split(master, {
      groupThreshold: 1,
      groups: [{ threshold: 3, count: 5 }],
    });
    const read: string[] = [];
    for (const share of shares!.slice(0, 3)) {
      const { session } = await readyCard();
      const ref = await session.storeSecret(
        { kind: 'slip39-share', share },
        { label: 'Share', exportRights: 'plain' },
      );
      const { secret } = await session.readSecret(ref.id);
      if (secret.kind !== 'slip39-share') throw new Error('not a share');
      read.push(secret.share);
    }
    expect(await combine(read)).toEqual(master);
  });

  it('deletes a secret and generates a master seed on the card', async () => {
    const { session } = await readyCard();
    const generated = await session.generateMasterseed({
      size: 32,
      label: 'Card entropy',
      exportRights: 'plain',
    });
    const { secret, header } = await session.readSecret(generated.id);
    expect(header.origin).toBe('generated-on-card');
    expect(secret.kind === 'masterseed' && secret.seed.length).toBe(32);
    expect((await session.getMemory()).secrets).toBe(1);
    await session.deleteSecret(generated.id);
    expect(await session.listSecrets()).toEqual([]);
    await expectCode(session.deleteSecret(generated.id), 'card-secret-not-found');
  });

  it('refuses a secret whose export signature is not the card’s', async () => {
    const { card, session } = await readyCard();
    const ref = await session.storeSecret(
      { kind: 'masterseed', seed: hexToBytes('11'.repeat(16)) },
      { label: 'Seed', exportRights: 'plain' },
    );
    await session.exportAuthentikey();
    card.authentikey.set(hexToBytes('22'.repeat(32)));
    await expectCode(session.readSecret(ref.id), 'signature-invalid');
  });

  it('erases itself when the last PUK try fails, and says so', async () => {
    const { card, session } = await readyCard();
    await session.storeSecret(
      { kind: 'masterseed', seed: hexToBytes('33'.repeat(16)) },
      { label: 'Seed' },
    );
    for (let i = 0; i < 5; i += 1)
      await expectCode(session.verifyPin('0000'), i < 4 ? 'wrong-pin' : 'pin-blocked');
    await expectCode(session.unblockPin('wrong-puk'), 'wrong-puk');
    await expectCode(session.unblockPin('wrong-puk'), 'card-wiped');
    expect(card.secrets.size).toBe(0);
    expect(session.status.setupDone).toBe(false);
    expect((await session.getStatus()).setupDone).toBe(false);
  });
});
