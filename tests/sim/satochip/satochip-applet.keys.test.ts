// The Satochip's BIP-32 wallet from the host's side: seed import, extended keys checked
// against @scure/bip32, hash signing checked against the derived key, the key cache and
// seed reset.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { describe, expect, it } from 'vitest';
import {
  SATOCHIP,
  ascii,
  cmd,
  connect,
  getStatus,
  hex,
  parseExtendedKey,
  recoverSignedX,
  u16,
  verifies,
  type Channel,
} from '../toporin/raw-client';
import { SimulatedSatochip } from './index';

const PIN = '123456';
const MNEMONIC =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const SEED = mnemonicToSeedSync(MNEMONIC, 'TREZOR');

/** pysatochip's bip32path2bytes. */
function pathBytes(path: string): { depth: number; bytes: Uint8Array } {
  const parts = path.split('/').slice(1);
  const bytes = new Uint8Array(4 * parts.length);
  const view = new DataView(bytes.buffer);
  parts.forEach((part, i) => {
    const hardened = part.endsWith("'");
    view.setUint32(4 * i, (Number.parseInt(part, 10) + (hardened ? 0x80000000 : 0)) >>> 0);
  });
  return { depth: parts.length, bytes };
}

function extendedKey(path: string, p2 = 0x40): Uint8Array {
  const { depth, bytes } = pathBytes(path);
  return cmd(0x6d, depth, p2, bytes);
}

async function unlocked(card: SimulatedSatochip): Promise<Channel> {
  const channel = await connect((apdu) => card.transmit(apdu), SATOCHIP);
  expect((await channel.command(cmd(0x42, 0, 0, ascii(PIN)))).sw).toBe(0x9000);
  return channel;
}

function setUpCard(options: { cacheSlots?: number } = {}): SimulatedSatochip {
  return SimulatedSatochip.initialized({ pin: PIN, puk: '12345678', ...options });
}

