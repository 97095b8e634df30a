import { describe, expect, it } from 'vitest';
import {
  assertUnderCap,
  defaultFeeCap,
  maxFeeFor,
  quoteFromBlock,
  replacementFee,
} from '../../../main/chain/fees';

const GWEI = 10n ** 9n;

describe('fee quotes', () => {
  it('sets the tip equal to maxFee, with room for two full blocks of base-fee rise', () => {
    const quote = quoteFromBlock(
      'eip1559',
      { number: 9, baseFeePerGas: 100n * GWEI },
      2n * GWEI,
      0n,
    );
    // Two full blocks raise the base fee by 12.5 % each: 100 → 126.5625 gwei.
    expect(quote.maxFeePerGas).toBeGreaterThanOrEqual(126_562_500_000n + 2n * GWEI);
    expect(quote.maxFeePerGas).toBe(maxFeeFor(100n * GWEI, 2n * GWEI));
    expect(quote.maxPriorityFeePerGas).toBe(quote.maxFeePerGas);
    expect(quote).toMatchObject({ baseFee: 100n * GWEI, tip: 2n * GWEI, blockNumber: 9 });
  });

  it('prices legacy networks a little above the asked gas price', () => {
    const quote = quoteFromBlock('legacy', { number: 1, baseFeePerGas: undefined }, 0n, 5n * GWEI);
    expect(quote.maxFeePerGas).toBe(5_500_000_000n);
    expect(quote.maxPriorityFeePerGas).toBe(quote.maxFeePerGas);
  });

  it('bumps a replacement by more than the 10 % nodes require, or to the new quote', () => {
    const low = quoteFromBlock('eip1559', { number: 1, baseFeePerGas: 1n }, 0n, 0n);
    expect(replacementFee(100n * GWEI, low)).toBeGreaterThan(110n * GWEI);
    const high = quoteFromBlock('eip1559', { number: 1, baseFeePerGas: 400n * GWEI }, GWEI, 0n);
    expect(replacementFee(100n * GWEI, high)).toBe(high.maxFeePerGas);
  });

  it('refuses a fee above the cap, and defaults the cap to three times the quote', () => {
    expect(() => assertUnderCap(11n, 10n, 'net')).toThrow(
      expect.objectContaining({ code: 'fee-cap-exceeded' }),
    );
    expect(() => assertUnderCap(10n, 10n, 'net')).not.toThrow();
    const quote = quoteFromBlock('eip1559', { number: 1, baseFeePerGas: 10n }, 0n, 0n);
    expect(defaultFeeCap(quote.maxFeePerGas)).toBe(quote.maxFeePerGas * 3n);
  });
});
