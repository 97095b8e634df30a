// The secure channel both applets share, driven by the raw client from the host's side:
// what INIT SECURE CHANNEL proves, how PROCESS checks the MAC and the IV counter, and the
// applet's odd edges (answers without MAC, GET STATUS in plain, the HMAC size limit).
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { SimulatedSatochip } from '../satochip';
import { SimulatedSeedkeeper } from '../seedkeeper';
import {
  Channel,
  SATOCHIP,
  SEEDKEEPER,
  ascii,
  cmd,
  connect,
  dataOf,
  hex,
  parseStatus,
  recoverSignedX,
  select,
  swOf,
  u16,
} from './raw-client';

const SETUP = { pin: '4321', puk: '87654321' };

const FAMILIES = [
  { name: 'Satochip', aid: SATOCHIP, make: () => SimulatedSatochip.initialized(SETUP) },
  { name: 'Seedkeeper', aid: SEEDKEEPER, make: () => SimulatedSeedkeeper.initialized(SETUP) },
] as const;

describe.each(FAMILIES)('$name secure channel', ({ aid, make, name }) => {
  async function ready() {
    const card = make();
    const send = (apdu: Uint8Array) => card.transmit(apdu);
    const channel = await connect(send, aid);
    return { card, send, channel };
  }

  it('opens with an ephemeral key the card signs, and the authentikey signs that', async () => {
    const { card, channel } = await ready();
    const authentikey = card.state.authentikey;
    expect(channel.authentikeyCandidates.map(hex)).toContain(authentikey);
    const answer = channel.initAnswer;
    const ephemeral = recoverSignedX(answer);
    expect(hex(ephemeral)).not.toBe(authentikey);
    const afterSignatures = 36 + u16(answer, 34);
    const end = afterSignatures + 2 + u16(answer, afterSignatures);
    if (name === 'Seedkeeper') {
      // The Seedkeeper appends the authentikey's x-coordinate.
      expect(u16(answer, end)).toBe(32);
      expect(hex(answer.slice(end + 2, end + 34))).toBe(authentikey.slice(2));
      expect(answer.length).toBe(end + 34);
    } else {
      expect(answer.length).toBe(end);
    }
    expect((await channel.command(cmd(0x42, 0, 0, ascii(SETUP.pin)))).sw).toBe(0x9000);
  });

  it('refuses wrapped commands before INIT (9C21) and plain commands always (9C20)', async () => {
    const card = make();
    const send = (apdu: Uint8Array) => card.transmit(apdu);
    expect(swOf(await select(send, aid))).toBe(0x9000);
    expect(swOf(card.transmit(cmd(0x82, 0, 0, new Uint8Array(60))))).toBe(0x9c21);
    expect(swOf(card.transmit(cmd(0x42, 0, 0, ascii(SETUP.pin))))).toBe(0x9c20);
    expect(swOf(card.transmit(Uint8Array.of(0x80, 0x42, 0, 0)))).toBe(0x6e00);
    // INIT needs a 65-byte uncompressed point.
    expect(swOf(card.transmit(cmd(0x81, 0, 0, new Uint8Array(64))))).toBe(0x6700);
    const compressed = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), true);
    expect(swOf(card.transmit(cmd(0x81, 0, 0, concatBytes(compressed, new Uint8Array(32)))))).toBe(
      0x9c0f,
    );
    const offCurve = new Uint8Array(65).fill(1);
    offCurve[0] = 0x04;
    expect(swOf(card.transmit(cmd(0x81, 0, 0, offCurve)))).toBe(0x6f00);
  });

  it('answers a wrong MAC with 9C23 and does not move the IV counter', async () => {
    const { send, channel } = await ready();
    const verify = cmd(0x42, 0, 0, ascii(SETUP.pin));
    const iv = channel.nextIv();
    const good = channel.wrap(verify, { iv });
    const badMac = good.slice();
    badMac[badMac.length - 1]! ^= 0x01;
    expect(swOf(await send(badMac))).toBe(0x9c23);
    // A MAC of another length is refused the same way.
    expect(swOf(await send(channel.wrap(verify, { iv, mac: new Uint8Array(19) })))).toBe(0x9c23);
    // The counter did not move: the same IV is still fresh.
    expect(swOf(await send(good))).toBe(0x9000);
  });

  it('wants an odd IV whose counter is above the last one (9C22)', async () => {
    const { send, channel } = await ready();
    const verify = cmd(0x42, 0, 0, ascii(SETUP.pin));
    const first = channel.nextIv();
    const even = first.slice();
    even[15] = even[15]! + 1;
    expect(swOf(await send(channel.wrap(verify, { iv: even })))).toBe(0x9c22);
    expect(swOf(await send(channel.wrap(verify, { iv: first })))).toBe(0x9000);
    // Replaying the counter, or stepping by one (the card keeps counter + 1), is refused.
    expect(swOf(await send(channel.wrap(verify, { iv: first })))).toBe(0x9c22);
    const next = first.slice();
    next[15] = next[15]! + 2;
    expect(swOf(await send(channel.wrap(verify, { iv: next })))).toBe(0x9000);
  });

  it('encrypts answers under an IV that carries the counter + 1, with no MAC', async () => {
    const { send, channel } = await ready();
    await channel.command(cmd(0x42, 0, 0, ascii(SETUP.pin)));
    const iv = channel.nextIv();
    const response = await send(channel.wrap(cmd(0x3d, 0, 1), { iv }));
    expect(swOf(response)).toBe(0x9000);
    const data = dataOf(response);
    const counter = new DataView(iv.buffer).getUint32(12);
    expect(new DataView(data.buffer, data.byteOffset).getUint32(12)).toBe(counter + 1);
    expect(u16(data, 16)).toBe(data.length - 18);
    expect(hex(channel.unwrap(data))).toBe('00');
  });

  it('answers a wrapped GET STATUS in plain, and a wrong-PIN status word in plain', async () => {
    const { send, channel } = await ready();
    const status = await send(channel.wrap(cmd(0x3c)));
    expect(swOf(status)).toBe(0x9000);
    expect(parseStatus(dataOf(status)).setupDone).toBe(true);
    expect(await channel.command(cmd(0x42, 0, 0, ascii('0000')))).toEqual({
      sw: 0x63c4,
      data: new Uint8Array(0),
    });
  });

  it('refuses a wrapped command longer than its HMAC routine takes (9C1F)', async () => {
    const { send, channel } = await ready();
    // 16 + 2 + 176 bytes of MACed data is over HmacSha160's 192-byte limit.
    const long = cmd(0x3d, 0, 0, new Uint8Array(160));
    expect(swOf(await send(channel.wrap(long)))).toBe(0x9c1f);
    const fits = cmd(
      0x3d,
      0,
      0,
      concatBytes(Uint8Array.of(5), ascii('label'), new Uint8Array(144)),
    );
    expect(swOf(await send(channel.wrap(fits)))).not.toBe(0x9c1f);
  });

  it('does not check the inner Lc against what was decrypted', async () => {
    const { channel, card } = await ready();
    await channel.command(cmd(0x42, 0, 0, ascii(SETUP.pin)));
    const claimsMore = Uint8Array.of(0xb0, 0x3d, 0x00, 0x00, 0x20, 0x03, 0x61, 0x62, 0x63);
    expect((await channel.command(claimsMore)).sw).toBe(0x9000);
    expect(card.state.label).toBe('abc');
  });

  it('fails with 6F00 when the ciphertext is not whole blocks, after the counter moved', async () => {
    const { send, channel } = await ready();
    const iv = channel.nextIv();
    expect(swOf(await send(channel.wrapCiphertext(iv, new Uint8Array(15))))).toBe(0x6f00);
    expect(swOf(await send(channel.wrap(cmd(0x42, 0, 0, ascii(SETUP.pin)), { iv })))).toBe(0x9c22);
    expect((await channel.command(cmd(0x42, 0, 0, ascii(SETUP.pin)))).sw).toBe(0x9000);
  });

  it('drops the channel on SELECT', async () => {
    const { send, channel } = await ready();
    await select(send, aid);
    expect(swOf(await send(channel.wrap(cmd(0x42, 0, 0, ascii(SETUP.pin)))))).toBe(0x9c21);
    const again = await Channel.open(send);
    expect((await again.command(cmd(0x42, 0, 0, ascii(SETUP.pin)))).sw).toBe(0x9000);
  });
});
