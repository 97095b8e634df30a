// The randomness of a new wallet: the computer's CSPRNG mixed with what the cards of the set
// draw from their own generators, so the wallet stays unpredictable as long as either side is
// sound. A card contributes only numbers it hands out and keeps nothing of (a Keycard's
// GENERATE MNEMONIC, say); a key the card makes and keeps, such as a Keycard's GENERATE KEY,
// cannot be part of a wallet that is written down or loaded onto other cards.
//
// The mix is HKDF-SHA256 (RFC 5869): the input keying material is the computer's bytes
// followed by each card's, every part prefixed with its length so that no split of the same
// bytes mixes alike; the info string names this use. HKDF-Extract is a randomness extractor,
// so the output is uniform if any one part was, and a card that answers first cannot steer
// the result, because it never sees the computer's part.
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { LifeboatError } from '../errors';

/** What the computer's CSPRNG gives: enough alone for any wallet Lifeboat makes. */
export const HOST_ENTROPY_BYTES = 32;
const INFO = new TextEncoder().encode('lifeboat new wallet entropy v1');
const MAX_PART_BYTES = 0xffff;

/** `length` bytes (16 to 64) of wallet entropy; the caller overwrites it when done. */
export function mixEntropy(
  host: Uint8Array,
  cards: readonly Uint8Array[],
  length: number,
): Uint8Array {
  if (host.length < HOST_ENTROPY_BYTES)
    throw new LifeboatError(
      'invalid-input',
      `The computer's part of the entropy is at least ${HOST_ENTROPY_BYTES} bytes.`,
    );
  if (!Number.isInteger(length) || length < 16 || length > 64)
    throw new LifeboatError('invalid-input', 'Wallet entropy is 16 to 64 bytes.');
  const parts = [host, ...cards];
  if (parts.some((part) => part.length > MAX_PART_BYTES))
    throw new LifeboatError('invalid-input', 'A part of the entropy is too long.');
  const input = new Uint8Array(parts.reduce((sum, part) => sum + 2 + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    input[offset] = part.length >> 8;
    input[offset + 1] = part.length & 0xff;
    input.set(part, offset + 2);
    offset += 2 + part.length;
  }
  try {
    return hkdf(sha256, input, undefined, INFO, length);
  } finally {
    input.fill(0);
  }
}
