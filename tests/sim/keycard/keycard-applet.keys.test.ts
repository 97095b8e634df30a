// LOAD KEY, GENERATE KEY/MNEMONIC, REMOVE KEY, DERIVE KEY, EXPORT KEY, SIGN, SET PINLESS PATH.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { SimulatedKeycard, pairingSecretFor, type SimulatedKeycardOptions } from './index';
import {
  Session,
  ascii,
  cardKeyOf,
  command,
  connect,
  dataOf,
  findTag,
  hex,
  select,
  swOf,
  templateBody,
  type Reply,
} from './raw-client';

const PASSWORD = 'KeycardDefaultPairing';
const SECRET = pairingSecretFor(PASSWORD);
const PIN = '000000';
// KeycardTest.java mnemonicTest, with the values the applet test suite expects.
const MNEMONIC =
  'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will';
const MASTER_PUBLIC =
  '04cc620f846055ed43995391ca5e490c52251ea40453f64a0515bef84c24a653a7c4e02b9de56f66d9ee58dc6b591b534f5a20c0550b2c33a086b90b866cf70799';
const KEY_UID = 'b98373b5f78c88bdd753fe8fc3e3300bc8060d8b723a10ea062ca63554a23e7a';
const WHISPER_PUBLIC =
  '04e7370d118461e1ab01f3e86e88c4b0c7b92cecb79c5e320cef73dda912f173beae74df15090b6405a274963c054cdfe6ac7843a302c260390d1fe776008f310e';
const WHISPER_PATH = hexToBytes('8000002b8000003c8000062d8000000000000000');
const WALLET_PATH = hexToBytes('8000002c8000003c800000000000000000000000');
const N = secp256k1.Point.CURVE().n;

