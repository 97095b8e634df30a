import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { HOST_ENTROPY_BYTES, mixEntropy } from '../../../main/secrets/entropy';

const HOST = new Uint8Array(HOST_ENTROPY_BYTES).map((_, i) => i);
const CARD = hexToBytes('00010203');

describe('mixEntropy', () => {
  it('is HKDF-SHA256 over the length-prefixed parts, under its own label', () => {
    const ikm = new Uint8Array([0, 32, ...HOST, 0, 4, ...CARD]);
    const expected = hkdf(
      sha256,
      ikm,
      undefined,
      new TextEncoder().encode('lifeboat new wallet entropy v1'),
      32,
    );
    expect(bytesToHex(mixEntropy(HOST, [CARD], 32))).toBe(bytesToHex(expected));
  });

  it('changes with every part and with how the card parts are cut', () => {
    const outputs = [
      mixEntropy(HOST, [], 16),
      mixEntropy(HOST, [CARD], 16),
      mixEntropy(HOST, [CARD.subarray(0, 1), CARD.subarray(1)], 16),
      mixEntropy(
        HOST.map((b, i) => (i === 31 ? b ^ 1 : b)),
        [CARD],
        16,
      ),
      mixEntropy(HOST, [CARD.map((b, i) => (i === 0 ? 0xff : b))], 16),
    ].map(bytesToHex);
    expect(new Set(outputs).size).toBe(outputs.length);
  });

  it('gives the length asked for, and the longer output starts like the shorter', () => {
    const long = mixEntropy(HOST, [CARD], 32);
    expect(long).toHaveLength(32);
    expect(bytesToHex(mixEntropy(HOST, [CARD], 16))).toBe(bytesToHex(long.subarray(0, 16)));
  });

  it('refuses a computer part shorter than it must be and lengths no wallet takes', () => {
    expect(() => mixEntropy(HOST.subarray(0, 31), [CARD], 32)).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
    for (const length of [0, 15, 65, 16.5])
      expect(() => mixEntropy(HOST, [], length)).toThrow(
        expect.objectContaining({ code: 'invalid-input' }),
      );
  });

  it('leaves the parts it was given as they were', () => {
    const host = HOST.slice();
    const card = CARD.slice();
    mixEntropy(host, [card], 32);
    expect(host).toEqual(HOST);
    expect(card).toEqual(CARD);
  });
});
