import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { fixS } from './ecdsa-der';
import { hex } from './raw-client';

const N = secp256k1.Point.CURVE().n;
const R = 0x1234n;

function der(s: bigint): Uint8Array {
  return new secp256k1.Signature(R, s).toBytes('der');
}

/** S as the fixed DER carries it, with its length byte. */
function sField(sig: Uint8Array): { length: number; value: bigint } {
  const at = 5 + sig[3]!;
  return { length: sig[at]!, value: BigInt(`0x${hex(sig.subarray(at + 1, at + 1 + sig[at]!))}`) };
}

describe("the applet's low-S fix (Crypto.fixS)", () => {
  it('leaves a low S alone', () => {
    const s = (N >> 1n) - 5n;
    expect(hex(fixS(der(s)))).toBe(hex(der(s)));
  });

  it('flips a 32-byte high S to n − S in place', () => {
    const s = (N >> 1n) + 7n;
    const fixed = fixS(der(s));
    expect(fixed.length).toBe(der(s).length);
    expect(sField(fixed)).toEqual({ length: 32, value: N - s });
  });

  it('drops the sign byte of a 33-byte S, fixes the lengths and keeps 32 bytes (non-minimal when small)', () => {
    const s = N - 3n;
    const original = der(s);
    expect(original[5 + original[3]!]).toBe(33);
    const fixed = fixS(original);
    expect(fixed.length).toBe(original.length - 1);
    expect(fixed[1]).toBe(original[1]! - 1);
    expect(sField(fixed)).toEqual({ length: 32, value: 3n });
    // noble parses the card's non-minimal encoding only after normalising; the value is right.
    expect(hex(fixed.subarray(fixed.length - 32))).toBe('00'.repeat(31) + '03');
  });

  it('keeps r untouched', () => {
    const original = der(N - 1n);
    const rField = (sig: Uint8Array) => hex(sig.subarray(2, 4 + sig[3]!));
    expect(rField(fixS(original))).toBe(rField(original));
  });
});
