// GET STATUS, VERIFY PIN, CHANGE PIN, UNBLOCK PIN and the duress PIN.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { HDKey } from '@scure/bip32';
import { describe, expect, it } from 'vitest';
import { SimulatedKeycard, pairingSecretFor, type CardSetup } from './index';
import {
  Session,
  ascii,
  cardKeyOf,
  command,
  connect,
  findTag,
  hex,
  select,
  swOf,
  templateBody,
} from './raw-client';

const PASSWORD = 'KeycardDefaultPairing';
const SECRET = pairingSecretFor(PASSWORD);
const PIN = '000000';
const DURESS = '024680';
const PUK = '012345678901';
const SEED = Uint8Array.from({ length: 64 }, (_, i) => i * 3);

async function opened(setup: Partial<CardSetup> = {}) {
  const card = SimulatedKeycard.initialized({
    pin: PIN,
    puk: PUK,
    duressPin: DURESS,
    pairingPassword: PASSWORD,
    ...setup,
  });
  const send = (apdu: Uint8Array) => card.transmit(apdu);
  const connection = await connect(send, SECRET);
  return { card, send, ...connection };
}

function tries(status: Uint8Array): { pin: number; puk: number; key: number } {
  const body = templateBody(status);
  return { pin: body[2]!, puk: body[5]!, key: body[8]! };
}

describe('GET STATUS', () => {
  it('needs the channel, answers the A3 template (P1=00) and the current path (P1=01)', async () => {
    const card = SimulatedKeycard.initialized({ pin: PIN, puk: PUK, pairingPassword: PASSWORD });
    const send = (apdu: Uint8Array) => card.transmit(apdu);
    await select(send);
    expect(swOf(await send(command(0x80, 0xf2, 0, 0)))).toBe(0x6985);
    const { session } = await connect(send, SECRET);
    expect(hex((await session.command(0xf2, 0, 0)).data)).toBe('a309020103020105010100');
    expect(await session.command(0xf2, 1, 0)).toEqual({ sw: 0x9000, data: new Uint8Array(0) });
    expect((await session.command(0xf2, 2, 0)).sw).toBe(0x6a86);
  });
});

