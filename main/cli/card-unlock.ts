// Opens cards for the commands that use one by its reader (discover, sweep, backup): one
// PC/SC context and card service for the run; the card is opened and its kind checked before
// any PIN is read, then the stored pairing (or the default pairing password) where the card
// pairs, then VERIFY PIN with a PIN read from standard input. Loaded only when a card is
// named, so commands that use a phrase never load the PC/SC binding.
import { CardService } from '../cards/card-service';
import { keyFileSecretBox } from '../cards/keycard/key-file-box';
import { FilePairingStore } from '../cards/keycard/pairing-store';
import { PcscReaders } from '../cards/pcsc/pcsc-readers';
import type { CardSessionView } from '../../preload/api';
import { LifeboatError, isLifeboatError } from '../errors';
import { requireKind, type CardKind } from './card-kind';
import type { LineReader } from './io';
import { noSuchReader } from './reader-names';

/** pcscd reports readers and cards a moment after the context is established. */
const CARD_WAIT_MS = 5000;
/** How long a person may take to swap the card in a reader. */
const SWAP_WAIT_MS = 5 * 60_000;

export interface CardSessions {
  readonly cards: CardService;
  /** Waits for a card in `reader` and opens it, without any PIN: what it is, and its kind. */
  open(reader: string): Promise<CardSessionView>;
  /**
   * Opens the card in `reader`, which must be of `kind` (a wallet card unless said), pairs,
   * reads the PIN and unlocks it; returns the session id.
   */
  unlock(reader: string, lines: LineReader, kind?: CardKind): Promise<string>;
  /**
   * Waits for the card in `reader` to be taken out and another put in, for a person going
   * through several cards with one reader; the session `done` with, when given, is closed first.
   */
  nextCard(reader: string, done?: string): Promise<void>;
  /** Every named reader is connected, or `reader-not-found` naming the readers there are. */
  expectReaders(names: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export async function cardSessions(dataDir: string): Promise<CardSessions> {
  const readers = new PcscReaders({ role: 'command' });
  const pairings = new FilePairingStore(dataDir, await keyFileSecretBox(dataDir));
  const cards = new CardService({ readers, pairings, trustedCaKeys: () => [] });
  await readers.start();
  const open = async (reader: string): Promise<CardSessionView> => {
    await waitForCard(readers, reader, CARD_WAIT_MS);
    return cards.open(reader);
  };
  return {
    cards,
    open,
    async unlock(reader, lines, kind = 'wallet') {
      const opened = await open(reader);
      requireKind(opened.info, reader, kind);
      let paired: CardSessionView;
      try {
        paired = await cards.pair(opened.sessionId);
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
      const left = paired.status ? ` (${tries(paired.status.pinTries)} left)` : '';
      const pin = await lines.require(`PIN of the card in ${reader}${left}: `, { secret: true });
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
              `Wrong PIN for the card in ${reader}: ${tries(triesLeft)} left.`,
              { reader, triesLeft },
            );
      }
      return opened.sessionId;
    },
    async nextCard(reader, done) {
      const inReader = readers.snapshot().readers.find((r) => r.name === reader)?.cardSeq;
      const used =
        done === undefined ? inReader : cards.list().find((s) => s.sessionId === done)?.cardSeq;
      if (done !== undefined) await cards.close(done);
      await waitForCard(readers, reader, SWAP_WAIT_MS, used);
    },
    async expectReaders(names) {
      const deadline = Date.now() + CARD_WAIT_MS;
      for (;;) {
        const snapshot = readers.snapshot();
        const missing = names.find((name) => !snapshot.readers.some((r) => r.name === name));
        if (missing === undefined) return;
        if (Date.now() > deadline) {
          if (snapshot.state === 'no-service') throw new LifeboatError('no-service');
          throw noSuchReader(missing, snapshot);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await cards.dispose();
      await readers.stop();
    },
  };
}

function tries(n: number): string {
  return `${n} ${n === 1 ? 'try' : 'tries'}`;
}

/** Until a card is in `reader`: another than the one inserted as `notSeq`, when given. */
async function waitForCard(
  readers: PcscReaders,
  reader: string,
  timeoutMs: number,
  notSeq?: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = readers.snapshot();
    const view = snapshot.readers.find((r) => r.name === reader);
    const present = view && (view.state === 'card-present' || view.state === 'connected');
    if (present && view.cardSeq !== notSeq) return;
    if (Date.now() > deadline) {
      if (snapshot.state === 'no-service') throw new LifeboatError('no-service');
      if (!view) throw noSuchReader(reader, snapshot);
      throw new LifeboatError('no-card', undefined, { reader });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Card sessions whose PC/SC context starts when the first card is opened, for a command that
 * checks other input first: one that stops before (say, a secret of another wallet) never
 * touches the readers, nor stops a context whose readers are still being announced.
 */
export function cardSessionsOnDemand(dataDir: string): CardSessions {
  let started: Promise<CardSessions> | undefined;
  let ready: CardSessions | undefined;
  const start = async (): Promise<CardSessions> => {
    started ??= cardSessions(dataDir).then((sessions) => (ready = sessions));
    return started;
  };
  return {
    get cards() {
      if (!ready) throw new LifeboatError('internal', 'No card was opened yet.');
      return ready.cards;
    },
    open: async (reader) => (await start()).open(reader),
    unlock: async (reader, lines, kind) => (await start()).unlock(reader, lines, kind),
    nextCard: async (reader, done) => (await start()).nextCard(reader, done),
    expectReaders: async (names) => (await start()).expectReaders(names),
    close: async () => {
      if (started) await (await started).close();
    },
  };
}
