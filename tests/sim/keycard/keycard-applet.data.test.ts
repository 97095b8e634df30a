// STORE DATA / GET DATA (public, NDEF, Cash slots) and FACTORY RESET.
import { hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { SimulatedKeycard, pairingSecretFor, type SimulatedKeycardOptions } from './index';
import {
  ascii,
  cardKeyOf,
  command,
  connect,
  dataOf,
  hex,
  initData,
  select,
  swOf,
} from './raw-client';

const PASSWORD = 'KeycardDefaultPairing';
const SECRET = pairingSecretFor(PASSWORD);
const PIN = '000000';
// keycard-go types/metadata_test.go: name "123", wallets 0, 4..7, 0x7A28..0x7A29.
const METADATA = hexToBytes('2331323300000403827a2801');

async function opened(options: SimulatedKeycardOptions = {}) {
  const card = SimulatedKeycard.initialized(
    { pin: PIN, puk: '012345678901', pairingPassword: PASSWORD },
    options,
  );
  const send = (apdu: Uint8Array) => card.transmit(apdu);
  const connection = await connect(send, SECRET);
  return { card, send, ...connection };
}

describe('STORE DATA and GET DATA', () => {
  it('round-trips the Status metadata vector, wrapped and in plain', async () => {
    const { send, session } = await opened();
    expect((await session.command(0xe2, 0x00, 0, METADATA)).sw).toBe(0x6985);
    await session.command(0x20, 0, 0, ascii(PIN));
    expect((await session.command(0xe2, 0x00, 0, METADATA)).sw).toBe(0x9000);
    expect(await session.command(0xca, 0x00, 0)).toEqual({ sw: 0x9000, data: METADATA });
    // GET DATA needs neither PIN nor channel, but an open channel wants it wrapped.
    expect(swOf(await send(command(0x80, 0xca, 0x00, 0x00)))).toBe(0x6982);
    await select(send);
    const plain = await send(command(0x80, 0xca, 0x00, 0x00));
    expect(hex(plain)).toBe(hex(METADATA) + '9000');
  });

  it('needs an open channel to store, takes up to 127 bytes, and checks P1', async () => {
    const { send } = await opened();
    await select(send);
    expect(swOf(await send(command(0x80, 0xe2, 0x00, 0x00, METADATA)))).toBe(0x6985);
    const again = await connect(send, SECRET);
    await again.session.command(0x20, 0, 0, ascii(PIN));
    expect((await again.session.command(0xe2, 0x00, 0, new Uint8Array(128))).sw).toBe(0x6a80);
    const full = Uint8Array.from({ length: 127 }, (_, i) => i);
    expect((await again.session.command(0xe2, 0x00, 0, full)).sw).toBe(0x9000);
    expect((await again.session.command(0xca, 0x00, 0)).data).toEqual(full);
    expect((await again.session.command(0xe2, 0x00, 0)).sw).toBe(0x9000);
    expect((await again.session.command(0xca, 0x00, 0)).data.length).toBe(0);
    expect((await again.session.command(0xe2, 0x03, 0, METADATA)).sw).toBe(0x6a86);
    expect((await again.session.command(0xca, 0x03, 0)).sw).toBe(0x6a86);
  });

  it('keeps the NDEF (the largest secure-channel payload, 223 bytes, on 3.1) and Cash slots apart', async () => {
    const { session } = await opened();
    await session.command(0x20, 0, 0, ascii(PIN));
    const ndef = randomBytes(223);
    expect((await session.command(0xe2, 0x02, 0, new Uint8Array(128))).sw).toBe(0x6a80);
    expect((await session.command(0xe2, 0x01, 0, ndef)).sw).toBe(0x9000);
    expect((await session.command(0xe2, 0x02, 0, METADATA)).sw).toBe(0x9000);
    expect((await session.command(0xca, 0x01, 0)).data).toEqual(ndef);
    expect((await session.command(0xca, 0x02, 0)).data).toEqual(METADATA);
    expect((await session.command(0xca, 0x00, 0)).data.length).toBe(0);
  });

  it('writes the 3.2 NDEF file in segments at P2 × 4 and reads back NLEN + 2 bytes', async () => {
    const { session } = await opened({ version: '3.2' });
    await session.command(0x20, 0, 0, ascii(PIN));
    const message = randomBytes(300);
    const file = new Uint8Array(302);
    file.set([0x01, 0x2c], 0);
    file.set(message, 2);
    expect((await session.command(0xe2, 0x01, 0, file.subarray(0, 200))).sw).toBe(0x9000);
    expect((await session.command(0xe2, 0x01, 50, file.subarray(200))).sw).toBe(0x9000);
    expect((await session.command(0xe2, 0x01, 100, new Uint8Array(113))).sw).toBe(0x6a80);
    expect((await session.command(0xe2, 0x01, 0x80, new Uint8Array(4))).sw).toBe(0x6f00);
    // A read answers at most one secure-channel payload (223 bytes) of the file.
    expect((await session.command(0xca, 0x01, 0)).data).toEqual(file.subarray(0, 223));
    const short = Uint8Array.of(0x00, 0x03, 1, 2, 3);
    await session.command(0xe2, 0x01, 0, short);
    expect((await session.command(0xca, 0x01, 0)).data).toEqual(short);
  });
});

describe('FACTORY RESET', () => {
  it('checks the magic P1/P2, then wipes the applet back to the pre-initialised state', async () => {
    const { card, send, session } = await opened();
    await session.command(0x20, 0, 0, ascii(PIN));
    await session.command(0xd4, 0, 0);
    await session.command(0xe2, 0x00, 0, METADATA);
    await session.command(0xe2, 0x01, 0, METADATA);
    const before = card.state;
    const oldKey = cardKeyOf(await select(send));

    expect(swOf(await send(command(0x80, 0xfd, 0x00, 0x00)))).toBe(0x6a86);
    expect(swOf(await send(command(0x80, 0xfd, 0xaa, 0x55)))).toBe(0x9000);
    expect(swOf(await send(command(0x80, 0xf2, 0x01, 0x00)))).toBe(0x6d00);
    expect(swOf(await send(command(0x80, 0xfd, 0xaa, 0x55)))).toBe(0x6d00);
    const after = card.state;
    expect(after).toMatchObject({ initialized: false, keyUid: undefined, freePairingSlots: 5 });
    expect(after.instanceUid).not.toBe(before.instanceUid);

    const selected = dataOf(await select(send));
    expect(selected.length).toBe(67);
    expect(hex(selected.subarray(0, 2))).toBe('8041');
    expect(hex(selected.subarray(2))).not.toBe(hex(oldKey));
    const payload = new Uint8Array([...ascii(PIN + '012345678901'), ...SECRET]);
    expect(
      swOf(await send(command(0x80, 0xfe, 0, 0, initData(selected.subarray(2), payload)))),
    ).toBe(0x9000);
    const fresh = await connect(send, SECRET);
    // The public data went with the reset; the NDEF file (shared with the NDEF applet) did not.
    expect((await fresh.session.command(0xca, 0x00, 0)).data.length).toBe(0);
    expect((await fresh.session.command(0xca, 0x01, 0)).data).toEqual(METADATA);
  });

  it('runs in plain even on an open channel, and the identity certificate survives it', async () => {
    const { send, session } = await opened();
    const before = (await session.command(0x14, 0, 0, randomBytes(32))).data;
    const previousIv = session.chainingValue;
    const refused = await send(command(0x80, 0xfd, 0xaa, 0x00));
    expect(session.unwrap(dataOf(refused), previousIv).sw).toBe(0x6a86);
    expect(swOf(await send(command(0x80, 0xfd, 0xaa, 0x55)))).toBe(0x9000);
    expect(dataOf(await select(send))[0]).toBe(0x80);
    const after = dataOf(await send(command(0x80, 0x14, 0, 0, randomBytes(32))));
    expect(hex(after.subarray(3, 103))).toBe(hex(before.subarray(3, 103)));
  });
});
