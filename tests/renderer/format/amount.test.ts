import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount, formatGwei, parseAmount, parseGwei } from '../../../renderer/format/amount';

describe('formatAmount', () => {
  it('keeps every digit: a recovery tool must not round dust away', () => {
    expect(formatAmount('1', 18)).toBe('0.000000000000000001');
    expect(formatAmount('1500000000000000000', 18)).toBe('1.5');
    expect(formatAmount('123456789', 6)).toBe('123.456789');
  });

  it('drops a bare ".0" from whole amounts', () => {
    expect(formatAmount('0', 18)).toBe('0');
    expect(formatAmount('20000000', 6)).toBe('20');
    expect(formatAmount('42', 0)).toBe('42');
  });
});

describe('parseAmount', () => {
  it('reads decimals exactly into base units', () => {
    expect(parseAmount('0.01', 18)).toBe('10000000000000000');
    expect(parseAmount(' 1.5 ', 6)).toBe('1500000');
    expect(parseAmount('7', 0)).toBe('7');
  });

  it('refuses what is not a positive amount in the asset’s precision', () => {
    for (const text of ['', '0', '0.0', '-1', '1e18', '1,5', '.5', '5.', 'abc', '0x10']) {
      expect(parseAmount(text, 18), text).toBeNull();
    }
    expect(parseAmount('0.0000001', 6)).toBeNull();
  });

  it('round-trips with formatAmount', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 24 }),
        (v, d) => {
          expect(parseAmount(formatAmount(v.toString(), d), d)).toBe(v.toString());
        },
      ),
    );
  });
});

describe('gwei', () => {
  it('converts fee caps between gwei and wei', () => {
    expect(formatGwei('1500000000')).toBe('1.5');
    expect(parseGwei('30')).toBe('30000000000');
    expect(parseGwei('0')).toBeNull();
  });
});