describe('VERIFY PIN', () => {
  it('refuses malformed PINs with 6A80 without spending a try', async () => {
    const { card, session } = await opened();
    expect((await session.command(0x20, 0, 0, ascii('12345'))).sw).toBe(0x6a80);
    expect((await session.command(0x20, 0, 0, ascii('12345a'))).sw).toBe(0x6a80);
    expect((await session.command(0x20, 0, 0, ascii('1234567'))).sw).toBe(0x6a80);
    expect(card.state.pinTriesLeft).toBe(3);
  });

  it('counts down 63C2, 63C1, 63C0, then stays blocked even for the right PIN or the duress PIN', async () => {
    const { card, session } = await opened();
    expect((await session.command(0x20, 0, 0, ascii('123456'))).sw).toBe(0x63c2);
    expect((await session.command(0x20, 0, 0, ascii('123456'))).sw).toBe(0x63c1);
    expect((await session.command(0x20, 0, 0, ascii('123456'))).sw).toBe(0x63c0);
    expect((await session.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x63c0);
    expect((await session.command(0x20, 0, 0, ascii(DURESS))).sw).toBe(0x63c0);
    expect(tries((await session.command(0xf2, 0, 0)).data)).toEqual({ pin: 0, puk: 5, key: 0 });
    expect(card.state.pinTriesLeft).toBe(0);
  });

  it('restores the tries on success, and the limit set at INIT applies', async () => {
    const { session } = await opened({ pinRetries: 5 });
    expect((await session.command(0x20, 0, 0, ascii('123456'))).sw).toBe(0x63c4);
    expect((await session.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x9000);
    expect(tries((await session.command(0xf2, 0, 0)).data).pin).toBe(5);
  });

  it('is needed again after SELECT', async () => {
    const { send, session, pairing } = await opened({ seed: SEED });
    expect((await session.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x9000);
    expect((await session.command(0xc2, 0, 1)).sw).toBe(0x9000);
    const again = await Session.open(send, cardKeyOf(await select(send)), pairing);
    expect((await again.command(0xc2, 0, 1)).sw).toBe(0x6985);
  });
});

describe('UNBLOCK PIN', () => {
  async function blocked(setup: Partial<CardSetup> = {}) {
    const context = await opened(setup);
    for (let i = 0; i < 3; i += 1) await context.session.command(0x20, 0, 0, ascii('999999'));
    return context;
  }

  it('is refused while the PIN is not blocked (6985)', async () => {
    const { session } = await opened();
    expect((await session.command(0x22, 0, 0, ascii(PUK + '111111'))).sw).toBe(0x6985);
  });

  it('checks the format (6A80, no PUK try spent), counts PUK tries 63C4…, and unblocks', async () => {
    const { card, session, send, pairing } = await blocked({ seed: SEED });
    expect((await session.command(0x22, 0, 0, ascii('12345678901' + '000000'))).sw).toBe(0x6a80);
    expect((await session.command(0x22, 0, 0, ascii('1234567890123' + '000000'))).sw).toBe(0x6a80);
    expect(card.state.pukTriesLeft).toBe(5);
    expect((await session.command(0x22, 0, 0, ascii('123456789010' + '000000'))).sw).toBe(0x63c4);
    expect((await session.command(0x22, 0, 0, ascii(PUK + '654321'))).sw).toBe(0x9000);
    // The new PIN is set and already verified; both counters are back.
    expect((await session.command(0xc2, 0, 1)).sw).toBe(0x9000);
    expect(card.state).toMatchObject({ pinTriesLeft: 3, pukTriesLeft: 5 });
    const again = await Session.open(send, cardKeyOf(await select(send)), pairing);
    expect((await again.command(0x20, 0, 0, ascii('654321'))).sw).toBe(0x9000);
  });

  it('locks the card for good when the PUK tries run out', async () => {
    const { card, session } = await blocked({ pukRetries: 3 });
    expect((await session.command(0x22, 0, 0, ascii('999999999999' + '000000'))).sw).toBe(0x63c2);
    expect((await session.command(0x22, 0, 0, ascii('999999999999' + '000000'))).sw).toBe(0x63c1);
    expect((await session.command(0x22, 0, 0, ascii('999999999999' + '000000'))).sw).toBe(0x63c0);
    expect((await session.command(0x22, 0, 0, ascii(PUK + '000000'))).sw).toBe(0x63c0);
    expect(card.state).toMatchObject({ pinTriesLeft: 0, pukTriesLeft: 0 });
  });
});

describe('CHANGE PIN', () => {
  it('needs the PIN, checks P1 and formats', async () => {
    const { session } = await opened();
    expect((await session.command(0x21, 0, 0, ascii('123456'))).sw).toBe(0x6985);
    await session.command(0x20, 0, 0, ascii(PIN));
    expect((await session.command(0x21, 3, 0, ascii('123456'))).sw).toBe(0x6a86);
    expect((await session.command(0x21, 0, 0, ascii('654a21'))).sw).toBe(0x6a80);
    expect((await session.command(0x21, 0, 0, ascii('7654321'))).sw).toBe(0x6a80);
    expect((await session.command(0x21, 1, 0, ascii('10987654321'))).sw).toBe(0x6a80);
    expect((await session.command(0x21, 1, 0, ascii('210987654a21'))).sw).toBe(0x6a80);
    expect(await session.command(0x21, 2, 0, new Uint8Array(31))).toMatchObject({ sw: 0x6a80 });
    expect(await session.command(0x21, 2, 0, new Uint8Array(33))).toMatchObject({ sw: 0x6a80 });
  });

  it('changes the PIN (still verified), the PUK and the pairing secret', async () => {
    const { send, session, pairing } = await opened();
    await session.command(0x20, 0, 0, ascii(PIN));
    expect((await session.command(0x21, 0, 0, ascii('123456'))).sw).toBe(0x9000);
    expect((await session.command(0x21, 1, 0, ascii('210987654321'))).sw).toBe(0x9000);
    const newSecret = pairingSecretFor('a new pairing password');
    expect((await session.command(0x21, 2, 0, newSecret)).sw).toBe(0x9000);

    // The old pairing still works; new pairings need the new secret.
    const again = await Session.open(send, cardKeyOf(await select(send)), pairing);
    expect((await again.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x63c2);
    expect((await again.command(0x20, 0, 0, ascii('123456'))).sw).toBe(0x9000);
    await expect(connect(send, SECRET)).rejects.toThrow('card cryptogram mismatch');
    const renewed = await connect(send, newSecret);
    for (let i = 0; i < 3; i += 1) await renewed.session.command(0x20, 0, 0, ascii('999999'));
    expect((await renewed.session.command(0x22, 0, 0, ascii('210987654321' + '000000'))).sw).toBe(
      0x9000,
    );
  });
});

describe('duress PIN', () => {
  it('selects the alternative chain code SHA-256(master chain code), same master key', async () => {
    const { send, session, pairing } = await opened({ seed: SEED });
    const master = HDKey.fromMasterSeed(SEED);
    const path = Uint8Array.from([0x80, 0, 0, 0x2c, 0x80, 0, 0, 0x3c, 0x80, 0, 0, 0]);
    expect((await session.command(0x20, 0, 0, ascii(DURESS))).sw).toBe(0x9000);
    const duressChild = await session.command(0xc2, 0x01, 0x01, path);
    const masterKey = await session.command(0xc2, 0x00, 0x01);
    const alt = new HDKey({
      privateKey: master.privateKey!,
      chainCode: sha256(master.chainCode!),
    }).derive("m/44'/60'/0'");
    expect(hex(findTag(templateBody(duressChild.data), 0x80)!)).toBe(
      hex(secp256k1.Point.fromBytes(alt.publicKey!).toBytes(false)),
    );
    expect(hex(findTag(templateBody(masterKey.data), 0x80)!)).toBe(
      hex(secp256k1.getPublicKey(master.privateKey!, false)),
    );

    const main = await Session.open(send, cardKeyOf(await select(send)), pairing);
    await main.command(0x20, 0, 0, ascii(PIN));
    const mainChild = await main.command(0xc2, 0x01, 0x01, path);
    expect(hex(findTag(templateBody(mainChild.data), 0x80)!)).toBe(
      hex(secp256k1.Point.fromBytes(master.derive("m/44'/60'/0'").publicKey!).toBytes(false)),
    );
  });

  it('shares the try counters: a wrong PIN spends both, the right one restores both', async () => {
    const { session } = await opened();
    expect((await session.command(0x20, 0, 0, ascii('999999'))).sw).toBe(0x63c2);
    expect((await session.command(0x20, 0, 0, ascii(DURESS))).sw).toBe(0x9000);
    expect((await session.command(0x20, 0, 0, ascii('999999'))).sw).toBe(0x63c2);
    expect((await session.command(0x20, 0, 0, ascii('999999'))).sw).toBe(0x63c1);
    expect((await session.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x9000);
    expect(tries((await session.command(0xf2, 0, 0)).data).pin).toBe(3);
  });

  it('wins when it equals the PIN, and CHANGE PIN in a duress session changes the duress PIN', async () => {
    const same = await opened({ duressPin: PIN, seed: SEED });
    expect((await same.session.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x9000);
    const child = await same.session.command(0xc2, 0x01, 0x01, Uint8Array.of(0x80, 0, 0, 1));
    const master = HDKey.fromMasterSeed(SEED);
    const alt = new HDKey({ privateKey: master.privateKey!, chainCode: sha256(master.chainCode!) });
    expect(hex(findTag(templateBody(child.data), 0x80)!)).toBe(
      hex(secp256k1.Point.fromBytes(alt.deriveChild(0x80000001).publicKey!).toBytes(false)),
    );

    const { send, session, pairing } = await opened();
    await session.command(0x20, 0, 0, ascii(DURESS));
    expect((await session.command(0x21, 0, 0, ascii('111111'))).sw).toBe(0x9000);
    const again = await Session.open(send, cardKeyOf(await select(send)), pairing);
    expect((await again.command(0x20, 0, 0, ascii('111111'))).sw).toBe(0x9000);
    expect((await again.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x9000);
    expect((await again.command(0x20, 0, 0, ascii(DURESS))).sw).toBe(0x63c2);
  });
});
