// Pairing: the long-term shared key between this computer and one card, established by PAIR
// from the pairing password and needed to open every secure channel.
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { LifeboatError } from '../../errors';
import type { SecretInput } from '../secret-input';

export interface Pairing {
  /** The card's pairing slot; 0xFF is a 3.2 ephemeral pairing that ends with the session. */
  index: number;
  key: Uint8Array;
}

export const DEFAULT_PAIRING_PASSWORD = 'KeycardDefaultPairing';
export const EPHEMERAL_PAIRING_INDEX = 0xff;
const SALT = 'Keycard Pairing Password Salt';
const ITERATIONS = 50_000;

/** PBKDF2-HMAC-SHA256(NFKD(password), "Keycard Pairing Password Salt", 50000, 32), as keycard-go. */
export async function pairingSecretFromPassword(password: SecretInput): Promise<Uint8Array> {
  const text = typeof password === 'string' ? password : new TextDecoder().decode(password);
  const normalised = new TextEncoder().encode(text.normalize('NFKD'));
  try {
    return await pbkdf2Async(sha256, normalised, new TextEncoder().encode(SALT), {
      c: ITERATIONS,
      dkLen: 32,
    });
  } finally {
    normalised.fill(0);
  }
}

/** SHA-256(pairing secret ‖ challenge): each side's proof that it knows the secret. */
export function pairingCryptogram(secret: Uint8Array, challenge: Uint8Array): Uint8Array {
  return sha256(concatBytes(secret, challenge));
}

/** The stored form: index(1) ‖ key(32), as the Java and TypeScript SDKs serialise it. */
export function encodePairing(pairing: Pairing): Uint8Array {
  return concatBytes(Uint8Array.of(pairing.index), pairing.key);
}

export function decodePairing(bytes: Uint8Array): Pairing {
  if (bytes.length !== 33)
    throw new LifeboatError('pairings-unreadable', 'A saved pairing has the wrong size.');
  return { index: bytes[0]!, key: bytes.slice(1) };
}
