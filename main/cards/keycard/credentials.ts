// PINs and PUKs as the applet takes them: ASCII digits, 6 for a PIN, 12 for a PUK. They
// are checked here before anything is sent, because the card answers a malformed PIN with
// a generic 6A80, and the error must never echo the value.
import { randomBytes } from '@noble/hashes/utils.js';
import { LifeboatError } from '../../errors';
import type { SecretInput } from '../secret-input';

export const PIN_LENGTH = 6;
export const PUK_LENGTH = 12;

function digits(
  input: SecretInput,
  length: number,
  code: 'invalid-pin-format' | 'invalid-puk-format',
  what: string,
): Uint8Array {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input.slice();
  if (bytes.length !== length || bytes.some((b) => b < 0x30 || b > 0x39)) {
    bytes.fill(0);
    throw new LifeboatError(code, `${what} is exactly ${length} digits.`);
  }
  return bytes;
}

/** A fresh copy of the PIN's ASCII digits; the caller wipes it after use. */
export function pinBytes(pin: SecretInput, what = 'A PIN'): Uint8Array {
  return digits(pin, PIN_LENGTH, 'invalid-pin-format', what);
}

/** A fresh copy of the PUK's ASCII digits; the caller wipes it after use. */
export function pukBytes(puk: SecretInput): Uint8Array {
  return digits(puk, PUK_LENGTH, 'invalid-puk-format', 'A PUK');
}

/**
 * A random 6-digit PIN different from `other`: set as the duress PIN when the person does
 * not choose one, so that nobody knows it (the applet's own default, the first six PUK
 * digits, would open the decoy wallet for anyone who types half their PUK as the PIN).
 */
export function randomPin(other: SecretInput): Uint8Array {
  const avoid = pinBytes(other);
  try {
    for (;;) {
      const pin = new Uint8Array(PIN_LENGTH);
      let filled = 0;
      while (filled < PIN_LENGTH) {
        for (const byte of randomBytes(PIN_LENGTH * 2)) {
          // Rejection sampling keeps every digit equally likely.
          if (byte < 250 && filled < PIN_LENGTH) pin[filled++] = 0x30 + (byte % 10);
        }
      }
      if (!pin.every((b, i) => b === avoid[i])) return pin;
      pin.fill(0);
    }
  } finally {
    avoid.fill(0);
  }
}
