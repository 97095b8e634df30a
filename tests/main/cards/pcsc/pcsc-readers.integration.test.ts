import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PcscReaders } from '../../../../main/cards/pcsc/pcsc-readers';
import type { ReaderEvent } from '../../../../main/cards/readers';
import { isLifeboatError } from '../../../../main/errors';
import { ensurePcscd, skipUnlessOwnPcscd, type PcscdHandle } from '../../../support/pcscd';
import { benchReaders } from '../../../support/bench-readers';
import { VpcdCard } from '../../../support/vpcd-card';
import { waitFor } from '../../../support/wait';

const READER = 'Virtual PCD 00 01';
const ATR = Uint8Array.from([
  0x3b, 0x8a, 0x80, 0x01, 0x4c, 0x69, 0x66, 0x65, 0x62, 0x6f, 0x61, 0x74, 0x21, 0x21, 0x0b,
]);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

let pcscd: PcscdHandle;
let readers: PcscReaders;
let events: (ReaderEvent & { at: number })[] = [];
const cards: VpcdCard[] = [];

/** A card that echoes the command's data back with 9000, or answers slowly when asked to. */
function echoCard(delayMs = () => 0): VpcdCard {
  const card = new VpcdCard({
    atr: ATR,
    handle: async (apdu) => {
      const wait = delayMs();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const data = apdu.length > 5 ? apdu.subarray(5, 5 + apdu[4]!) : new Uint8Array(0);
      return Uint8Array.from([...data, 0x90, 0x00]);
    },
  });
  cards.push(card);
  return card;
}

/** Inserts the card once the reader is empty, and waits until pcscd reports this insertion. */
async function insertAndWait(card: VpcdCard): Promise<void> {
  await waitFor(
    () =>
      readers.snapshot().readers.find((r) => r.name === READER)?.state === 'waiting-for-card'
        ? true
        : undefined,
    3000,
    'an empty reader',
  );
  const since = Date.now();
  await card.insert(READER);
  await waitFor(
    () => events.find((e) => e.type === 'card-inserted' && e.reader === READER && e.at >= since),
    3000,
    'card-inserted',
  );
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders({ retryMs: 200, transmitTimeoutMs: 3000 });
  readers.onEvent((e) => events.push({ ...e, at: Date.now() }));
  await readers.start();
  await waitFor(
    () => (readers.snapshot().readers.length === 2 ? true : undefined),
    5000,
    'two virtual readers',
  );
});

afterEach(async () => {
  await Promise.all(cards.splice(0).map((c) => c.remove()));
  events = [];
});

afterAll(async () => {
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
});

