// The simulated card without pcscd: a CardChannel for fast unit tests of the driver. It
// behaves like a PC/SC connection — commands are serialised, a pulled card fails with
// card-removed from then on, an answer later than the timeout fails with card-timeout and
// leaves the channel unusable, and closing resets the card as SCARD_RESET_CARD does.
import type { CardChannel } from '../../../main/cards/channel';
import { LifeboatError } from '../../../main/errors';
import type { SimulatedCard } from './faults';

const DEFAULT_TIMEOUT_MS = 20_000;

class SimulatorChannel implements CardChannel {
  readonly atr: Uint8Array;
  private tail: Promise<unknown> = Promise.resolve();
  private isClosed = false;
  private failure: LifeboatError | undefined;

  constructor(
    private readonly card: SimulatedCard,
    readonly reader: string,
  ) {
    this.atr = card.atr.slice();
  }

  get closed(): boolean {
    return this.isClosed;
  }

  transmit(apdu: Uint8Array, options?: { timeoutMs?: number }): Promise<Uint8Array> {
    const timeoutMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const run = () => this.transmitNow(apdu, timeoutMs);
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    await this.tail;
    if (!this.failure) this.card.reset();
  }

  private async transmitNow(apdu: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    if (this.isClosed)
      throw new LifeboatError('invalid-request', 'This card connection is closed.');
    if (this.failure) throw this.failure;
    if (apdu.length < 4) {
      throw new LifeboatError('invalid-request', 'A command APDU has at least 4 bytes.');
    }
    const exchange = this.card.exchange(apdu);
    if (exchange.delayMs > timeoutMs) {
      await sleep(timeoutMs);
      throw this.fail(
        new LifeboatError('card-timeout', 'The card did not answer in time.', {
          reader: this.reader,
        }),
      );
    }
    if (exchange.delayMs > 0) await sleep(exchange.delayMs);
    if (exchange.remove) this.pull();
    if (!exchange.response) throw this.failure!;
    return exchange.response;
  }

  /** The card leaves the reader: it loses power and this connection is dead. */
  private pull(): void {
    this.card.reset();
    this.fail(
      new LifeboatError('card-removed', 'The card was removed from the reader.', {
        reader: this.reader,
      }),
    );
  }

  private fail(error: LifeboatError): LifeboatError {
    this.failure ??= error;
    return this.failure;
  }
}

/** The same card without pcscd: a CardChannel for fast unit tests of the driver. */
export function simulatorChannel(card: SimulatedCard, reader = 'Simulated Keycard'): CardChannel {
  return new SimulatorChannel(card, reader);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
