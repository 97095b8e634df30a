import { secp256k1 } from '@noble/curves/secp256k1.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { HDNodeWallet, Signature, computeAddress, recoverAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { factoryResetSatochip } from '../../../../main/cards/satochip/factory-reset';
import { SatochipSession } from '../../../../main/cards/satochip/session';
import { attestToporin } from '../../../../main/cards/toporin/attestation';
import { isLifeboatError } from '../../../../main/errors';
import { CardDouble } from '../toporin/card-double';
import {
  CARD_CERTIFICATE,
  CARD_KEY,
  ROGUE_CARD_CERTIFICATE,
  TEST_TRUST,
} from '../toporin/fixtures';

const PHRASE =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const PIN = '123456';
const PUK = '12345678';

async function expectCode(work: Promise<unknown>, code: string): Promise<Record<string, unknown>> {
  try {
    await work;
  } catch (error) {
    expect(isLifeboatError(error) && error.code).toBe(code);
    return (error as { details?: Record<string, unknown> }).details ?? {};
  }
  throw new Error(`expected ${code}`);
}

async function readyCard(
  authentikey?: Uint8Array,
): Promise<{ card: CardDouble; session: SatochipSession }> {
  const card = new CardDouble('satochip', authentikey);
  const session = await SatochipSession.select(card.channel());
  await session.setup({ pin: PIN, puk: PUK, pinTries: 3, pukTries: 2 });
  await session.verifyPin(PIN);
  return { card, session };
}

