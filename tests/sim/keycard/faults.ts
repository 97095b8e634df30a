// Fault injection for the simulated card. The card decides, per APDU, what a faulty card
// would do with its answer; the reader shells (vpcd, in-process channel) carry it out.
import { randomBytes } from '@noble/hashes/utils.js';

export interface Faults {
  /** The card "leaves the reader" after answering N more APDUs (vpcd: socket closed; in-process channel: card-removed error). */
  removeAfterApdus?: number;
  /** Pulled while the N-th next APDU is being processed: the card executes it, the answer never arrives. */
  removeBeforeAnswerOfApdu?: number;
  /** The N-th next wrapped (secure-channel) response gets a corrupted MAC; plain answers are not counted. */
  corruptMacOfApdu?: number;
  /** The N-th next response has random bytes (same length) instead of the real answer. */
  garbleResponseOfApdu?: number;
  /** Answer every APDU this much later (slow card). */
  delayMs?: number;
}

/** What the reader shells (vpcd, in-process channel) need from a simulated card of any family. */
export interface SimulatedCard {
  readonly atr: Uint8Array;
  /** The answer to `apdu` after the card's faults have had their say. */
  exchange(apdu: Uint8Array): Exchange;
  /** Power cycle: the card loses everything transient. */
  reset(): void;
}

/** What happens to one answer on its way back to the reader. */
export interface Exchange {
  /** Undefined when the card was pulled before answering. */
  response: Uint8Array | undefined;
  /** The card leaves the reader right after this answer (or instead of it). */
  remove: boolean;
  delayMs: number;
}

type CountedFault = 'removeAfterApdus' | 'removeBeforeAnswerOfApdu' | 'garbleResponseOfApdu';

/** Counts APDUs from the moment the faults were set; each counted fault fires once. */
export class FaultSchedule {
  private pending: Faults;
  private apdus = 0;
  private wrapped = 0;

  constructor(faults: Faults) {
    for (const [name, value] of Object.entries(faults)) {
      if (
        value !== undefined &&
        (!Number.isInteger(value) || value < (name === 'delayMs' ? 0 : 1))
      ) {
        throw new RangeError(
          `Fault ${name} must be a whole number${name === 'delayMs' ? '' : ' from 1'}.`,
        );
      }
    }
    this.pending = { ...faults };
  }

  /** The faults that have not fired yet. */
  get remaining(): Readonly<Faults> {
    return Object.freeze({ ...this.pending });
  }

  apply(response: Uint8Array, wrapped: boolean): Exchange {
    this.apdus += 1;
    if (wrapped) this.wrapped += 1;
    const delayMs = this.pending.delayMs ?? 0;
    if (this.fires('removeBeforeAnswerOfApdu', this.apdus)) {
      return { response: undefined, remove: true, delayMs };
    }
    let answer = response;
    if (wrapped && this.pending.corruptMacOfApdu === this.wrapped) {
      delete this.pending.corruptMacOfApdu;
      answer = response.slice();
      answer[0] = answer[0]! ^ 0xff;
    }
    if (this.fires('garbleResponseOfApdu', this.apdus)) answer = garble(response);
    return { response: answer, remove: this.fires('removeAfterApdus', this.apdus), delayMs };
  }

  private fires(fault: CountedFault, count: number): boolean {
    if (this.pending[fault] !== count) return false;
    delete this.pending[fault];
    return true;
  }
}

/**
 * Random bytes of the same length, never equal to the real answer, and never a 61xx/6Cxx
 * status word (a T=0 reader layer would turn those into extra commands).
 */
function garble(response: Uint8Array): Uint8Array {
  for (;;) {
    const noise = randomBytes(response.length);
    const sw1 = noise[noise.length - 2];
    if (sw1 === 0x61 || sw1 === 0x6c) continue;
    if (noise.every((byte, i) => byte === response[i])) continue;
    return noise;
  }
}
