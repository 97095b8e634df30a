import { describe, expect, it } from 'vitest';
import { gfInv, gfMul, interpolate } from '../../../main/secrets/gf256';

/** Multiplication the long way: carry-less product, then reduction by x^8+x^4+x^3+x+1. */
function reference(a: number, b: number): number {
  let product = 0;
  for (let i = 0; i < 8; i++) if ((b >> i) & 1) product ^= a << i;
  for (let bit = 14; bit >= 8; bit--) if ((product >> bit) & 1) product ^= 0x11b << (bit - 8);
  return product;
}

describe('GF(256)', () => {
  it('multiplies as FIPS-197 section 4.2 shows', () => {
    expect(gfMul(0x57, 0x83)).toBe(0xc1);
    expect(gfMul(0x57, 0x13)).toBe(0xfe);
  });

  it('agrees with the schoolbook product for every pair', () => {
    const wrong: string[] = [];
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) if (gfMul(a, b) !== reference(a, b)) wrong.push(`${a}·${b}`);
    }
    expect(wrong).toEqual([]);
  });

  it('inverts every non-zero element and refuses zero', () => {
    for (let a = 1; a < 256; a++) expect(gfMul(a, gfInv(a))).toBe(1);
    expect(() => gfInv(0)).toThrow(RangeError);
  });

  it('interpolates a polynomial from enough of its points', () => {
    // f(x) = 7 + 3x + 200x² per byte position, evaluated independently.
    const f = (x: number, c: number) => c ^ reference(3, x) ^ reference(200, reference(x, x));
    const point = (x: number) => ({ x, y: Uint8Array.of(f(x, 7), f(x, 9)) });
    const points = [point(1), point(4), point(200)];
    for (const x of [0, 2, 254, 255]) {
      expect([...interpolate(points, x)]).toEqual([f(x, 7), f(x, 9)]);
    }
    expect([...interpolate(points, 4)]).toEqual([...point(4).y]);
  });

  it('refuses duplicate, missing or uneven points', () => {
    const y = Uint8Array.of(1);
    expect(() => interpolate([], 0)).toThrow(RangeError);
    expect(() =>
      interpolate(
        [
          { x: 1, y },
          { x: 1, y },
        ],
        0,
      ),
    ).toThrow(RangeError);
    expect(() =>
      interpolate(
        [
          { x: 1, y },
          { x: 2, y: Uint8Array.of(1, 2) },
        ],
        0,
      ),
    ).toThrow(RangeError);
  });
});
