// ECDSA as the JavaCard signs: a random nonce, a precomputed 32-byte hash, a minimal DER
// SEQUENCE — and, for wallet signatures only, the applet's own low-S fix (Crypto.fixS),
// which keeps S 32 bytes long after the flip, so about 1 in 256 fixed signatures carries a
// non-minimal S with leading zero bytes.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';

const N = secp256k1.Point.CURVE().n;
const HALF_N = N >> 1n;

/** signPreComputedHash: the hash is signed as is (no second hashing), S left as it comes out. */
export function signPrehashDer(hash: Uint8Array, privateKey: Uint8Array): Uint8Array {
  const compact = secp256k1.sign(hash, privateKey, {
    prehash: false,
    lowS: false,
    extraEntropy: true,
  });
  return secp256k1.Signature.fromBytes(compact).toBytes('der');
}

/**
 * Crypto.fixS on a DER signature: a 33-byte S (high bit set, so above n/2) loses its sign
 * byte, and S above n/2 becomes n − S written back into the same 32 bytes.
 */
export function fixS(der: Uint8Array): Uint8Array {
  const sig = der.slice();
  const sLengthAt = 5 + sig[3]!;
  let flip = false;
  let fixed = sig;
  if (sig[sLengthAt] === 33) {
    fixed = new Uint8Array(sig.length - 1);
    fixed.set(sig.subarray(0, sLengthAt + 1), 0);
    fixed.set(sig.subarray(sLengthAt + 2), sLengthAt + 1);
    fixed[sLengthAt] = 32;
    fixed[1] = fixed[1]! - 1;
    flip = true;
  }
  if (fixed[sLengthAt] !== 32) return fixed;
  const sAt = sLengthAt + 1;
  const s = bytesToNumberBE(fixed.subarray(sAt, sAt + 32));
  if (flip || s > HALF_N) fixed.set(numberToBytesBE(N - s, 32), sAt);
  return fixed;
}
