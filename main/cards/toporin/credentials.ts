// PINs and PUKs as the Toporin applets take them: 4 to 16 bytes (PIN_MIN_SIZE and
// PIN_MAX_SIZE in both applets), here the UTF-8 of what the person typed. They are checked
// before anything is sent, because the card answers a bad length with a generic 9C0F, and
// the error never echoes the value.
import { LifeboatError } from '../../errors';
import type { SecretInput } from '../secret-input';

export const PIN_BYTES = { min: 4, max: 16 } as const;
/** Tries the person may choose; the 63Cx answer can count up to 63, a PIN pad needs far fewer. */
export const PIN_TRIES = { min: 2, max: 15 } as const;
export const PUK_TRIES = { min: 2, max: 15 } as const;

/** The applets' factory PIN, which SETUP must present (the Seedkeeper ignores it). */
export const FACTORY_PIN = new TextEncoder().encode('Muscle00');

/** A fresh copy of the credential's bytes; the caller wipes it after use. */
export function credentialBytes(input: SecretInput, what: 'PIN' | 'PUK'): Uint8Array {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input.slice();
  if (bytes.length < PIN_BYTES.min || bytes.length > PIN_BYTES.max) {
    bytes.fill(0);
    throw new LifeboatError(
      'invalid-card-pin',
      `A ${what} for this card is ${PIN_BYTES.min} to ${PIN_BYTES.max} bytes long.`,
    );
  }
  return bytes;
}

export function checkTries(pinTries: number, pukTries: number): void {
  const ok = (n: number, range: { min: number; max: number }) =>
    Number.isInteger(n) && n >= range.min && n <= range.max;
  if (!ok(pinTries, PIN_TRIES) || !ok(pukTries, PUK_TRIES))
    throw new LifeboatError(
      'invalid-input',
      `The PIN and the PUK each allow ${PIN_TRIES.min} to ${PIN_TRIES.max} tries.`,
    );
}
