// The cryptographic primitives of Keycard secure channel v1 as the card computes them:
// AES-256-CBC with ISO/IEC 9797-1 method 2 padding, an unpadded AES CBC-MAC with a zero
// IV (Signature.ALG_AES_MAC_128_NOPAD), raw-X ECDH (ALG_EC_SVDP_DH_PLAIN) and the
// SHA-512 session-key split.
import { cbc } from '@noble/ciphers/aes.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';

export const BLOCK = 16;
const ZERO_IV = new Uint8Array(BLOCK);

/** ISO/IEC 9797-1 M2: 0x80 then zeros up to a block multiple; always at least one byte. */
export function m2Pad(data: Uint8Array): Uint8Array {
  const padded = new Uint8Array((Math.floor(data.length / BLOCK) + 1) * BLOCK);
  padded.set(data, 0);
  padded[data.length] = 0x80;
  return padded;
}

/** Strips M2 padding; undefined when the padding is malformed. */
export function m2Unpad(padded: Uint8Array): Uint8Array | undefined {
  for (let i = padded.length - 1; i >= 0; i -= 1) {
    if (padded[i] === 0x80) return padded.slice(0, i);
    if (padded[i] !== 0x00) return undefined;
  }
  return undefined;
}

export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return cbc(key, iv, { disablePadding: true }).encrypt(data);
}

export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return cbc(key, iv, { disablePadding: true }).decrypt(data);
}

/** The last block of AES-CBC over block-aligned data with a zero IV. */
export function cbcMac(key: Uint8Array, data: Uint8Array): Uint8Array {
  return aesCbcEncrypt(key, ZERO_IV, data).slice(-BLOCK);
}

/** X coordinate of the shared point; throws when `publicKey` is not a point on the curve. */
export function ecdhX(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return secp256k1.getSharedSecret(privateKey, publicKey, true).slice(1);
}

export interface SessionKeys {
  encKey: Uint8Array;
  macKey: Uint8Array;
}

/** OPEN SECURE CHANNEL: SHA-512(ECDH-X ‖ pairing key ‖ salt) split into two AES-256 keys. */
export function deriveSessionKeys(
  sharedX: Uint8Array,
  pairingKey: Uint8Array,
  salt: Uint8Array,
): SessionKeys {
  const digest = sha512(concatBytes(sharedX, pairingKey, salt));
  return { encKey: digest.slice(0, 32), macKey: digest.slice(32, 64) };
}
