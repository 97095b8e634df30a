// The Keycard secure channel (v1, applets up to 3.2): session keys from ECDH + the pairing
// key, AES-256-CBC with ISO/IEC 9797-1 method 2 padding, and an AES CBC-MAC over a 16-byte
// meta block and the ciphertext. Each side encrypts with the last MAC it saw from the other
// side as IV, so every command and response is chained to the one before.
import { cbc } from '@noble/ciphers/aes.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { equalBytes } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { LifeboatError } from '../../errors';
import { encodeCommand } from './apdu';

export const BLOCK_SIZE = 16;
/** 255 − 16 (MAC), rounded down to whole blocks, minus the one padding byte always added. */
export const MAX_PLAIN_LENGTH = 223;

export interface SessionKeys {
  encKey: Uint8Array;
  macKey: Uint8Array;
  iv: Uint8Array;
}

function failed(message: string): LifeboatError {
  return new LifeboatError('secure-channel-failed', message);
}

export function padM2(data: Uint8Array): Uint8Array {
  const out = new Uint8Array((Math.floor(data.length / BLOCK_SIZE) + 1) * BLOCK_SIZE);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

export function unpadM2(data: Uint8Array): Uint8Array {
  let end = data.length - 1;
  while (end >= 0 && data[end] === 0) end -= 1;
  if (end < 0 || data[end] !== 0x80)
    throw failed('The card’s encrypted answer has invalid padding.');
  return data.subarray(0, end);
}

export function encryptData(data: Uint8Array, encKey: Uint8Array, iv: Uint8Array): Uint8Array {
  const padded = padM2(data);
  try {
    return cbc(encKey, iv, { disablePadding: true }).encrypt(padded);
  } finally {
    padded.fill(0);
  }
}

export function decryptData(data: Uint8Array, encKey: Uint8Array, iv: Uint8Array): Uint8Array {
  if (data.length === 0 || data.length % BLOCK_SIZE !== 0)
    throw failed('The card’s encrypted answer is not a whole number of blocks.');
  return unpadM2(cbc(encKey, iv, { disablePadding: true }).decrypt(data));
}

/** Plain CBC-MAC with a zero IV and no padding: the last block of the encryption. */
export function cbcMac(macKey: Uint8Array, meta: Uint8Array, data: Uint8Array): Uint8Array {
  const out = cbc(macKey, new Uint8Array(BLOCK_SIZE), { disablePadding: true }).encrypt(
    concatBytes(meta, data),
  );
  return out.slice(out.length - BLOCK_SIZE);
}

/** The raw X coordinate of the ECDH point (the applet's ALG_EC_SVDP_DH_PLAIN, no hashing). */
export function ecdhX(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const shared = secp256k1.getSharedSecret(privateKey, publicKey, true);
  const x = shared.slice(1, 33);
  shared.fill(0);
  return x;
}

/** encKey ‖ macKey = SHA-512(ECDH secret ‖ pairing key ‖ salt); the IV follows the salt. */
export function deriveSessionKeys(
  sharedSecret: Uint8Array,
  pairingKey: Uint8Array,
  cardData: Uint8Array,
): SessionKeys {
  if (cardData.length !== 48)
    throw new LifeboatError(
      'malformed-response',
      'The card’s secure channel answer has the wrong size.',
    );
  const digest = sha512(concatBytes(sharedSecret, pairingKey, cardData.subarray(0, 32)));
  const keys = {
    encKey: digest.slice(0, 32),
    macKey: digest.slice(32, 64),
    iv: cardData.slice(32, 48),
  };
  digest.fill(0);
  return keys;
}

/**
 * INIT's one-shot encryption: an ephemeral key agreed with the card's secure-channel key,
 * whose X coordinate is used directly as the AES key. Returns the INIT data field
 * `41 ‖ ephemeral public key ‖ IV ‖ ciphertext`.
 */
export function oneShotEncrypt(cardPublicKey: Uint8Array, payload: Uint8Array): Uint8Array {
  const secretKey = secp256k1.utils.randomSecretKey();
  const publicKey = secp256k1.getPublicKey(secretKey, false);
  const key = ecdhX(secretKey, cardPublicKey);
  secretKey.fill(0);
  const iv = randomBytes(BLOCK_SIZE);
  try {
    return concatBytes(
      Uint8Array.of(publicKey.length),
      publicKey,
      iv,
      encryptData(payload, key, iv),
    );
  } finally {
    key.fill(0);
  }
}

export class SecureChannel {
  private readonly encKey: Uint8Array;
  private readonly macKey: Uint8Array;
  private iv: Uint8Array;

  constructor(keys: SessionKeys) {
    this.encKey = keys.encKey;
    this.macKey = keys.macKey;
    this.iv = keys.iv;
  }

  /** The complete wrapped command APDU; chains the IV to its MAC. */
  wrap(cla: number, ins: number, p1: number, p2: number, data: Uint8Array): Uint8Array {
    if (data.length > MAX_PLAIN_LENGTH)
      throw new LifeboatError(
        'invalid-request',
        `A secure-channel command carries at most ${MAX_PLAIN_LENGTH} bytes.`,
      );
    const encrypted = encryptData(data, this.encKey, this.iv);
    const meta = new Uint8Array(BLOCK_SIZE);
    meta.set([cla, ins, p1, p2, BLOCK_SIZE + encrypted.length]);
    const mac = cbcMac(this.macKey, meta, encrypted);
    this.iv = mac;
    return encodeCommand({ cla, ins, p1, p2, data: concatBytes(mac, encrypted) });
  }

  /**
   * Verifies and decrypts a wrapped response's data field (outer status word already
   * removed). The last two plaintext bytes are the card's real status word.
   */
  unwrap(data: Uint8Array): { data: Uint8Array; sw: number } {
    if (data.length < 2 * BLOCK_SIZE || data.length % BLOCK_SIZE !== 0 || data.length > 0xff)
      throw failed('The card’s encrypted answer has an impossible size.');
    const mac = data.subarray(0, BLOCK_SIZE);
    const encrypted = data.subarray(BLOCK_SIZE);
    const meta = new Uint8Array(BLOCK_SIZE);
    meta[0] = data.length;
    if (!equalBytes(cbcMac(this.macKey, meta, encrypted), mac))
      throw failed('The card’s encrypted answer failed its integrity check.');
    const plain = decryptData(encrypted, this.encKey, this.iv);
    this.iv = mac.slice();
    if (plain.length < 2) throw failed('The card’s encrypted answer has no status word.');
    const n = plain.length;
    return { data: plain.subarray(0, n - 2), sw: (plain[n - 2]! << 8) | plain[n - 1]! };
  }

  destroy(): void {
    this.encKey.fill(0);
    this.macKey.fill(0);
    this.iv.fill(0);
  }
}
