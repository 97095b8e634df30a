import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CardChannel } from '../../../main/cards/channel';
import type { PcscReaders } from '../../../main/cards/pcsc/pcsc-readers';
import { isLifeboatError } from '../../../main/errors';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { benchReaders } from '../../support/bench-readers';
import { waitFor } from '../../support/wait';
import { SimulatedKeycard, insertIntoReader, type InsertedCard } from './index';
import {
  Session,
  ascii,
  cardKeyOf,
  command,
  dataOf,
  findTag,
  hex,
  pair,
  select,
  swOf,
  templateBody,
} from './raw-client';
import { pairingSecretFor } from './simulated-keycard';

const READERS = ['Virtual PCD 00 00', 'Virtual PCD 00 01'] as const;
const SETUP = { pin: '123456', puk: '123456789012', pairingPassword: 'KeycardDefaultPairing' };
const SECRET = pairingSecretFor(SETUP.pairingPassword);

let pcscd: PcscdHandle;
let readers: PcscReaders;
const inserted: InsertedCard[] = [];
const channels: CardChannel[] = [];

function cardIn(reader: string): () => true | undefined {
  return () =>
    readers.snapshot().readers.find((r) => r.name === reader)?.state === 'card-present'
      ? true
      : undefined;
}

function emptyReader(reader: string): () => true | undefined {
  return () =>
    readers.snapshot().readers.find((r) => r.name === reader)?.state === 'waiting-for-card'
      ? true
      : undefined;
}

async function connect(reader: string): Promise<CardChannel> {
  await waitFor(cardIn(reader), 3000, `a card in ${reader}`);
  const channel = await readers.connect(reader);
  channels.push(channel);
  return channel;
}

function selectOver(channel: CardChannel): Promise<Uint8Array> {
  return select((apdu) => channel.transmit(apdu));
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders({ retryMs: 200, transmitTimeoutMs: 5000 });
  await readers.start();
  await waitFor(
    () => (readers.snapshot().readers.length === 2 ? true : undefined),
    5000,
    'two virtual readers',
  );
});

afterEach(async () => {
  await Promise.all(channels.splice(0).map((c) => c.close()));
  await Promise.all(inserted.splice(0).map((c) => c.remove()));
});

afterAll(async () => {
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
});

describe('simulated Keycards in the vpcd readers, through pcscd', () => {
  it('serves two cards in both readers at once, each with its own state', async () => {
    const cards = READERS.map(() => SimulatedKeycard.initialized(SETUP));
    for (const [i, reader] of READERS.entries())
      inserted.push(await insertIntoReader(cards[i]!, reader));
    const [a, b] = await Promise.all(READERS.map((reader) => connect(reader)));
    expect(hex(a!.atr)).toBe(hex(cards[0]!.atr));

    const [selectA, selectB] = await Promise.all([selectOver(a!), selectOver(b!)]);
    expect(swOf(selectA)).toBe(0x9000);
    const uidA = findTag(templateBody(dataOf(selectA)), 0x8f)!;
    const uidB = findTag(templateBody(dataOf(selectB)), 0x8f)!;
    expect(hex(uidA)).toBe(cards[0]!.state.instanceUid);
    expect(hex(uidB)).toBe(cards[1]!.state.instanceUid);
    expect(hex(uidA)).not.toBe(hex(uidB));

    // A wrong PIN on card A spends one of A's tries only.
    const sendA = (apdu: Uint8Array) => a!.transmit(apdu);
    const sessionA = await Session.open(sendA, cardKeyOf(selectA), await pair(sendA, SECRET));
    const wrong = await sessionA.command(0x20, 0, 0, ascii('000000'));
    expect(wrong.sw).toBe(0x63c2);
    expect(cards[0]!.state.pinTriesLeft).toBe(2);
    expect(cards[1]!.state.pinTriesLeft).toBe(3);
  });

  it('is removed and reinserted with its persistent state, and loses its session', async () => {
    const card = SimulatedKeycard.initialized(SETUP);
    const slot = await insertIntoReader(card, READERS[1]);
    inserted.push(slot);
    let channel = await connect(READERS[1]);
    const send = (apdu: Uint8Array) => channel.transmit(apdu);
    const selected = await selectOver(channel);
    const pairing = await pair(send, SECRET);
    const session = await Session.open(send, cardKeyOf(selected), pairing);
    expect((await session.command(0x20, 0, 0, ascii(SETUP.pin))).sw).toBe(0x9000);

    await slot.remove();
    expect(slot.inserted).toBe(false);
    await waitFor(emptyReader(READERS[1]), 3000, 'the reader to see the card leave');
    await expect(channel.transmit(command(0x80, 0xf2, 0, 0))).rejects.toMatchObject({
      code: 'card-removed',
    });
    await channel.close();

    await slot.reinsert();
    expect(slot.inserted).toBe(true);
    channel = await connect(READERS[1]);
    const again = await selectOver(channel);
    // Same card: same instance UID, the pairing still works, but the PIN must be entered again.
    expect(hex(findTag(templateBody(dataOf(again)), 0x8f)!)).toBe(card.state.instanceUid);
    const reopened = await Session.open(send, cardKeyOf(again), pairing);
    const status = await reopened.command(0x20, 0, 0, ascii('999999'));
    expect(status.sw).toBe(0x63c2);
  });

  it('applies faults on the socket: a card pulled before answering, and after answering', async () => {
    const card = SimulatedKeycard.initialized(SETUP);
    const slot = await insertIntoReader(card, READERS[0]);
    inserted.push(slot);
    let channel = await connect(READERS[0]);
    card.faults = { removeBeforeAnswerOfApdu: 2 };
    expect(swOf(await selectOver(channel))).toBe(0x9000);
    const lost = await channel.transmit(command(0x80, 0xca, 0, 0)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isLifeboatError(lost, 'card-removed')).toBe(true);
    expect(slot.inserted).toBe(false);
    await channel.close();

    await slot.reinsert();
    channel = await connect(READERS[0]);
    card.faults = { removeAfterApdus: 1 };
    expect(swOf(await selectOver(channel))).toBe(0x9000);
    await waitFor(
      () => (slot.inserted ? undefined : true),
      2000,
      'the card to leave after its answer',
    );
    await waitFor(emptyReader(READERS[0]), 3000, 'pcscd to see the card leave');
    await expect(channel.transmit(command(0x80, 0xca, 0, 0))).rejects.toMatchObject({
      code: 'card-removed',
    });
  });

  it('takes a card swapped straight in for another as a new, answering card', async () => {
    const first = await insertIntoReader(new SimulatedKeycard(), READERS[1]);
    inserted.push(first);
    await waitFor(cardIn(READERS[1]), 3000, 'the first card');
    const seq = readers.snapshot().readers.find((r) => r.name === READERS[1])!.cardSeq;
    await first.remove();
    // No waiting between the two, as a fixture in a hurry would do it.
    inserted.push(await insertIntoReader(SimulatedKeycard.initialized(SETUP), READERS[1]));
    await waitFor(
      () => {
        const view = readers.snapshot().readers.find((r) => r.name === READERS[1]);
        return view && view.cardSeq > seq && view.state === 'card-present' ? true : undefined;
      },
      3000,
      'pcscd to see another card, not a mute one',
    );
    expect(swOf(await selectOver(await connect(READERS[1])))).toBe(0x9000);
  });
});