describe('PC/SC reader layer over pcscd + vpcd', () => {
  it('lists both virtual readers, waiting for a card', () => {
    const snapshot = readers.snapshot();
    expect(snapshot.state).toBe('ready');
    expect(snapshot.readers.map((r) => [r.name, r.state])).toEqual([
      ['Virtual PCD 00 00', 'waiting-for-card'],
      ['Virtual PCD 00 01', 'waiting-for-card'],
    ]);
  });

  it('reports an inserted card within 1 s with its ATR, and its removal', async () => {
    const card = echoCard();
    const insertedAt = Date.now();
    await card.insert(READER);
    const inserted = await waitFor(
      () => events.find((e) => e.type === 'card-inserted' && e.reader === READER),
      2000,
      'card-inserted',
    );
    expect(inserted.at - insertedAt).toBeLessThan(1000);
    expect(inserted).toMatchObject({ type: 'card-inserted', reader: READER, atr: hex(ATR) });
    expect(readers.snapshot().readers.find((r) => r.name === READER)).toMatchObject({
      state: 'card-present',
      atr: hex(ATR),
    });

    const removedAt = Date.now();
    await card.remove();
    const removed = await waitFor(
      () => events.find((e) => e.type === 'card-removed' && e.reader === READER),
      2000,
      'card-removed',
    );
    expect(removed.at - removedAt).toBeLessThan(1000);
    expect(readers.snapshot().readers.find((r) => r.name === READER)?.state).toBe(
      'waiting-for-card',
    );
  });

  it('round-trips an APDU through transmit and shows the reader as connected', async () => {
    const card = echoCard();
    await insertAndWait(card);
    const channel = await readers.connect(READER);
    expect(hex(channel.atr)).toBe(hex(ATR));
    expect(readers.snapshot().readers.find((r) => r.name === READER)?.state).toBe('connected');
    const response = await channel.transmit(
      Uint8Array.from([0x80, 0x01, 0x02, 0x03, 0x03, 0xaa, 0xbb, 0xcc]),
    );
    expect(hex(response)).toBe('aabbcc9000');
    expect(card.apduCount).toBe(1);

    // Concurrent callers are serialised, never interleaved.
    const all = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => channel.transmit(Uint8Array.from([0x80, 0x01, 0, 0, 1, n]))),
    );
    expect(all.map(hex)).toEqual(['019000', '029000', '039000', '049000', '059000']);

    await expect(readers.connect(READER)).rejects.toMatchObject({ code: 'reader-busy' });
    await channel.close();
    expect(readers.snapshot().readers.find((r) => r.name === READER)?.state).toBe('card-present');
  });

  it('turns a card pulled mid-transmit into a typed card-removed error, then works again', async () => {
    let slow = false;
    const card = echoCard(() => (slow ? 1500 : 0));
    await insertAndWait(card);
    const channel = await readers.connect(READER);
    slow = true;
    const pending = channel.transmit(Uint8Array.from([0x80, 0x01, 0, 0, 1, 0x42]));
    setTimeout(() => void card.remove(), 300);
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isLifeboatError(error, 'card-removed')).toBe(true);
    // The channel stays dead for the old card.
    await expect(channel.transmit(Uint8Array.from([0x80, 0x01, 0, 0]))).rejects.toMatchObject({
      code: 'card-removed',
    });

    slow = false;
    await insertAndWait(card);
    const again = await readers.connect(READER);
    expect(hex(await again.transmit(Uint8Array.from([0x80, 0x01, 0, 0, 1, 0x07])))).toBe('079000');
    await again.close();
  });

  it('reports a card pulled between two commands as card-removed, whenever pcscd notices', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const card = echoCard();
      await insertAndWait(card);
      const channel = await readers.connect(READER);
      expect(hex(await channel.transmit(Uint8Array.from([0x80, 0x01, 0, 0, 1, 0x01])))).toBe(
        '019000',
      );
      await card.remove();
      await expect(channel.transmit(Uint8Array.from([0x80, 0x01, 0, 0]))).rejects.toMatchObject({
        code: 'card-removed',
      });
      await channel.close();
      cards.splice(cards.indexOf(card), 1);
    }
  });

  it('completes T=0 61xx and 6Cxx answers through real pcscd', async () => {
    const card = new VpcdCard({
      atr: ATR,
      handle: (apdu) => {
        const h = hex(apdu);
        if (h === '80ca0000') return Uint8Array.of(0x61, 0x03);
        if (h === '00c0000003') return Uint8Array.of(1, 2, 3, 0x90, 0x00);
        if (h === '80cb000000') return Uint8Array.of(0x6c, 0x02);
        if (h === '80cb000002') return Uint8Array.of(7, 8, 0x90, 0x00);
        return Uint8Array.of(0x6d, 0x00);
      },
    });
    cards.push(card);
    await insertAndWait(card);
    const channel = await readers.connect(READER);
    expect(hex(await channel.transmit(Uint8Array.of(0x80, 0xca, 0, 0)))).toBe('0102039000');
    expect(hex(await channel.transmit(Uint8Array.of(0x80, 0xcb, 0, 0, 0)))).toBe('07089000');
    expect(card.apduCount).toBe(4);
    await channel.close();
  });

  it('times out a card that does not answer, with a typed error', async () => {
    const card = echoCard(() => 5000);
    await insertAndWait(card);
    const channel = await readers.connect(READER);
    await expect(
      channel.transmit(Uint8Array.from([0x80, 0x01, 0, 0]), { timeoutMs: 500 }),
    ).rejects.toMatchObject({
      code: 'card-timeout',
    });
    await card.remove();
    await channel.close();
  });

  it('refuses to connect to an empty reader or an unknown one', async () => {
    await expect(readers.connect('Virtual PCD 00 00')).rejects.toMatchObject({ code: 'no-card' });
    await expect(readers.connect('No Such Reader')).rejects.toMatchObject({
      code: 'reader-not-found',
    });
  });

  it('leaves a reader it does not accept alone: not listed, not opened, never sent an APDU', async () => {
    const OTHER = 'Virtual PCD 00 00';
    const other = echoCard();
    await other.insert(OTHER);
    const only = new PcscReaders({ retryMs: 200, acceptReader: (name) => name === READER });
    await only.start();
    try {
      await waitFor(
        () => (only.snapshot().readers.length > 0 ? true : undefined),
        5000,
        'the accepted reader',
      );
      expect(only.snapshot().readers.map((r) => r.name)).toEqual([READER]);
      await expect(only.connect(OTHER)).rejects.toMatchObject({ code: 'reader-not-found' });
      expect(other.apduCount).toBe(0);
    } finally {
      await only.stop();
    }
  });

  it('moves to no-service when pcscd stops and back when it starts again', async (context) => {
    skipUnlessOwnPcscd(context, pcscd);
    await pcscd.stop();
    await waitFor(
      () => (readers.snapshot().state === 'no-service' ? true : undefined),
      3000,
      'no-service',
    );
    expect(events.some((e) => e.type === 'service-lost')).toBe(true);
    await expect(readers.connect(READER)).rejects.toMatchObject({ code: 'no-service' });

    await pcscd.start();
    await waitFor(
      () =>
        readers.snapshot().state === 'ready' && readers.snapshot().readers.length === 2
          ? true
          : undefined,
      5000,
      'readers after the restart',
    );
    expect(events.some((e) => e.type === 'service-restored')).toBe(true);

    // And a card works again without restarting the reader layer.
    const card = echoCard();
    await insertAndWait(card);
    const channel = await readers.connect(READER);
    expect(hex(await channel.transmit(Uint8Array.from([0x80, 0x01, 0, 0, 1, 0x09])))).toBe(
      '099000',
    );
    await channel.close();
  });
});
