// The secp256k1 operations of the Toporin applets: ALG_ECDSA_SHA_256 signatures (SHA-256
// of the message, random nonce, DER, S left as it comes — no low-S), ALG_EC_SVDP_DH_PLAIN_XY
// key agreement (the whole shared point), and the "self-signed x-coordinate" answer the
// applets use to hand out a public key.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { signPrehashDer } from '../keycard/ecdsa-der';
import { uncaught, type ApduBuffer } from './javacard';

export interface EcKeyPair {
  privateKey: Uint8Array;
  /** Uncompressed, 65 bytes (ECPublicKey.getW). */
  publicKey: Uint8Array;
}

export const COORD_SIZE = 32;

export function keyPairFrom(privateKey: Uint8Array): EcKeyPair {
  return { privateKey, publicKey: secp256k1.getPublicKey(privateKey, false) };
}

export function randomKeyPair(): EcKeyPair {
  return keyPairFrom(secp256k1.utils.randomSecretKey());
}

/** Signature.sign with ALG_ECDSA_SHA_256. */
export function signDer(message: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return signPrehashDer(sha256(message), privateKey);
}

/** Signature.signPreComputedHash: the 32 bytes are signed as they are. */
export function signHashDer(hash: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return signPrehashDer(hash, privateKey);
}

/** KeyAgreement ALG_EC_SVDP_DH_PLAIN_XY: 04 ‖ X ‖ Y; an invalid point is a CryptoException. */
export function agreePoint(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  try {
    return secp256k1.getSharedSecret(privateKey, publicKey, false);
  } catch {
    return uncaught('CryptoException ILLEGAL_VALUE');
  }
}

/**
 * `[coordx_size(2) | coordx | sig_size(2) | sig]` at offset 0, the signature (by `key`)
 * covering the first 34 bytes — the applets' computeAuthentikey and INIT SECURE CHANNEL
 * layout. Returns the length written.
 */
export function writeSignedCoordX(
  buffer: ApduBuffer,
  publicKey: Uint8Array,
  signer: Uint8Array,
): number {
  buffer.write(1, publicKey);
  buffer.setShort(0, COORD_SIZE);
  const signature = signDer(buffer.read(0, COORD_SIZE + 2), signer);
  buffer.setShort(COORD_SIZE + 2, signature.length);
  buffer.write(COORD_SIZE + 4, signature);
  return COORD_SIZE + 4 + signature.length;
}
