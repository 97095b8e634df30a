import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockies } from '../../../renderer/identicon/blockies';

const address = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((bytes) => `0x${Buffer.from(bytes).toString('hex')}`);
const HSL = /^hsl\((\d+), (\d+(?:\.\d)?)%, (\d+(?:\.\d)?)%\)$/;

describe('blockies', () => {
  it('is a mirror-symmetric grid of three cell kinds', () => {
    fc.assert(
      fc.property(address, (a) => {
        const { size, cells } = blockies(a);
        expect(cells).toHaveLength(size);
        for (const row of cells) {
          expect(row).toHaveLength(size);
          expect(row).toEqual([...row].reverse());
          for (const cell of row) expect([0, 1, 2]).toContain(cell);
        }
      }),
    );
  });

  it('picks colours in the blockies ranges (hue 0–359, saturation 40–100 %, lightness 0–100 %)', () => {
    fc.assert(
      fc.property(address, (a) => {
        const icon = blockies(a);
        for (const colour of [icon.color, icon.background, icon.spot]) {
          const [, h, s, l] = HSL.exec(colour) ?? [];
          expect(Number(h)).toBeGreaterThanOrEqual(0);
          expect(Number(h)).toBeLessThan(360);
          expect(Number(s)).toBeGreaterThanOrEqual(40);
          expect(Number(s)).toBeLessThanOrEqual(100);
          expect(Number(l)).toBeGreaterThanOrEqual(0);
          expect(Number(l)).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('depends only on the address, not on its letter case', () => {
    const lower = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
    expect(blockies('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toEqual(blockies(lower));
    expect(blockies(lower)).toEqual(blockies(lower));
  });

  it('draws different addresses differently', () => {
    const addresses = Array.from(
      { length: 200 },
      (_, i) => `0x${(BigInt(i + 1) * 0x9e3779b97f4a7c15n).toString(16).padStart(40, '0')}`,
    );
    const drawn = new Set(addresses.map((a) => JSON.stringify(blockies(a))));
    expect(drawn.size).toBe(addresses.length);
  });

  it('mirrors an odd width around the middle column', () => {
    const { cells } = blockies('0x0000000000000000000000000000000000000001', 7);
    for (const row of cells) expect(row).toEqual([...row].reverse());
  });
});