async function opened(options: SimulatedKeycardOptions = {}, verify = true) {
  const card = SimulatedKeycard.initialized(
    { pin: PIN, puk: '012345678901', pairingPassword: PASSWORD },
    options,
  );
  const send = (apdu: Uint8Array) => card.transmit(apdu);
  const connection = await connect(send, SECRET);
  if (verify) expect((await connection.session.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x9000);
  return { card, send, ...connection };
}

function publicKeyOf(reply: Reply): string {
  expect(reply.sw).toBe(0x9000);
  return hex(findTag(templateBody(reply.data), 0x80)!);
}

function uncompressed(key: HDKey): string {
  return hex(secp256k1.Point.fromBytes(key.publicKey!).toBytes(false));
}

/** Checks a SIGN answer: `A0 81 LL 80 41 <pub> <DER>`, a valid low-S signature of `hash`. */
function checkSignature(reply: Reply, hash: Uint8Array): { publicKey: string; s: bigint } {
  expect(reply.sw).toBe(0x9000);
  expect(hex(reply.data.subarray(0, 2))).toBe('a081');
  expect(reply.data[2]).toBe(reply.data.length - 3);
  expect(hex(reply.data.subarray(3, 5))).toBe('8041');
  const publicKey = reply.data.subarray(5, 70);
  const der = reply.data.subarray(70);
  expect(der[0]).toBe(0x30);
  // Read the INTEGERs leniently, as the digest tells clients to: the card's S may keep leading zeros.
  const rLength = der[3]!;
  const r = BigInt(`0x${hex(der.subarray(4, 4 + rLength))}`);
  const s = BigInt(`0x${hex(der.subarray(6 + rLength, 6 + rLength + der[5 + rLength]!))}`);
  expect(s <= N >> 1n).toBe(true);
  const signature = new secp256k1.Signature(r, s);
  expect(secp256k1.verify(signature.toBytes('compact'), hash, publicKey, { prehash: false })).toBe(
    true,
  );
  return { publicKey: hex(publicKey), s };
}

describe('LOAD KEY', () => {
  it('loads the applet test vector seed (P1=03) with the expected key UID and keys', async () => {
    const { card, send, session } = await opened();
    const seed = mnemonicToSeedSync(MNEMONIC, '');
    const loaded = await session.command(0xd0, 0x03, 0x00, seed);
    expect(loaded).toEqual({ sw: 0x9000, data: hexToBytes(KEY_UID) });
    expect(card.state.keyUid).toBe(KEY_UID);
    expect(publicKeyOf(await session.command(0xc2, 0x00, 0x01))).toBe(MASTER_PUBLIC);
    expect(publicKeyOf(await session.command(0xc2, 0x01, 0x01, WHISPER_PATH))).toBe(WHISPER_PUBLIC);
    const exported = await session.command(0xc2, 0x01, 0x00, WHISPER_PATH);
    expect(hex(exported.data.subarray(0, 4))).toBe('a1228120');
    expect(hex(secp256k1.getPublicKey(exported.data.subarray(4), false))).toBe(WHISPER_PUBLIC);
    const template = dataOf(await select(send));
    expect(hex(template.subarray(0, 3))).toBe('a48181');
    expect(hex(findTag(templateBody(template), 0x8e)!)).toBe(KEY_UID);
  });

  it('takes exactly 64 seed bytes on 3.1 and 16 to 64 on 3.2', async () => {
    const old = await opened();
    expect((await old.session.command(0xd0, 0x03, 0, randomBytes(63))).sw).toBe(0x6a80);
    expect((await old.session.command(0xd0, 0x03, 0, randomBytes(16))).sw).toBe(0x6a80);
    const current = await opened({ version: '3.2' });
    const seed = randomBytes(16);
    const loaded = await current.session.command(0xd0, 0x03, 0, seed);
    expect(loaded.sw).toBe(0x9000);
    const master = HDKey.fromMasterSeed(seed);
    expect(hex(loaded.data)).toBe(hex(sha256(secp256k1.getPublicKey(master.privateKey!, false))));
    expect((await current.session.command(0xd0, 0x03, 0, randomBytes(15))).sw).toBe(0x6a80);
    expect((await current.session.command(0xd0, 0x03, 0, randomBytes(65))).sw).toBe(0x6a80);
  });

  it('loads a TLV key pair, with or without public key and chain code', async () => {
    const { session } = await opened();
    const privateKey = secp256k1.utils.randomSecretKey();
    const publicKey = secp256k1.getPublicKey(privateKey, false);
    const chainCode = randomBytes(32);
    const uid = hex(sha256(publicKey));
    const tlv = (...parts: Uint8Array[]) => {
      const body = concatBytes(...parts);
      return concatBytes(
        body.length > 127
          ? Uint8Array.of(0xa1, 0x81, body.length)
          : Uint8Array.of(0xa1, body.length),
        body,
      );
    };
    const pub = concatBytes(Uint8Array.of(0x80, 65), publicKey);
    const priv = concatBytes(Uint8Array.of(0x81, 32), privateKey);
    const chain = concatBytes(Uint8Array.of(0x82, 32), chainCode);
    for (const data of [tlv(pub, priv), tlv(priv), tlv(pub, priv, chain), tlv(priv, chain)]) {
      expect(hex((await session.command(0xd0, 0x01, 0, data)).data)).toBe(uid);
    }
    // Extended (tag 82 present): derivation works and follows BIP-32 from that chain code.
    const child = await session.command(0xc2, 0x01, 0x01, Uint8Array.of(0, 0, 0, 7));
    expect(publicKeyOf(child)).toBe(
      uncompressed(new HDKey({ privateKey, chainCode }).deriveChild(7)),
    );
    // Not extended: only the master key can be used.
    await session.command(0xd0, 0x02, 0, tlv(priv));
    expect((await session.command(0xc2, 0x01, 0x01, Uint8Array.of(0, 0, 0, 7))).sw).toBe(0x6985);
    expect(publicKeyOf(await session.command(0xc2, 0x00, 0x01))).toBe(hex(publicKey));
  });

  it('refuses a wrong P1 (6A86), bad templates and bad keys (6A80), and needs the PIN', async () => {
    const { session } = await opened({}, false);
    const good = concatBytes(
      Uint8Array.of(0xa1, 0x22, 0x81, 0x20),
      secp256k1.utils.randomSecretKey(),
    );
    expect((await session.command(0xd0, 0x01, 0, good)).sw).toBe(0x6985);
    await session.command(0x20, 0, 0, ascii(PIN));
    expect((await session.command(0xd0, 0x00, 0, good)).sw).toBe(0x6a86);
    expect((await session.command(0xd0, 0x04, 0, good)).sw).toBe(0x6a86);
    for (const bad of [
      'aa028000',
      'a1028000',
      'a106800101810102',
      'a1228120' + '00'.repeat(32),
      'a1228120' + 'ff'.repeat(32),
    ]) {
      expect((await session.command(0xd0, 0x01, 0, hexToBytes(bad))).sw).toBe(0x6a80);
    }
    const shortChain = concatBytes(good.subarray(2), Uint8Array.of(0x82, 0x10), new Uint8Array(16));
    expect(
      (
        await session.command(
          0xd0,
          0x01,
          0,
          concatBytes(Uint8Array.of(0xa1, shortChain.length), shortChain),
        )
      ).sw,
    ).toBe(0x6a80);
    expect((await session.command(0xf2, 0, 0)).data[10]).toBe(0x00);
  });
});

describe('GENERATE KEY, GENERATE MNEMONIC, REMOVE KEY', () => {
  it('generates a random master key whose UID matches its public key', async () => {
    const { card, session } = await opened();
    const generated = await session.command(0xd4, 0, 0);
    expect(generated.data.length).toBe(32);
    const publicKey = hexToBytes(publicKeyOf(await session.command(0xc2, 0x00, 0x01)));
    expect(hex(generated.data)).toBe(hex(sha256(publicKey)));
    expect(card.state.keyUid).toBe(hex(generated.data));
  });

  it('answers 12 to 24 word indices of a valid BIP-39 phrase for checksum sizes 4 to 8', async () => {
    const { session } = await opened({}, false);
    expect((await session.command(0xd2, 3, 0)).sw).toBe(0x6a86);
    expect((await session.command(0xd2, 9, 0)).sw).toBe(0x6a86);
    for (const [cs, words] of [
      [4, 12],
      [5, 15],
      [6, 18],
      [7, 21],
      [8, 24],
    ] as const) {
      const reply = await session.command(0xd2, cs, 0);
      expect(reply.data.length).toBe(2 * words);
      const view = new DataView(reply.data.buffer, reply.data.byteOffset);
      const phrase = Array.from({ length: words }, (_, i) => wordlist[view.getUint16(2 * i)]!).join(
        ' ',
      );
      expect(validateMnemonic(phrase, wordlist)).toBe(true);
    }
  });

  it('removes the key: GET STATUS and SELECT show no key', async () => {
    const { send, session } = await opened({});
    await session.command(0xd4, 0, 0);
    expect((await session.command(0xd3, 0, 0)).sw).toBe(0x9000);
    expect((await session.command(0xf2, 0, 0)).data[10]).toBe(0x00);
    const template = dataOf(await select(send));
    expect(hex(template.subarray(0, 2))).toBe('a461');
    expect(findTag(templateBody(template), 0x8e)!.length).toBe(0);
  });
});

describe('DERIVE KEY and EXPORT KEY', () => {
  async function withSeed(options: SimulatedKeycardOptions = {}) {
    const context = await opened(options);
    const seed = mnemonicToSeedSync(MNEMONIC, '');
    await context.session.command(0xd0, 0x03, 0, seed);
    return { ...context, root: HDKey.fromMasterSeed(seed) };
  }

  it('checks the path format (6A80), parent-at-master (6B00) and the source bits (6A86)', async () => {
    const { session } = await withSeed();
    expect((await session.command(0xd1, 0x00, 0, new Uint8Array(3))).sw).toBe(0x6a80);
    expect((await session.command(0xd1, 0x00, 0, new Uint8Array(5))).sw).toBe(0x6a80);
    expect((await session.command(0xd1, 0x00, 0, new Uint8Array(44))).sw).toBe(0x6a80);
    expect((await session.command(0xd1, 0x40, 0, new Uint8Array(4))).sw).toBe(0x6b00);
    expect((await session.command(0xd1, 0x01, 0, new Uint8Array(4))).sw).toBe(0x6a86);
  });

  it('derives from master, current and parent, and reports the current path', async () => {
    const { session, root } = await withSeed();
    expect((await session.command(0xd1, 0x00, 0, WALLET_PATH.subarray(0, 12))).sw).toBe(0x9000);
    expect((await session.command(0xd1, 0x80, 0, WALLET_PATH.subarray(12))).sw).toBe(0x9000);
    expect(hex((await session.command(0xf2, 1, 0)).data)).toBe(hex(WALLET_PATH));
    expect(publicKeyOf(await session.command(0xc2, 0x00, 0x01))).toBe(
      uncompressed(root.derive("m/44'/60'/0'/0/0")),
    );
    expect((await session.command(0xd1, 0x40, 0, Uint8Array.of(0, 0, 0, 9))).sw).toBe(0x9000);
    expect(publicKeyOf(await session.command(0xc2, 0x00, 0x01))).toBe(
      uncompressed(root.derive("m/44'/60'/0'/0/9")),
    );
    // EXPORT P1=01 derives without moving the current path; P1=02 moves it.
    await session.command(0xc2, 0x01, 0x01, WHISPER_PATH);
    expect(hex((await session.command(0xf2, 1, 0)).data)).toBe(
      hex(WALLET_PATH.subarray(0, 16)) + '00000009',
    );
    await session.command(0xc2, 0x02, 0x01, WHISPER_PATH);
    expect(hex((await session.command(0xf2, 1, 0)).data)).toBe(hex(WHISPER_PATH));
    expect((await session.command(0xd1, 0x00, 0, new Uint8Array(0))).sw).toBe(0x9000);
    expect((await session.command(0xf2, 1, 0)).data.length).toBe(0);
  });

  it('exports private keys only inside EIP-1581 (5+ levels) and xpubs only outside it', async () => {
    const { session, root } = await withSeed();
    expect((await session.command(0xc2, 0x01, 0x00, WALLET_PATH)).sw).toBe(0x6985);
    expect((await session.command(0xc2, 0x01, 0x00, WHISPER_PATH.subarray(0, 12))).sw).toBe(0x6985);
    expect((await session.command(0xc2, 0x01, 0x00, WHISPER_PATH.subarray(0, 16))).sw).toBe(0x6985);
    expect((await session.command(0xc2, 0x01, 0x00, WHISPER_PATH)).sw).toBe(0x9000);
    expect((await session.command(0xc2, 0x01, 0x02, WHISPER_PATH)).sw).toBe(0x6985);
    const xpub = await session.command(0xc2, 0x01, 0x02, WALLET_PATH.subarray(0, 16));
    const account = root.derive("m/44'/60'/0'/0");
    expect(hex(xpub.data)).toBe(
      'a16580' + '41' + uncompressed(account) + '8220' + hex(account.chainCode!),
    );
    expect((await session.command(0xc2, 0x01, 0x03, WALLET_PATH)).sw).toBe(0x6a86);
    expect((await session.command(0xc2, 0x03, 0x01, WALLET_PATH)).sw).toBe(0x6a86);
  });

  it("answers an xpub of the master key with the last derivation's chain code, as the applet does", async () => {
    const { card, send, session, pairing, root } = await withSeed();
    await session.command(0xc2, 0x01, 0x01, Uint8Array.of(0, 0, 0, 1));
    const master = await session.command(0xc2, 0x01, 0x02);
    expect(hex(findTag(templateBody(master.data), 0x80)!)).toBe(MASTER_PUBLIC);
    expect(hex(findTag(templateBody(master.data), 0x82)!)).toBe(
      hex(root.deriveChild(1).chainCode!),
    );
    // derivationOutput is CLEAR_ON_RESET: after a power cycle the stale half is zeros.
    card.reset();
    const again = await Session.open(send, cardKeyOf(await select(send)), pairing);
    await again.command(0x20, 0, 0, ascii(PIN));
    const afterReset = await again.command(0xc2, 0x01, 0x02);
    expect(hex(findTag(templateBody(afterReset.data), 0x82)!)).toBe('00'.repeat(32));
  });

  it('needs the PIN and a key (6985)', async () => {
    const { session } = await opened({}, false);
    expect((await session.command(0xc2, 0x00, 0x01)).sw).toBe(0x6985);
    await session.command(0x20, 0, 0, ascii(PIN));
    expect((await session.command(0xc2, 0x00, 0x01)).sw).toBe(0x6985);
  });
});

describe('SIGN', () => {
  async function signer() {
    const context = await opened();
    const seed = mnemonicToSeedSync(MNEMONIC, '');
    await context.session.command(0xd0, 0x03, 0, seed);
    return { ...context, root: HDKey.fromMasterSeed(seed) };
  }

  it('signs a 32-byte hash as a prehash with the current key, low-S, verifiable against the export', async () => {
    const { session } = await signer();
    for (let i = 0; i < 24; i += 1) {
      const hash = randomBytes(32);
      const { publicKey } = checkSignature(await session.command(0xc0, 0x00, 0x00, hash), hash);
      expect(publicKey).toBe(MASTER_PUBLIC);
    }
  });

  it('signs with an inline path (P1=01 keeps the current path, P1=02 moves it)', async () => {
    const { session, root } = await signer();
    const hash = randomBytes(32);
    const signed = await session.command(0xc0, 0x01, 0x00, concatBytes(hash, WALLET_PATH));
    expect(checkSignature(signed, hash).publicKey).toBe(
      uncompressed(root.derive("m/44'/60'/0'/0/0")),
    );
    expect((await session.command(0xf2, 1, 0)).data.length).toBe(0);
    await session.command(0xc0, 0x02, 0x00, concatBytes(hash, WALLET_PATH));
    expect(hex((await session.command(0xf2, 1, 0)).data)).toBe(hex(WALLET_PATH));
    // P1=00 appends the extra bytes to the current path without keeping them.
    const appended = await session.command(
      0xc0,
      0x00,
      0x00,
      concatBytes(hash, Uint8Array.of(0, 0, 0, 3)),
    );
    expect(checkSignature(appended, hash).publicKey).toBe(
      uncompressed(root.derive("m/44'/60'/0'/0/0/3")),
    );
    // P2 is ignored by the 3.x applet.
    checkSignature(await session.command(0xc0, 0x00, 0x01, hash), hash);
  });

  it('checks the length (6A80), P1 (6B00), the channel and the PIN (6985)', async () => {
    const { send, session, pairing } = await signer();
    const hash = randomBytes(32);
    expect((await session.command(0xc0, 0x00, 0x00, hash.subarray(0, 31))).sw).toBe(0x6a80);
    const previousIv = session.chainingValue;
    const badP1 = await send(session.wrap(0x80, 0xc0, 0x04, 0x00, hash));
    expect(session.unwrap(dataOf(badP1), previousIv).sw).toBe(0x6b00);
    expect(swOf(await send(command(0x80, 0xc0, 0x00, 0x00, hash)))).toBe(0x6982);
    expect(swOf(await send(command(0x80, 0xc0, 0x00, 0x00, hash)))).toBe(0x6985);
    const noPin = await Session.open(send, cardKeyOf(await select(send)), pairing);
    expect((await noPin.command(0xc0, 0x00, 0x00, hash)).sw).toBe(0x6985);
  });

  it('signs PIN-less with P1=03: in plain without a channel, wrapped with one, 6A88 without a path', async () => {
    const { send, session, pairing, root } = await signer();
    expect((await session.command(0xc1, 0, 0, new Uint8Array(11))).sw).toBe(0x6a80);
    expect((await session.command(0xc1, 0, 0, new Uint8Array(44))).sw).toBe(0x6a80);
    expect((await session.command(0xc1, 0, 0, WALLET_PATH)).sw).toBe(0x9000);
    const expected = uncompressed(root.derive("m/44'/60'/0'/0/0"));

    await select(send);
    const hash = randomBytes(32);
    const plain = await send(command(0x80, 0xc0, 0x03, 0x00, hash));
    expect(checkSignature({ sw: swOf(plain), data: dataOf(plain) }, hash).publicKey).toBe(expected);
    expect(swOf(await send(command(0x80, 0xc0, 0x03, 0x00, hash.subarray(1))))).toBe(0x6a80);

    const open = await Session.open(send, cardKeyOf(await select(send)), pairing);
    expect(checkSignature(await open.command(0xc0, 0x03, 0x00, hash), hash).publicKey).toBe(
      expected,
    );
    // Without the PIN, P1=01 with exactly the PIN-less path is allowed too; any other path is not.
    expect(
      checkSignature(await open.command(0xc0, 0x01, 0x00, concatBytes(hash, WALLET_PATH)), hash)
        .publicKey,
    ).toBe(expected);
    expect(
      (await open.command(0xc0, 0x01, 0x00, concatBytes(hash, WALLET_PATH.subarray(0, 16)))).sw,
    ).toBe(0x6985);

    await open.command(0x20, 0, 0, ascii(PIN));
    expect((await open.command(0xc1, 0, 0)).sw).toBe(0x9000);
    expect((await open.command(0xc0, 0x03, 0x00, hash)).sw).toBe(0x6a88);
  });

  it('forgets the PIN-less path when a key is loaded', async () => {
    const { session } = await signer();
    await session.command(0xc1, 0, 0, WALLET_PATH);
    await session.command(0xd4, 0, 0);
    expect((await session.command(0xc0, 0x03, 0x00, randomBytes(32))).sw).toBe(0x6a88);
  });
});
