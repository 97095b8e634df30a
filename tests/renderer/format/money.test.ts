import { describe, expect, it } from 'vitest';
import type { AssetPrice } from '../../../preload/api';
import {
  formatCents,
  priceKey,
  totalOf,
  valuation,
  valueInCents,
} from '../../../renderer/format/money';

describe('values in dollars', () => {
  it('multiply base units by the price with integers, rounding cents half up', () => {
    expect(valueInCents('5000000000000000000', 18, '3000')).toBe(1_500_000n);
    expect(valueInCents('250000000000000000000', 18, '0.9998')).toBe(24_995n);
    expect(valueInCents('1', 6, '1')).toBe(0n);
    expect(valueInCents('5000', 6, '1')).toBe(1n); // half a cent rounds up
    expect(valueInCents('4999', 6, '1')).toBe(0n);
    expect(valueInCents('123456789', 8, '61234.56789012')).toBe(7_559_823n);
    expect(formatCents(1_854_244n)).toBe('$18,542.44');
  });

  it('say stale or none instead of a number, and leave those out of totals', () => {
    const prices = new Map<string, AssetPrice>([
      [
        priceKey('n', 'native'),
        {
          networkId: 'n',
          asset: 'native',
          state: 'ok',
          usd: '2',
          pair: 'ETH / USD',
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
      ],
      [
        priceKey('n', '0xAA'),
        {
          networkId: 'n',
          asset: '0xaa',
          state: 'stale',
          pair: 'AA / USD',
          updatedAt: '2025-01-01T00:00:00.000Z',
        },
      ],
      [priceKey('n', '0xbb'), { networkId: 'n', asset: '0xbb', state: 'missing' }],
    ]);
    const eth = valuation(prices, 'n', 'native', '1000000000000000000', 18);
    const stale = valuation(prices, 'n', '0xaa', '5', 0);
    const none = valuation(prices, 'n', '0xBB', '5', 0);
    const unknown = valuation(prices, 'n', '0xcc', '5', 0);
    const empty = valuation(prices, 'n', '0xcc', '0', 0);
    expect(eth).toEqual({ kind: 'value', cents: 200n, pair: 'ETH / USD' });
    expect(stale).toEqual({
      kind: 'stale',
      updatedAt: '2025-01-01T00:00:00.000Z',
      pair: 'AA / USD',
    });
    expect(none).toEqual({ kind: 'none' });
    expect(unknown).toEqual({ kind: 'none' });
    expect(empty).toMatchObject({ kind: 'value', cents: 0n });
    expect(totalOf([eth, empty])).toEqual({ cents: 200n, partial: false });
    expect(totalOf([eth, stale, none])).toEqual({ cents: 200n, partial: true });
  });
});