describe('SatochipSession', () => {
  it('sets up a blank card with the chosen PIN, PUK and try counts', async () => {
    const card = new CardDouble('satochip');
    const session = await SatochipSession.select(card.channel());
    expect(session.status.setupDone).toBe(false);
    const status = await session.setup({ pin: PIN, puk: PUK, pinTries: 4, pukTries: 2 });
    expect(status).toMatchObject({ setupDone: true, pinTries: 4, pukTries: 2, seeded: false });
    expect(status.protocol).toEqual({ major: 0, minor: 12 });
    await expectCode(
      session.setup({ pin: PIN, puk: PUK, pinTries: 4, pukTries: 2 }),
      'already-initialized',
    );
  });

  it('refuses PINs the applet would reject, before sending anything', async () => {
    const card = new CardDouble('satochip');
    const session = await SatochipSession.select(card.channel());
    const sent = card.log.length;
    await expectCode(
      session.setup({ pin: '123', puk: PUK, pinTries: 3, pukTries: 3 }),
      'invalid-card-pin',
    );
    await expectCode(
      session.setup({ pin: PIN, puk: 'x'.repeat(17), pinTries: 3, pukTries: 3 }),
      'invalid-card-pin',
    );
    await expectCode(
      session.setup({ pin: PIN, puk: PUK, pinTries: 0, pukTries: 3 }),
      'invalid-input',
    );
    expect(card.log.length).toBe(sent);
  });

  it('loads a seed and derives the same keys as @scure/bip32, checked against the authentikey', async () => {
    const { session } = await readyCard();
    const seed = mnemonicToSeedSync(PHRASE);
    await session.importSeed(seed);
    expect(session.status.seeded).toBe(true);
    const parent = await session.exportExtendedPublicKey("m/44'/60'/0'/0");
    const expected = HDKey.fromMasterSeed(seed).derive("m/44'/60'/0'/0");
    expect(secp256k1.Point.fromBytes(parent.publicKey).toBytes(true)).toEqual(expected.publicKey);
    expect(parent.chainCode).toEqual(expected.chainCode);
    const first = new HDKey({
      publicKey: expected.publicKey!,
      chainCode: parent.chainCode,
    }).deriveChild(0);
    expect(computeAddress(`0x${Buffer.from(first.publicKey!).toString('hex')}`)).toBe(
      HDNodeWallet.fromPhrase(PHRASE, undefined, "m/44'/60'/0'/0/0").address,
    );
    await expectCode(session.importSeed(seed), 'key-present');
  });

  it('signs a hash with a low-S signature whose v recovers the address', async () => {
    const { session } = await readyCard();
    await session.importSeed(mnemonicToSeedSync(PHRASE));
    const address = HDNodeWallet.fromPhrase(PHRASE, undefined, "m/44'/60'/0'/0/3").address;
    for (let i = 0; i < 8; i += 1) {
      const hash = randomBytes(32);
      const result = await session.sign(hash, "m/44'/60'/0'/0/3");
      expect(
        BigInt(`0x${Buffer.from(result.s).toString('hex')}`) <= secp256k1.Point.CURVE().n / 2n,
      ).toBe(true);
      const signature = Signature.from(`0x${Buffer.from(result.signature65).toString('hex')}`);
      expect(recoverAddress(hash, signature)).toBe(address);
    }
    await expectCode(session.sign(new Uint8Array(31), "m/44'/60'/0'/0/3"), 'invalid-input');
    await expectCode(session.sign(randomBytes(32), "44'/60'"), 'invalid-path');
  });

  it('counts wrong PINs down by one per entry, blocks, and unblocks with the PUK', async () => {
    const card = new CardDouble('satochip');
    const session = await SatochipSession.select(card.channel());
    await session.setup({ pin: PIN, puk: PUK, pinTries: 3, pukTries: 2 });
    const verifies = () => card.log.filter((ins) => ins === 0x82).length;
    let before = verifies();
    expect(await expectCode(session.verifyPin('000000'), 'wrong-pin')).toMatchObject({
      triesLeft: 2,
    });
    expect(verifies() - before).toBe(1);
    expect((await session.getStatus()).pinTries).toBe(2);
    before = verifies();
    expect(await expectCode(session.verifyPin('000000'), 'wrong-pin')).toMatchObject({
      triesLeft: 1,
    });
    expect(verifies() - before).toBe(1);
    expect(await expectCode(session.verifyPin('000000'), 'pin-blocked')).toMatchObject({
      triesLeft: 0,
    });
    await expectCode(session.verifyPin(PIN), 'pin-blocked');
    expect(await expectCode(session.unblockPin('00000000'), 'wrong-puk')).toMatchObject({
      triesLeft: 1,
    });
    await session.unblockPin(PUK);
    expect((await session.getStatus()).pinTries).toBe(3);
    await session.verifyPin(PIN);
    expect(session.pinVerified).toBe(true);
    await expectCode(session.unblockPin(PUK), 'pin-not-blocked');
  });

  it('changes the PIN, and a wrong current PIN costs a try', async () => {
    const { session } = await readyCard();
    await expectCode(session.changePin('999999', '654321'), 'wrong-pin');
    await session.changePin(PIN, '654321');
    await expectCode(session.verifyPin(PIN), 'wrong-pin');
    await session.verifyPin('654321');
  });

  it('needs the PIN for keys, and forgets it on logout', async () => {
    const card = new CardDouble('satochip');
    const session = await SatochipSession.select(card.channel());
    await session.setup({ pin: PIN, puk: PUK, pinTries: 3, pukTries: 2 });
    await expectCode(session.exportAuthentikey(), 'pin-required');
    await session.verifyPin(PIN);
    await session.importSeed(mnemonicToSeedSync(PHRASE));
    await session.logout();
    expect(session.pinVerified).toBe(false);
    await expectCode(session.sign(randomBytes(32), "m/44'/60'/0'/0/0"), 'pin-required');
  });

  it('resets the seed after checking the PIN', async () => {
    const { session } = await readyCard();
    await session.importSeed(mnemonicToSeedSync(PHRASE));
    await expectCode(session.resetSeed('000000'), 'wrong-pin');
    await session.verifyPin(PIN);
    await session.resetSeed(PIN);
    await session.verifyPin(PIN);
    await expectCode(session.exportExtendedPublicKey("m/44'"), 'no-key');
  });

  it('reports channel-reset, without resending, when the card lost the channel', async () => {
    const { card, session } = await readyCard();
    card.reset();
    card.selected = true;
    const before = card.log.length;
    await expectCode(session.verifyPin(PIN), 'channel-reset');
    expect(card.log.length - before).toBe(1);
    expect(session.pinVerified).toBe(false);
    await session.verifyPin(PIN);
  });

  it('refuses an extended key whose authentikey signature does not verify', async () => {
    const { card, session } = await readyCard();
    await session.importSeed(mnemonicToSeedSync(PHRASE));
    await session.exportAuthentikey();
    // The card's authentikey changes under the session: its signatures no longer verify.
    card.authentikey.set(secp256k1.utils.randomSecretKey());
    await expectCode(session.exportExtendedPublicKey("m/44'/60'/0'/0"), 'signature-invalid');
  });

  it('factory-resets in five card sessions and aborts when another command intervenes', async () => {
    const { card, session } = await readyCard();
    await session.close();
    const rounds: number[] = [];
    const fresh = await factoryResetSatochip(
      async () => card.channel(),
      (n) => rounds.push(n),
    );
    expect(rounds).toEqual([1, 2, 3, 4, 5]);
    expect(fresh.status.setupDone).toBe(false);
    await fresh.close();

    const other = (await readyCard()).card;
    let opened = 0;
    await expectCode(
      factoryResetSatochip(async () => {
        const channel = other.channel();
        opened += 1;
        if (opened === 3) {
          // Something else talks to the card within the same power cycle.
          other.selected = true;
          other.transmit(Uint8Array.from([0xb0, 0x3c, 0, 0]));
        }
        return channel;
      }),
      'conditions-not-satisfied',
    );
  });

  it('attests: genuine, unknown issuer, invalid proof, and no certificate', async () => {
    const { card, session } = await readyCard(CARD_KEY.slice());
    expect((await attestToporin(session, TEST_TRUST)).verdict).toBe('no-certificate');

    card.certificate = CARD_CERTIFICATE;
    const genuine = await attestToporin(session, TEST_TRUST);
    expect(genuine.verdict).toBe('genuine');
    expect(genuine.identityPublicKey).toBe(
      Buffer.from(secp256k1.getPublicKey(CARD_KEY, true)).toString('hex'),
    );
    // The built-in Toporin trust does not know the test PKI.
    expect((await attestToporin(session)).verdict).toBe('unknown-issuer');

    card.certificate = ROGUE_CARD_CERTIFICATE;
    expect((await attestToporin(session, TEST_TRUST)).verdict).toBe('unknown-issuer');

    // A card presenting a certificate whose key it does not hold.
    const impostor = await readyCard();
    impostor.card.certificate = CARD_CERTIFICATE;
    expect((await attestToporin(impostor.session, TEST_TRUST)).verdict).toBe('invalid');

    card.certificate = CARD_CERTIFICATE.subarray(0, 100);
    expect((await attestToporin(session, TEST_TRUST)).verdict).toBe('invalid');
  });
});
