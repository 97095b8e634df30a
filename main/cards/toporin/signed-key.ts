// Public keys as the Toporin applets hand them out: only the x coordinate, followed by an
// ECDSA signature (SHA-256, DER) over `[size(2) | x]` made with that key's own private key.
// The full key is the one of the two points with that x under which the signature
// verifies. Answers may carry a second signature by the card's authentikey over everything
// before it, which ties the key to the card.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { LifeboatError } from '../../errors';
import type { ByteReader } from './reader';

/** ECDSA over SHA-256(message) with a DER signature; false for anything malformed. */
export function verifySignature(
  publicKey: Uint8Array,
  message: Uint8Array,
  derSignature: Uint8Array,
): boolean {
  try {
    return secp256k1.verify(derSignature, message, publicKey, { format: 'der', lowS: false });
  } catch {
    return false;
  }
}

/** The uncompressed key with x coordinate `x` that made `signature` over `message`. */
export function keyFromSignedX(
  x: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  what: string,
): Uint8Array {
  if (x.length === 32) {
    for (const prefix of [0x02, 0x03]) {
      let candidate: Uint8Array;
      try {
        candidate = secp256k1.Point.fromBytes(concatBytes(Uint8Array.of(prefix), x)).toBytes(false);
      } catch {
        break;
      }
      if (verifySignature(candidate, message, signature)) return candidate;
    }
  }
  throw new LifeboatError(
    'malformed-response',
    `The card's ${what} does not carry a valid self-signed key.`,
  );
}

export interface SignedKey {
  publicKey: Uint8Array;
  /** Offset in the answer just after the self-signature, where an authentikey signature may follow. */
  end: number;
}

/** Reads `[size(2) | x | sig_size(2) | sig]`; the self-signature covers the answer from `start` to the end of x. */
export function readSignedKey(reader: ByteReader, start: number, what: string): SignedKey {
  const x = reader.field16();
  const message = reader.since(start);
  const signature = reader.field16();
  return { publicKey: keyFromSignedX(x, message, signature, what), end: reader.position };
}
