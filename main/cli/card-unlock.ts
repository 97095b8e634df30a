// Opens Keycards for `lifeboat discover` and `lifeboat sweep` (--from-reader, --to-reader):
// one PC/SC context and card service for the run, the stored pairing (or the default
// pairing password), then VERIFY PIN with a PIN read from standard input. Loaded only when
// a card is named, so commands that use a phrase never load the PC/SC binding.
import { CardService } from '../cards/card-service';
import { keyFileSecretBox } from '../cards/keycard/key-file-box';
import { FilePairingStore } from '../cards/keycard/pairing-store';
import { PcscReaders } from '../cards/pcsc/pcsc-readers';
import { LifeboatError, isLifeboatError } from '../errors';
import type { LineReader } from './io';
import { noSuchReader } from './reader-names';

/** pcscd reports readers and cards a moment after the context is established. */
const CARD_WAIT_MS = 5000;
/** How long a person has to take one card out and put the next one in. */
const SWAP_WAIT_MS = 5 * 60_000;

export interface CardSessions {
  readonly cards: CardService;
  /** Reads the PIN, then opens, pairs and unlocks the card in `reader`; returns the session id. */
  unlock(reader: string, lines: LineReader): Promise<string>;
  /** Waits until the card in `reader` is taken out and another one put in. */
  swap(reader: string): Promise<void>;
  close(): Promise<void>;
}

export async function cardSessions(dataDir: string): Promise<CardSessions> {
  const readers = new PcscReaders({ role: 'command' });
  const pairings = new FilePairingStore(dataDir, await keyFileSecretBox(dataDir));
  const cards = new CardService({ readers, pairings, trustedCaKeys: () => [] });
  await readers.start();
  return {
    cards,
    async unlock(reader, lines) {
      await waitForCard(readers, reader);
      const pin = await lines.require(`PIN of the card in ${reader}: `, { secret: true });
      const opened = await cards.open(reader);
      try {
        await cards.pair(opened.sessionId);
      } catch (error) {
        if (isLifeboatError(error, 'wrong-pairing-password')) {
          throw new LifeboatError(
            'not-paired',
            `Pair this computer with the card in ${reader} first: lifeboat card pair --reader "${reader}".`,
            { reader },
          );
        }
        throw error;
      }
      const outcome = await cards.unlock(opened.sessionId, pin);
      if (!outcome.unlocked) {
        const triesLeft = outcome.pinTries;
        throw triesLeft === 0
          ? new LifeboatError(
              'pin-blocked',
              `The PIN of the card in ${reader} is blocked. Unblock it with: lifeboat card unblock --reader "${reader}".`,
              { reader, triesLeft },
            )
          : new LifeboatError(
              'wrong-pin',
              `Wrong PIN for the card in ${reader}: ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.`,
              { reader, triesLeft },
            );
      }
      return opened.sessionId;
    },
    async swap(reader) {
      await waitForState(readers, reader, false, SWAP_WAIT_MS);
      await waitForState(readers, reader, true, SWAP_WAIT_MS);
    },
    async close() {
      await cards.dispose();
      await readers.stop();
    },
  };
}

async function waitForCard(readers: PcscReaders, reader: string): Promise<void> {
  const deadline = Date.now() + CARD_WAIT_MS;
  for (;;) {
    const snapshot = readers.snapshot();
    const view = snapshot.readers.find((r) => r.name === reader);
    if (view && (view.state === 'card-present' || view.state === 'connected')) return;
    if (Date.now() > deadline) {
      if (snapshot.state === 'no-service') throw new LifeboatError('no-service');
      if (!view) throw noSuchReader(reader, snapshot);
      throw new LifeboatError('no-card', undefined, { reader });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForState(
  readers: PcscReaders,
  reader: string,
  present: boolean,
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const snapshot = readers.snapshot();
    const view = snapshot.readers.find((r) => r.name === reader);
    if (!view) throw noSuchReader(reader, snapshot);
    const has = view.state === 'card-present' || view.state === 'connected';
    if (has === present) return;
    if (Date.now() > deadline)
      throw new LifeboatError(
        'no-card',
        present ? `No card was put into ${reader}.` : `The card in ${reader} was not taken out.`,
        { reader },
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}
