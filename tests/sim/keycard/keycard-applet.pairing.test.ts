// PAIR, UNPAIR, OPEN SECURE CHANNEL and MUTUALLY AUTHENTICATE, driven by hand-built APDUs.
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
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
  pair,
  select,
  swOf,
  templateBody,
} from './raw-client';

const PASSWORD = 'KeycardDefaultPairing';
const SECRET = pairingSecretFor(PASSWORD);
const PIN = '000000';

function newCard(options: SimulatedKeycardOptions = {}) {
  const card = SimulatedKeycard.initialized(
    { pin: PIN, puk: '012345678901', pairingPassword: PASSWORD },
    options,
  );
  return { card, send: (apdu: Uint8Array) => card.transmit(apdu) };
}

async function freeSlots(send: (apdu: Uint8Array) => Uint8Array): Promise<number> {
  const body = templateBody(dataOf(await select(send)));
  // The second INT (tag 02) of the template is the number of free slots.
  return body[18 + 67 + 4 + 2]!;
}

describe('PAIR', () => {
  it('pairs into the first free slot with the cryptograms of the digest', async () => {
    const { card, send } = newCard();
    await select(send);
    const pairing = await pair(send, SECRET);
    expect(pairing.index).toBe(0);
    expect(card.state.freePairingSlots).toBe(4);
    expect(await freeSlots(send)).toBe(4);
    expect((await pair(send, SECRET)).index).toBe(1);
  });

  it('answers a card cryptogram that does not match a wrong pairing password', async () => {
    const { send } = newCard();
    await select(send);
    await expect(pair(send, pairingSecretFor('not the password'))).rejects.toThrow(
      'card cryptogram mismatch',
    );
  });

  it('refuses a wrong client cryptogram with 6982 and releases the slot', async () => {
    const { card, send } = newCard();
    await select(send);
    expect(swOf(await send(command(0x80, 0x12, 0, 0, randomBytes(32))))).toBe(0x9000);
    expect(swOf(await send(command(0x80, 0x12, 1, 0, randomBytes(32))))).toBe(0x6982);
    expect(card.state.freePairingSlots).toBe(5);
    expect(swOf(await send(command(0x80, 0x12, 1, 0, randomBytes(32))))).toBe(0x6a86);
    expect((await pair(send, SECRET)).index).toBe(0);
  });

  it('checks the length (6A80) and step order (6A86)', async () => {
    const { send } = newCard();
    await select(send);
    expect(swOf(await send(command(0x80, 0x12, 0, 0, new Uint8Array(31))))).toBe(0x6a80);
    expect(swOf(await send(command(0x80, 0x12, 1, 0, new Uint8Array(32))))).toBe(0x6a86);
    expect(swOf(await send(command(0x80, 0x12, 2, 0, new Uint8Array(32))))).toBe(0x6a86);
  });

  it('loses the card challenge on re-SELECT (6982) and the pending step on OPEN SC (6A86)', async () => {
    const { send } = newCard();
    await select(send);
    const challenge = randomBytes(32);
    const first = dataOf(await send(command(0x80, 0x12, 0, 0, challenge)));
    const answer = sha256(concatBytes(SECRET, first.subarray(32)));
    await select(send);
    expect(swOf(await send(command(0x80, 0x12, 1, 0, answer)))).toBe(0x6982);

    const paired = await pair(send, SECRET);
    const again = dataOf(await send(command(0x80, 0x12, 0, 0, challenge)));
    expect(
      swOf(await send(command(0x80, 0x10, paired.index, 0, cardKeyOf(await select(send))))),
    ).toBe(0x9000);
    const late = sha256(concatBytes(SECRET, again.subarray(32)));
    expect(swOf(await send(command(0x80, 0x12, 1, 0, late)))).toBe(0x6a86);
  });

  it('runs out of slots with 6A84 on 3.1 (5 slots, or as many as configured)', async () => {
    const { send } = newCard();
    await select(send);
    for (let i = 0; i < 5; i += 1) expect((await pair(send, SECRET)).index).toBe(i);
    expect(swOf(await send(command(0x80, 0x12, 0, 0, randomBytes(32))))).toBe(0x6a84);
    expect(swOf(await send(command(0x80, 0x12, 0, 1, randomBytes(32))))).toBe(0x6a84);

    const big = newCard({ pairingSlots: 100 });
    await select(big.send);
    for (let i = 0; i < 100; i += 1) await pair(big.send, SECRET);
    expect(swOf(await big.send(command(0x80, 0x12, 0, 0, randomBytes(32))))).toBe(0x6a84);
  });

  it('is refused on an open channel (6985, wrapped with the previous IV)', async () => {
    const { send } = newCard();
    const { session } = await connect(send, SECRET);
    const previousIv = session.chainingValue;
    const response = await send(command(0x80, 0x12, 0, 0, randomBytes(32)));
    expect(swOf(response)).toBe(0x9000);
    expect(session.unwrap(dataOf(response), previousIv).sw).toBe(0x6985);
  });
});