describe('Satochip BIP-32', () => {
  it('imports a seed and answers the authentikey, self-signed', async () => {
    const card = setUpCard();
    const channel = await unlocked(card);
    const reply = await channel.command(cmd(0x6c, SEED.length, 0, SEED));
    expect(reply.sw).toBe(0x9000);
    expect(hex(recoverSignedX(reply.data))).toBe(card.state.authentikey);
    expect((await getStatus((apdu) => card.transmit(apdu))).seeded).toBe(true);
    expect((await channel.command(cmd(0x6c, SEED.length, 0, SEED))).sw).toBe(0x9c17);
  });

  it('checks PIN, P2 and the seed size before importing', async () => {
    const card = setUpCard();
    const channel = await connect((apdu) => card.transmit(apdu), SATOCHIP);
    expect((await channel.command(cmd(0x6c, 64, 0, SEED))).sw).toBe(0x9c06);
    await channel.command(cmd(0x42, 0, 0, ascii(PIN)));
    expect((await channel.command(cmd(0x6c, 64, 1, SEED))).sw).toBe(0x9c11);
    expect((await channel.command(cmd(0x6c, 65, 0, SEED))).sw).toBe(0x6700);
    expect((await channel.command(cmd(0x6c, 64, 0, SEED.slice(0, 32)))).sw).toBe(0x6700);
    expect(card.state.seeded).toBe(false);
  });

  it("derives m/44'/60'/0'/0 exactly as @scure/bip32 does, signed by the key and the authentikey", async () => {
    const card = setUpCard();
    const channel = await unlocked(card);
    await channel.command(cmd(0x6c, SEED.length, 0, SEED));
    const reply = await channel.command(extendedKey("m/44'/60'/0'/0"));
    expect(reply.sw).toBe(0x9000);
    const key = parseExtendedKey(reply.data);
    const expected = HDKey.fromMasterSeed(SEED).derive("m/44'/60'/0'/0");
    expect(hex(key.publicKey)).toBe(hex(expected.publicKey!));
    expect(hex(key.chainCode)).toBe(hex(expected.chainCode!));
    const authentikey = hexToBytes(card.state.authentikey);
    expect(verifies(key.authentikeySignature, key.signedByAuthentikey, authentikey)).toBe(true);
    expect(key.signedByAuthentikey.length + 2 + key.authentikeySignature.length).toBe(
      reply.data.length,
    );
  });

  it('derives the master key, hardened and normal children, from the cache or not', async () => {
    const card = setUpCard();
    const channel = await unlocked(card);
    await channel.command(cmd(0x6c, SEED.length, 0, SEED));
    const root = HDKey.fromMasterSeed(SEED);
    for (const path of [
      'm',
      "m/44'/60'/0'/0/0",
      "m/44'/60'/0'/0/7",
      'm/1/2/3',
      "m/44'/60'/0'/0/0",
    ]) {
      const key = parseExtendedKey((await channel.command(extendedKey(path))).data);
      const expected = path === 'm' ? root : root.derive(path);
      expect(hex(key.publicKey), path).toBe(hex(expected.publicKey!));
      expect(hex(key.chainCode), path).toBe(hex(expected.chainCode!));
    }
    expect(card.state.cacheSlotsUsed).toBe(9);
  });

  it('checks PIN, seed, depth and path length', async () => {
    const card = setUpCard();
    const channel = await connect((apdu) => card.transmit(apdu), SATOCHIP);
    expect((await channel.command(extendedKey('m/0'))).sw).toBe(0x9c06);
    await channel.command(cmd(0x42, 0, 0, ascii(PIN)));
    expect((await channel.command(extendedKey('m/0'))).sw).toBe(0x9c14);
    await channel.command(cmd(0x6c, SEED.length, 0, SEED));
    expect((await channel.command(cmd(0x6d, 11, 0, new Uint8Array(44)))).sw).toBe(0x9c10);
    expect((await channel.command(cmd(0x6d, 3, 0, new Uint8Array(8)))).sw).toBe(0x9c0f);
  });

  it('answers 9C01 once the key cache is full, until P2 bit 0x80 empties it', async () => {
    const card = setUpCard({ cacheSlots: 5 });
    const channel = await unlocked(card);
    await channel.command(cmd(0x6c, SEED.length, 0, SEED));
    expect((await channel.command(extendedKey("m/44'/60'/0'/0/0"))).sw).toBe(0x9000);
    expect(card.state.cacheSlotsUsed).toBe(5);
    expect((await channel.command(extendedKey("m/44'/60'/0'/0/1"))).sw).toBe(0x9c01);
    // Keys already cached still come out.
    expect((await channel.command(extendedKey("m/44'/60'/0'/0/0"))).sw).toBe(0x9000);
    const reply = await channel.command(extendedKey("m/44'/60'/0'/0/1", 0x40 | 0x80));
    expect(reply.sw).toBe(0x9000);
    const expected = HDKey.fromMasterSeed(SEED).derive("m/44'/60'/0'/0/1");
    expect(hex(parseExtendedKey(reply.data).publicKey)).toBe(hex(expected.publicKey!));
    expect(card.state.cacheSlotsUsed).toBe(5);
  });

  it('signs a 32-byte hash with the last derived key: a DER signature of the hash as given', async () => {
    const card = setUpCard();
    const channel = await unlocked(card);
    expect((await channel.command(cmd(0x7a, 0xff, 0, new Uint8Array(32)))).sw).toBe(0x9c14);
    await channel.command(cmd(0x6c, SEED.length, 0, SEED));
    const path = "m/44'/60'/0'/0/3";
    await channel.command(extendedKey(path));
    const publicKey = HDKey.fromMasterSeed(SEED).derive(path).publicKey!;
    let highS = 0;
    for (let i = 0; i < 24; i += 1) {
      const hash = sha256(randomBytes(16));
      const reply = await channel.command(cmd(0x7a, 0xff, 0, hash));
      expect(reply.sw).toBe(0x9000);
      const signature = secp256k1.Signature.fromBytes(reply.data, 'der');
      expect(
        secp256k1.verify(reply.data, hash, publicKey, {
          prehash: false,
          format: 'der',
          lowS: false,
        }),
      ).toBe(true);
      if (signature.hasHighS()) highS += 1;
    }
    // The card does not normalise S: the host recovers v and applies low-S itself.
    expect(highS).toBeGreaterThan(0);
  });

  it('refuses a short hash (6700), a bad key number (9C10) and an empty key slot (9C10)', async () => {
    const card = setUpCard();
    const channel = await unlocked(card);
    await channel.command(cmd(0x6c, SEED.length, 0, SEED));
    expect((await channel.command(cmd(0x7a, 0xff, 0, new Uint8Array(31)))).sw).toBe(0x6700);
    expect((await channel.command(cmd(0x7a, 0x10, 0, new Uint8Array(32)))).sw).toBe(0x9c10);
    expect((await channel.command(cmd(0x7a, 0x00, 0, new Uint8Array(32)))).sw).toBe(0x9c10);
    // No key derived yet on this card: the applet's extended key object is still empty.
    expect((await channel.command(cmd(0x7a, 0xff, 0, new Uint8Array(32)))).sw).toBe(0x6f00);
  });

  it('resets the seed with the PIN in the command, logging out', async () => {
    const card = setUpCard();
    const channel = await unlocked(card);
    await channel.command(cmd(0x6c, SEED.length, 0, SEED));
    const pin = ascii(PIN);
    expect((await channel.command(cmd(0x77, pin.length, 0, ascii('654321')))).sw).toBe(0x63c4);
    expect((await channel.command(cmd(0x77, pin.length, 0, pin))).sw).toBe(0x9000);
    expect(card.state.seeded).toBe(false);
    expect((await channel.command(extendedKey('m/0'))).sw).toBe(0x9c06);
    expect((await channel.command(cmd(0x77, pin.length, 0, pin))).sw).toBe(0x9c14);
  });

  it('keeps signing with the key derived from the previous seed until a new derivation', async () => {
    const card = setUpCard();
    const channel = await unlocked(card);
    await channel.command(cmd(0x6c, SEED.length, 0, SEED));
    await channel.command(extendedKey("m/44'/60'/0'/0/0"));
    const pin = ascii(PIN);
    await channel.command(cmd(0x77, pin.length, 0, pin));
    await channel.command(cmd(0x42, 0, 0, pin));
    const other = randomBytes(32);
    await channel.command(cmd(0x6c, other.length, 0, other));
    const hash = sha256(ascii('stale key'));
    const signature = (await channel.command(cmd(0x7a, 0xff, 0, hash))).data;
    const oldKey = HDKey.fromMasterSeed(SEED).derive("m/44'/60'/0'/0/0").publicKey!;
    expect(
      secp256k1.verify(signature, hash, oldKey, { prehash: false, format: 'der', lowS: false }),
    ).toBe(true);
  });

  it('hands out the authentikey before and after seeding (0xAD), and 0x73 only when seeded', async () => {
    const card = setUpCard();
    const channel = await unlocked(card);
    const exported = await channel.command(cmd(0xad));
    expect(hex(recoverSignedX(exported.data))).toBe(card.state.authentikey);
    expect((await channel.command(cmd(0x73))).sw).toBe(0x9c14);
    await channel.command(cmd(0x6c, SEED.length, 0, SEED));
    expect(hex(recoverSignedX((await channel.command(cmd(0x73))).data))).toBe(
      card.state.authentikey,
    );
    const stats = await channel.command(cmd(0x75));
    expect([u16(stats.data, 0), u16(stats.data, 2)]).toEqual([32, 0]);
  });

  it('loads a phrase through the direct set-up as IMPORT SEED would', async () => {
    const card = SimulatedSatochip.initialized({
      pin: PIN,
      puk: '12345678',
      mnemonic: MNEMONIC,
      passphrase: 'TREZOR',
      label: 'Spending',
    });
    expect(card.state).toMatchObject({
      seeded: true,
      label: 'Spending',
      pinTriesLeft: 5,
      pukTriesLeft: 1,
    });
    const channel = await unlocked(card);
    const key = parseExtendedKey((await channel.command(extendedKey("m/44'/60'/0'/0"))).data);
    expect(hex(key.publicKey)).toBe(
      hex(HDKey.fromMasterSeed(SEED).derive("m/44'/60'/0'/0").publicKey!),
    );
  });
});
