import { LifeboatError } from '../../errors';
import type { CardChannel } from '../channel';
import { exchange } from '../response-chaining';
import type { NativeReader } from './native';
import { fromPcscError, pcscError } from './pcsc-error';

const MAX_RESPONSE = 4096;
/** How long to wait for pcscd to report a removal after an empty answer. */
const REMOVAL_GRACE_MS = 1000;

export interface ChannelHooks {
  /** True while the card this channel was opened on is still in the reader. */
  isSameCardPresent(): boolean;
  /** Resolves true when the reader reports the card gone within `ms`. */
  waitForRemoval(ms: number): Promise<boolean>;
  onClosed(): void;
}

/**
 * A connection to one card through pcscd. Commands are queued so that two callers never
 * interleave APDUs on the card, and every failure comes out as a typed LifeboatError.
 */
export class PcscChannel implements CardChannel {
  readonly reader: string;
  readonly atr: Uint8Array;
  private tail: Promise<unknown> = Promise.resolve();
  private poisonedBy: LifeboatError | undefined;
  private isClosed = false;

  constructor(
    private readonly native: NativeReader,
    private readonly protocol: number,
    atr: Uint8Array,
    private readonly defaultTimeoutMs: number,
    private readonly hooks: ChannelHooks,
  ) {
    this.reader = native.name;
    this.atr = atr;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** True once the card or the service went away under this channel. */
  get poisoned(): boolean {
    return this.poisonedBy !== undefined;
  }

  transmit(apdu: Uint8Array, options?: { timeoutMs?: number }): Promise<Uint8Array> {
    const timeoutMs = options?.timeoutMs ?? this.defaultTimeoutMs;
    const run = () => this.transmitNow(apdu, timeoutMs);
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Marks the channel unusable, e.g. when pcscd goes away; later commands fail with `error`. */
  poison(error: LifeboatError): void {
    this.poisonedBy ??= error;
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    // Wait for a command in flight; resetting the card on release means a verified PIN
    // never stays usable for the next program that opens this reader.
    await this.tail;
    await new Promise<void>((resolve) => {
      try {
        this.native.disconnect(this.native.SCARD_RESET_CARD, () => resolve());
      } catch {
        resolve();
      }
    });
    this.hooks.onClosed();
  }

  private async transmitNow(apdu: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    if (this.isClosed)
      throw new LifeboatError('invalid-request', 'This card connection is closed.');
    if (this.poisonedBy) throw this.poisonedBy;
    if (!this.hooks.isSameCardPresent()) throw pcscError('card-removed', this.reader);
    return exchange((command) => this.sendOnce(command, timeoutMs), apdu);
  }

  private rejectUnlessRemoved(
    reject: (error: LifeboatError) => void,
    otherwise: LifeboatError,
  ): void {
    void this.hooks.waitForRemoval(REMOVAL_GRACE_MS).then((removed) => {
      reject(removed ? pcscError('card-removed', this.reader) : otherwise);
    });
  }

  private sendOnce(command: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        // The native call cannot be cancelled; whatever it returns later belongs to a
        // command the caller gave up on, so the channel must not be trusted again.
        const error = pcscError('card-timeout', this.reader);
        this.poison(error);
        reject(error);
      }, timeoutMs);
      try {
        this.native.transmit(Buffer.from(command), MAX_RESPONSE, this.protocol, (error, data) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (error) {
            const typed = fromPcscError(error, this.reader);
            // A card pulled between two commands, before pcscd polled the slot, surfaces as
            // a generic transaction failure; the reader's next status report tells which.
            if (typed.code === 'reader-error') this.rejectUnlessRemoved(reject, typed);
            else reject(typed);
            return;
          }
          const response = new Uint8Array(data);
          if (response.length >= 2) {
            resolve(response);
            return;
          }
          // pcscd answers an APDU cut short by a pulled card with empty data and no error.
          this.rejectUnlessRemoved(
            reject,
            new LifeboatError(
              'malformed-response',
              'The card answered with less than a status word.',
              {
                reader: this.reader,
              },
            ),
          );
        });
      } catch (error) {
        settled = true;
        clearTimeout(timer);
        reject(fromPcscError(error, this.reader));
      }
    });
  }
}
