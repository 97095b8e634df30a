// secp256k1 public keys received from the card: checked to be real curve points before any
// use, because a malformed key would otherwise surface as an untyped library exception.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { LifeboatError } from '../../errors';

/** The 65-byte uncompressed form of a valid point (accepts 33 or 65 bytes). */
export function uncompressedPublicKey(bytes: Uint8Array, what: string): Uint8Array {
  try {
    if (bytes.length !== 65 && bytes.length !== 33) throw new Error('length');
    return secp256k1.Point.fromBytes(bytes).toBytes(false);
  } catch {
    throw new LifeboatError('malformed-response', `The card sent an invalid public key (${what}).`);
  }
}
