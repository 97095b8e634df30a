// SELECT templates and INIT, driven by hand-built APDUs.
import { concatBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { SimulatedKeycard, pairingSecretFor } from './index';
import {
  Session,
  ascii,
  cardKeyOf,
  command,
  connect,
  dataOf,
  findTag,
  hex,
  initData,
  pair,
  select,
  swOf,
  templateBody,
} from './raw-client';

const SECRET = pairingSecretFor('KeycardDefaultPairing');
const PIN = '000000';
const PUK = '012345678901';

function sender(card: SimulatedKeycard) {
  return (apdu: Uint8Array) => card.transmit(apdu);
}

async function init(card: SimulatedKeycard, payload: Uint8Array): Promise<number> {
  const send = sender(card);
  const selected = await select(send);
  return swOf(await send(command(0x80, 0xfe, 0, 0, initData(cardKeyOf(selected), payload))));
}

describe('SELECT', () => {
  it('answers only 80 41 <key> on a pre-initialised card', async () => {
    const card = new SimulatedKeycard();
    const response = await select(sender(card));
    expect(swOf(response)).toBe(0x9000);
    const data = dataOf(response);
    expect(data.length).toBe(67);
    expect(hex(data.subarray(0, 3))).toBe('804104');
  });

  it('answers the 97-byte application template on an initialised card without a key', async () => {
    const uid = Uint8Array.from({ length: 16 }, (_, i) => i);
    const card = SimulatedKeycard.initialized(
      { pin: PIN, puk: PUK, pairingPassword: 'x' },
      { instanceUid: uid },
    );
    const data = dataOf(await select(sender(card)));
    expect(hex(data.subarray(0, 2))).toBe('a461');
    expect(data.length).toBe(2 + 0x61);
    const body = templateBody(data);
    expect(hex(body.subarray(0, 18))).toBe('8f10' + hex(uid));
    expect(hex(body.subarray(18, 21))).toBe('804104');
    // version 3.1, 5 free slots, no key UID, capabilities 1F.
    expect(hex(body.subarray(18 + 67))).toBe('0202030102010' + '58e008d011f');
  });

  it('uses the A4 81 81 long form and carries the key UID once a key is loaded', async () => {
    const card = SimulatedKeycard.initialized({
      pin: PIN,
      puk: PUK,
      pairingPassword: 'x',
      mnemonic:
        'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will',
    });
    const data = dataOf(await select(sender(card)));
    expect(hex(data.subarray(0, 3))).toBe('a48181');
    expect(data.length).toBe(3 + 0x81);
    expect(hex(findTag(templateBody(data), 0x8e)!)).toBe(card.state.keyUid);
  });

  it('reports version 03 02 and 10 slots on 3.2', async () => {
    const card = SimulatedKeycard.initialized(
      { pin: PIN, puk: PUK, pairingPassword: 'x' },
      { version: '3.2' },
    );
    const body = templateBody(dataOf(await select(sender(card))));
    expect(hex(body.subarray(18 + 67, 18 + 67 + 7))).toBe('02020302' + '02010a');
  });

  it('answers 6A82 for an unknown AID and 6D00 while no applet is selected', async () => {
    const card = new SimulatedKeycard();
    const send = sender(card);
    expect(swOf(await send(command(0x80, 0xf2, 0, 0)))).toBe(0x6d00);
    expect(swOf(await send(command(0x00, 0xa4, 0x04, 0x00, Uint8Array.of(0xa0, 0, 0, 8, 4))))).toBe(
      0x6a82,
    );
  });

  it('gives the JCOP4 T=1 ATR with a valid check byte', () => {
    const atr = new SimulatedKeycard().atr;
    expect(atr[0]).toBe(0x3b);
    expect(atr.subarray(1).reduce((x, b) => x ^ b, 0)).toBe(0);
    // TD1 announces T=1.
    expect(atr[4]! & 0x0f).toBe(1);
  });
});

describe('INIT', () => {
  it('accepts PIN ‖ PUK ‖ secret, regenerates the channel key and then refuses INIT', async () => {
    const card = new SimulatedKeycard();
    const send = sender(card);
    const before = cardKeyOf(await select(send));
    expect(await init(card, concatBytes(ascii(PIN + PUK), SECRET))).toBe(0x9000);
    expect(card.state).toMatchObject({ initialized: true, pinTriesLeft: 3, pukTriesLeft: 5 });
    const after = cardKeyOf(await select(send));
    expect(hex(after)).not.toBe(hex(before));
    expect(await init(card, concatBytes(ascii(PIN + PUK), SECRET))).toBe(0x6d00);
  });

  it('needs a new SELECT after INIT: the old channel key no longer opens a session', async () => {
    const card = new SimulatedKeycard();
    const send = sender(card);
    const oldKey = cardKeyOf(await select(send));
    await send(command(0x80, 0xfe, 0, 0, initData(oldKey, concatBytes(ascii(PIN + PUK), SECRET))));
    const pairing = await pair(send, SECRET);
    await expect(Session.open(send, oldKey, pairing)).rejects.toThrow();
    const fresh = await connect(send, SECRET);
    expect((await fresh.session.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x9000);
  });

  it('takes retry limits (52 bytes) and a duress PIN (58 bytes)', async () => {
    const card = new SimulatedKeycard();
    const payload = concatBytes(ascii(PIN + PUK), SECRET, Uint8Array.of(7, 9), ascii('135790'));
    expect(await init(card, payload)).toBe(0x9000);
    expect(card.state).toMatchObject({ pinTriesLeft: 7, pukTriesLeft: 9 });
    const { session } = await connect(sender(card), SECRET);
    expect((await session.command(0x20, 0, 0, ascii('135790'))).sw).toBe(0x9000);
    expect((await session.command(0x20, 0, 0, ascii(PUK.slice(0, 6)))).sw).toBe(0x63c6);

    const limited = new SimulatedKeycard();
    expect(await init(limited, concatBytes(ascii(PIN + PUK), SECRET, Uint8Array.of(2, 3)))).toBe(
      0x9000,
    );
    expect(limited.state).toMatchObject({ pinTriesLeft: 2, pukTriesLeft: 3 });
  });

  it('makes the first six PUK digits the duress PIN when none is given', async () => {
    const card = new SimulatedKeycard();
    expect(await init(card, concatBytes(ascii(PIN + PUK), SECRET))).toBe(0x9000);
    const { session } = await connect(sender(card), SECRET);
    expect((await session.command(0x20, 0, 0, ascii(PUK.slice(0, 6)))).sw).toBe(0x9000);
  });

  it.each([
    ['a 51-byte payload', concatBytes(ascii(PIN + PUK), SECRET, Uint8Array.of(3))],
    ['a non-digit PIN', concatBytes(ascii('00000a' + PUK), SECRET)],
    ['a non-digit PUK', concatBytes(ascii(PIN + '01234567890x'), SECRET)],
    ['PIN tries 1', concatBytes(ascii(PIN + PUK), SECRET, Uint8Array.of(1, 5))],
    ['PIN tries 11', concatBytes(ascii(PIN + PUK), SECRET, Uint8Array.of(11, 5))],
    ['PUK tries 2', concatBytes(ascii(PIN + PUK), SECRET, Uint8Array.of(3, 2))],
    ['PUK tries 13', concatBytes(ascii(PIN + PUK), SECRET, Uint8Array.of(3, 13))],
  ])('refuses %s with 6A80 and stays blank', async (_, payload) => {
    const card = new SimulatedKeycard();
    expect(await init(card, payload)).toBe(0x6a80);
    expect(card.state.initialized).toBe(false);
  });

  it('refuses a client key that is not a curve point with 6A80', async () => {
    const card = new SimulatedKeycard();
    const send = sender(card);
    await select(send);
    const data = initData(cardKeyOf(await select(send)), concatBytes(ascii(PIN + PUK), SECRET));
    data[10] = data[10]! ^ 0xff;
    expect(swOf(await send(command(0x80, 0xfe, 0, 0, data)))).toBe(0x6a80);
    expect(card.state.initialized).toBe(false);
  });

  it('answers 6D00 to everything but INIT and IDENTIFY before INIT', async () => {
    const card = new SimulatedKeycard();
    const send = sender(card);
    await select(send);
    for (const apdu of [
      command(0x80, 0xf2, 0, 0),
      command(0x80, 0x12, 0, 0, new Uint8Array(32)),
      command(0x80, 0x10, 0, 0, new Uint8Array(65)),
      command(0x80, 0xca, 0, 0),
      command(0x80, 0xfd, 0xaa, 0x55),
    ]) {
      expect(swOf(await send(apdu))).toBe(0x6d00);
    }
    expect(swOf(await send(command(0x80, 0x14, 0, 0, new Uint8Array(32))))).toBe(0x9000);
  });
});

describe('dispatch on an initialised card', () => {
  it('answers 6D00 to an unknown INS, wrapped on an open channel, and does not check CLA', async () => {
    const card = SimulatedKeycard.initialized({ pin: PIN, puk: PUK, pairingPassword: 'p' });
    const send = sender(card);
    await select(send);
    expect(swOf(await send(command(0x80, 0x99, 0, 0)))).toBe(0x6d00);
    const { session } = await connect(send, pairingSecretFor('p'));
    expect((await session.command(0x20, 0, 0, ascii(PIN), 0x00)).sw).toBe(0x9000);
    expect((await session.command(0xf2, 0, 0, new Uint8Array(0), 0xb0)).sw).toBe(0x9000);
    // An unknown INS is refused before unwrapping, so the card wraps 6D00 with its previous
    // IV (the last response MAC), not with this command's MAC.
    const previousIv = session.chainingValue;
    const response = await send(session.wrap(0x80, 0x99, 0, 0, new Uint8Array(0)));
    expect(swOf(response)).toBe(0x9000);
    expect(session.unwrap(dataOf(response), previousIv).sw).toBe(0x6d00);
    // Both sides chain on to that answer's MAC, so the channel carries on.
    expect((await session.command(0xf2, 0, 0)).sw).toBe(0x9000);
  });
});
