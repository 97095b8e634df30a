// javacard.framework.OwnerPIN as the applet relies on it: check() clears the validated flag
// and spends a try before comparing, a match restores every try, a blocked PIN never
// matches, and the validated flag is transient (lost on power loss).
import { equalBytes } from '@noble/curves/utils.js';

export class OwnerPin {
  private value: Uint8Array;
  private tries: number;
  private validated = false;

  constructor(
    readonly tryLimit: number,
    value: Uint8Array,
  ) {
    this.value = value.slice();
    this.tries = tryLimit;
  }

  get triesRemaining(): number {
    return this.tries;
  }

  get isValidated(): boolean {
    return this.validated;
  }

  check(candidate: Uint8Array): boolean {
    this.validated = false;
    if (this.tries === 0) return false;
    this.tries -= 1;
    if (!equalBytes(candidate, this.value)) return false;
    this.tries = this.tryLimit;
    this.validated = true;
    return true;
  }

  /** Sets a new value; restores the tries and clears the validated flag. */
  update(value: Uint8Array): void {
    this.value.fill(0);
    this.value = value.slice();
    this.tries = this.tryLimit;
    this.validated = false;
  }

  /** Clears a validated flag (restoring the tries); does nothing when not validated. */
  reset(): void {
    if (!this.validated) return;
    this.validated = false;
    this.tries = this.tryLimit;
  }

  resetAndUnblock(): void {
    this.validated = false;
    this.tries = this.tryLimit;
  }

  powerLoss(): void {
    this.validated = false;
  }

  wipe(): void {
    this.value.fill(0);
  }
}