describe('3.2 ephemeral pairing', () => {
  it('pairs into index 0xFF with P2=01 without using a slot, and forgets it on SELECT', async () => {
    const { card, send } = newCard({ version: '3.2' });
    const { pairing, session } = await connect(send, SECRET, 0x01);
    expect(pairing.index).toBe(0xff);
    expect(card.state.freePairingSlots).toBe(10);
    expect((await session.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x9000);
    const cardKey = cardKeyOf(await select(send));
    await expect(Session.open(send, cardKey, pairing)).rejects.toThrow('6a86');
  });

  it('falls back to ephemeral with P2=00 on a full card, and refuses P2=02 with 6A84', async () => {
    const { send } = newCard({ version: '3.2', pairingSlots: 2 });
    await select(send);
    expect((await pair(send, SECRET)).index).toBe(0);
    expect((await pair(send, SECRET, 0x02)).index).toBe(1);
    expect(swOf(await send(command(0x80, 0x12, 0, 0x02, randomBytes(32))))).toBe(0x6a84);
    const fallback = await pair(send, SECRET, 0x00);
    expect(fallback.index).toBe(0xff);
    // With the PIN, an ephemeral session can clear stale slots on a full card.
    const cardKey = cardKeyOf(await select(send));
    const ephemeral = await pair(send, SECRET, 0x01);
    const session = await Session.open(send, cardKey, ephemeral);
    expect((await session.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x9000);
    expect((await session.command(0x13, 0, 0)).sw).toBe(0x9000);
    expect((await session.command(0x13, 0xff, 0)).sw).toBe(0x9000);
  });

  it('has no index 0xFF on 3.1: OPEN SC with it is a 6F00', async () => {
    const { send } = newCard();
    await select(send);
    expect(swOf(await send(command(0x80, 0x10, 0xff, 0, new Uint8Array(65))))).toBe(0x6f00);
  });
});

describe('UNPAIR', () => {
  it('needs an open channel and the PIN, checks the index, and frees the slot', async () => {
    const { card, send } = newCard();
    await select(send);
    const spare = await pair(send, SECRET);
    expect(swOf(await send(command(0x80, 0x13, spare.index, 0)))).toBe(0x6985);
    const { session, cardKey } = await connect(send, SECRET);
    expect((await session.command(0x13, spare.index, 0)).sw).toBe(0x6985);
    expect((await session.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x9000);
    expect((await session.command(0x13, 5, 0)).sw).toBe(0x6a86);
    expect((await session.command(0x13, 0x80, 0)).sw).toBe(0x6f00);
    expect((await session.command(0x13, 4, 0)).sw).toBe(0x9000);
    expect(card.state.freePairingSlots).toBe(3);
    // Unpairing the session's own slot keeps the session until the next SELECT.
    expect((await session.command(0x13, 1, 0)).sw).toBe(0x9000);
    expect((await session.command(0xf2, 0, 0)).sw).toBe(0x9000);
    expect((await session.command(0x13, spare.index, 0)).sw).toBe(0x9000);
    expect(card.state.freePairingSlots).toBe(5);
    await expect(Session.open(send, cardKey, spare)).rejects.toThrow('6a86');
  });
});

describe('OPEN SECURE CHANNEL and MUTUALLY AUTHENTICATE', () => {
  it('checks the pairing index (6A86) and the client key (6A80)', async () => {
    const { send } = newCard();
    await select(send);
    const pairing = await pair(send, SECRET);
    expect(swOf(await send(command(0x80, 0x10, pairing.index + 1, 0, new Uint8Array(65))))).toBe(
      0x6a86,
    );
    expect(swOf(await send(command(0x80, 0x10, 7, 0, new Uint8Array(65))))).toBe(0x6a86);
    expect(swOf(await send(command(0x80, 0x10, pairing.index, 0, new Uint8Array(66))))).toBe(
      0x6a80,
    );
    const opened = await send(command(0x80, 0x10, pairing.index, 0, cardKeyOf(await select(send))));
    expect(swOf(opened)).toBe(0x9000);
    expect(dataOf(opened).length).toBe(48);
  });

  it('only opens the channel after MUTUALLY AUTHENTICATE', async () => {
    const { send } = newCard();
    const cardKey = cardKeyOf(await select(send));
    const pairing = await pair(send, SECRET);
    expect(swOf(await send(command(0x80, 0x11, 0, 0, new Uint8Array(48))))).toBe(0x6985);
    await send(command(0x80, 0x10, pairing.index, 0, cardKey));
    expect(swOf(await send(command(0x80, 0xf2, 0, 0)))).toBe(0x6985);
    // Garbage instead of a wrapped challenge: a MAC failure, the session is gone.
    expect(swOf(await send(command(0x80, 0x11, 0, 0, new Uint8Array(48))))).toBe(0x6982);
    expect(swOf(await send(command(0x80, 0x11, 0, 0, new Uint8Array(48))))).toBe(0x6985);
  });

  it('resets the channel with 6982 for a challenge that is not 32 bytes', async () => {
    const { send } = newCard();
    const cardKey = cardKeyOf(await select(send));
    const pairing = await pair(send, SECRET);
    const short = await Session.openUnauthenticated(send, cardKey, pairing);
    expect((await short.command(0x11, 0, 0, randomBytes(31))).sw).toBe(0x6982);
    expect((await short.command(0x11, 0, 0, randomBytes(32))).sw).toBe(0x6985);
  });

  it('refuses a second MUTUALLY AUTHENTICATE on an open channel (wrapped 6985) and stays open', async () => {
    const { send } = newCard();
    const { session } = await connect(send, SECRET);
    expect((await session.command(0x11, 0, 0, randomBytes(32))).sw).toBe(0x6985);
    expect((await session.command(0xf2, 0, 0)).sw).toBe(0x9000);
  });

  it('answers 6982 in plain to a command sent unwrapped on an open channel, and closes it', async () => {
    const { send } = newCard();
    const { session } = await connect(send, SECRET);
    expect(swOf(await send(command(0x80, 0xf2, 0, 0)))).toBe(0x6982);
    expect((await session.command(0xf2, 0, 0)).sw).toBe(0x6985);
  });

  it('answers 6982 to a wrong MAC and keeps the PIN verified for the next channel', async () => {
    const { send } = newCard();
    const { session, cardKey, pairing } = await connect(send, SECRET);
    expect((await session.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x9000);
    const wrapped = session.wrap(0x80, 0xf2, 0, 0, new Uint8Array(0));
    wrapped[5] = wrapped[5]! ^ 1;
    expect(swOf(await send(wrapped))).toBe(0x6982);
    const reopened = await Session.open(send, cardKey, pairing);
    // GENERATE KEY needs the PIN: it is still verified, because only SELECT clears it.
    expect((await reopened.command(0xd4, 0, 0)).sw).toBe(0x9000);
    const status = await reopened.command(0xf2, 0, 0);
    expect(findTag(templateBody(status.data), 0x01)![0]).toBe(0xff);
  });
});
