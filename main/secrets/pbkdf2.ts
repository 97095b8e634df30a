// PBKDF2-HMAC-SHA256, the cost of a SLIP-39 recovery (four Feistel rounds of 2500·2^e
// iterations each). Node's and Electron's native implementation is about five times faster
// than @noble/hashes here (see tests/bench/slip39.bench.ts), so it is used whenever the
// runtime has it; noble is the fallback and the reference the bench compares against.
import crypto from 'node:crypto';
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';

export type Pbkdf2 = (
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  dkLen: number,
) => Promise<Uint8Array>;

// A call of up to this many iterations blocks for about 3 ms: less than a frame, so it runs
// inline. Handing it to the thread pool would cost ~30 µs per call, 8% of a recovery at
// e = 0. Longer calls go to the thread pool so the main process keeps answering meanwhile.
const INLINE_ITERATIONS = 20_000;

export const nativePbkdf2: Pbkdf2 = (password, salt, iterations, dkLen) => {
  if (iterations <= INLINE_ITERATIONS) {
    return Promise.resolve(toBytes(crypto.pbkdf2Sync(password, salt, iterations, dkLen, 'sha256')));
  }
  return new Promise((resolve, reject) => {
    crypto.pbkdf2(password, salt, iterations, dkLen, 'sha256', (error, key) => {
      if (error) reject(error);
      else resolve(toBytes(key));
    });
  });
};

export const noblePbkdf2: Pbkdf2 = (password, salt, iterations, dkLen) =>
  pbkdf2Async(sha256, password, salt, { c: iterations, dkLen });

export const pbkdf2Sha256: Pbkdf2 =
  typeof crypto.pbkdf2 === 'function' && typeof crypto.pbkdf2Sync === 'function'
    ? nativePbkdf2
    : noblePbkdf2;

/** Copies out of the Buffer (which may sit in Node's shared pool) and wipes it. */
function toBytes(key: Buffer): Uint8Array {
  const bytes = new Uint8Array(key);
  key.fill(0);
  return bytes;
}
