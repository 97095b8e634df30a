// The SLIP-39 passphrase encryption: a four-round Feistel network whose round function is
// PBKDF2-HMAC-SHA256. It is a permutation, so every passphrase opens a (different) wallet and
// nothing can tell a wrong passphrase from a right one.
import { concatBytes } from '@noble/hashes/utils.js';
import { pbkdf2Sha256 } from './pbkdf2';

export const ROUNDS = 4;
const BASE_ITERATIONS = 10_000;

export interface CipherParams {
  passphrase: Uint8Array;
  iterationExponent: number;
  identifier: number;
  extendable: boolean;
  /** Called after each round with the number of rounds done. */
  onRound?: (done: number) => void;
}

export function encryptMasterSecret(secret: Uint8Array, params: CipherParams): Promise<Uint8Array> {
  return feistel(secret, params, [0, 1, 2, 3]);
}

export function decryptMasterSecret(
  encrypted: Uint8Array,
  params: CipherParams,
): Promise<Uint8Array> {
  return feistel(encrypted, params, [3, 2, 1, 0]);
}

async function feistel(
  input: Uint8Array,
  { passphrase, iterationExponent, identifier, extendable, onRound }: CipherParams,
  order: readonly number[],
): Promise<Uint8Array> {
  const half = input.length / 2;
  // Extendable backups leave the identifier out of the salt, so that shares added later
  // under a new identifier still open the same secret.
  const saltPrefix = extendable
    ? new Uint8Array(0)
    : concatBytes(
        new TextEncoder().encode('shamir'),
        Uint8Array.of(identifier >> 8, identifier & 0xff),
      );
  const iterations = (BASE_ITERATIONS << iterationExponent) / ROUNDS;
  let left: Uint8Array = input.slice(0, half);
  let right: Uint8Array = input.slice(half);
  for (const [done, round] of order.entries()) {
    const password = concatBytes(Uint8Array.of(round), passphrase);
    const salt = concatBytes(saltPrefix, right);
    const f = await pbkdf2Sha256(password, salt, iterations, half);
    for (let k = 0; k < half; k++) f[k]! ^= left[k]!;
    left.fill(0);
    password.fill(0);
    salt.fill(0);
    [left, right] = [right, f];
    onRound?.(done + 1);
  }
  const output = concatBytes(right, left);
  left.fill(0);
  right.fill(0);
  return output;
}
