// The bench's virtual card against real pcscd + vpcd: a card put into a reader right after
// another one left it is the card that answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PcscReaders } from '../../main/cards/pcsc/pcsc-readers';
import { benchReaders } from './bench-readers';
import { ensurePcscd, type PcscdHandle } from './pcscd';
import { VpcdCard } from './vpcd-card';
import { waitFor } from './wait';

const READER = 'Virtual PCD 00 01';
const ATR = Uint8Array.from([0x3b, 0x80, 0x80, 0x01, 0x01]);

let pcscd: PcscdHandle;
let readers: PcscReaders;

/** A card that answers every command with its own number and 9000. */
function numberedCard(n: number): VpcdCard {
  return new VpcdCard({ atr: ATR, handle: () => Uint8Array.of(n, 0x90, 0x00) });
}

function cardPresent(): true | undefined {
  const view = readers.snapshot().readers.find((r) => r.name === READER);
  return view?.state === 'card-present' ? true : undefined;
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders({ retryMs: 200, transmitTimeoutMs: 3000 });
  await readers.start();
  await waitFor(
    () => (readers.snapshot().readers.length === 2 ? true : undefined),
    5000,
    'the virtual readers',
  );
});

afterAll(async () => {
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
});

describe('VpcdCard', () => {
  it('is in the reader once inserted, even straight after another card left it', async () => {
    let card = numberedCard(0);
    await card.insert(READER);
    for (let n = 1; n <= 5; n += 1) {
      await waitFor(cardPresent, 3000, 'the card in the reader');
      // Swapped faster than pcscd polls the slot: the reader must not still hold the old card.
      await card.remove();
      card = numberedCard(n);
      await card.insert(READER);
      await waitFor(cardPresent, 3000, 'the new card in the reader');
      const channel = await readers.connect(READER);
      try {
        const answer = await channel.transmit(Uint8Array.of(0x80, 0xca, 0, 0));
        expect(Buffer.from(answer).toString('hex')).toBe(`0${n}9000`);
      } finally {
        await channel.close();
      }
    }
    await card.remove();
  });

  it('says so when the reader does not take the card', async () => {
    const first = numberedCard(1);
    await first.insert(READER);
    try {
      await expect(numberedCard(2).insert(READER, 1500)).rejects.toThrow(
        /did not take the card within 1500 ms/,
      );
    } finally {
      await first.remove();
    }
  });
});
