// Fault injection for the simulated Toporin cards: the Keycard simulator's faults (pulled
// card, garbled answer, slow card), plus what these applets call for. Their encrypted
// answers carry no MAC, so a damaged answer is one whose padding no longer decrypts (the
// host sees bad PKCS#7 padding, never a MAC failure); and a chosen status word
// can be forced on a chosen INS (the inner INS for wrapped commands, checked after the
// secure channel took the command in, so the IV counter moves on as on the card).
import { FaultSchedule, type Exchange, type Faults } from '../keycard/faults';

export interface ToporinFaults extends Omit<Faults, 'corruptMacOfApdu'> {
  /**
   * The N-th next encrypted answer has one bit flipped in the block that chains into its
   * last block (the IV for a one-block answer), so the last padding byte decrypts wrong.
   */
  corruptResponseOfApdu?: number;
  /** The next `times` (default 1) commands with this INS answer `sw` without running. */
  statusWordFor?: { ins: number; sw: number; times?: number };
}

function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new RangeError(`Fault ${name} must be a whole number from 1.`);
  }
}

export class ToporinFaultSchedule {
  private readonly common: FaultSchedule;
  private corruptAt: number | undefined;
  private forced: { ins: number; sw: number; times: number } | undefined;
  private encrypted = 0;

  constructor(faults: ToporinFaults) {
    const { corruptResponseOfApdu, statusWordFor, ...common } = faults;
    checkCount('corruptResponseOfApdu', corruptResponseOfApdu);
    if (statusWordFor) {
      const { ins, sw, times = 1 } = statusWordFor;
      if (!Number.isInteger(ins) || ins < 0 || ins > 0xff) throw new RangeError('INS is a byte.');
      if (!Number.isInteger(sw) || sw < 0 || sw > 0xffff) throw new RangeError('SW is two bytes.');
      checkCount('statusWordFor.times', times);
      this.forced = { ins, sw, times };
    }
    this.common = new FaultSchedule(common);
    this.corruptAt = corruptResponseOfApdu;
  }

  get remaining(): Readonly<ToporinFaults> {
    return Object.freeze({
      ...this.common.remaining,
      ...(this.corruptAt !== undefined ? { corruptResponseOfApdu: this.corruptAt } : {}),
      ...(this.forced ? { statusWordFor: { ...this.forced } } : {}),
    });
  }

  /** The status word to answer instead of running a command with this INS, if any. */
  forcedStatusWord(ins: number): number | undefined {
    if (!this.forced || this.forced.ins !== ins) return undefined;
    const { sw } = this.forced;
    this.forced.times -= 1;
    if (this.forced.times === 0) this.forced = undefined;
    return sw;
  }

  apply(response: Uint8Array, encrypted: boolean): Exchange {
    let answer = response;
    if (encrypted) {
      this.encrypted += 1;
      if (this.encrypted === this.corruptAt) {
        this.corruptAt = undefined;
        answer = spoilPadding(response);
      }
    }
    return this.common.apply(answer, false);
  }
}

/** [IV(16) | size(2) | ciphertext] ‖ SW: flips the byte that CBC XORs into the last pad byte. */
function spoilPadding(response: Uint8Array): Uint8Array {
  const answer = response.slice();
  const ciphertextLength = answer.length - 2 - 18;
  const at = ciphertextLength === 16 ? 15 : 18 + ciphertextLength - 17;
  answer[at] = answer[at]! ^ 0x01;
  return answer;
}
