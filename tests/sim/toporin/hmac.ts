// HmacSha160.java and HmacSha512.java of the Toporin applets: standard HMACs, with the
// applets' own size limits (a secure-channel command longer than the limit fails with
// 9C1F before its MAC is even compared).
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { isoError } from './javacard';
import { SW } from './status-words';

const SHA1_BLOCK = 64;
const SHA1_MAX_MESSAGE = 192;
const SHA512_BLOCK = 128;
const SHA512_MAX_MESSAGE = 64;

function checkSizes(key: number, message: number, maxKey: number, maxMessage: number): void {
  if (key > maxKey || key < 0) isoError(SW.HMAC_UNSUPPORTED_KEYSIZE);
  if (message > maxMessage || message < 0) isoError(SW.HMAC_UNSUPPORTED_MSGSIZE);
}

/** HmacSha160.computeHmacSha160; `messageLength` is the applet's (possibly negative) short. */
export function hmacSha160(
  key: Uint8Array,
  messageLength: number,
  message: () => Uint8Array,
): Uint8Array {
  checkSizes(key.length, messageLength, SHA1_BLOCK, SHA1_MAX_MESSAGE);
  return hmac(sha1, key, message());
}

/** HmacSha512.computeHmacSha512. */
export function hmacSha512(key: Uint8Array, message: Uint8Array): Uint8Array {
  checkSizes(key.length, message.length, SHA512_BLOCK, SHA512_MAX_MESSAGE);
  return hmac(sha512, key, message);
}
