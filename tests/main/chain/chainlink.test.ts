// The meaning of a Chainlink round, as pure functions; the same decoding against a deployed
// aggregator-shaped contract is in prices.integration.test.ts.
import { AbiCoder } from 'ethers';
import { describe, expect, it } from 'vitest';
import {
  MAX_AGE_SECONDS,
  decodeFeedDecimals,
  decodeLatestRoundData,
  readingOf,
  type RoundData,
} from '../../../main/chain/chainlink';

const coder = AbiCoder.defaultAbiCoder();
const NOW = 1_800_000_000;

function roundData(answer: bigint, updatedAt: number): string {
  return coder.encode(
    ['uint80', 'int256', 'uint256', 'uint256', 'uint80'],
    [7n, answer, BigInt(updatedAt), BigInt(updatedAt), 7n],
  );
}

const round = (answer: bigint, updatedAt: number): RoundData =>
  decodeLatestRoundData(roundData(answer, updatedAt))!;

describe('latestRoundData and decimals', () => {
  it('decodes the five words, a negative answer included', () => {
    expect(decodeLatestRoundData(roundData(-5n, 100))).toEqual({
      roundId: 7n,
      answer: -5n,
      startedAt: 100n,
      updatedAt: 100n,
      answeredInRound: 7n,
    });
  });

  it('takes nothing that is not exactly five words', () => {
    const good = roundData(1n, 1);
    for (const bad of ['0x', good.slice(0, -2), `${good}00`, 'not hex', good.replace('0x', '')]) {
      expect(decodeLatestRoundData(bad), bad).toBeUndefined();
    }
  });

  it('reads decimals as a small whole number only', () => {
    expect(decodeFeedDecimals(coder.encode(['uint8'], [8]))).toBe(8);
    expect(decodeFeedDecimals(coder.encode(['uint256'], [37]))).toBeUndefined();
    expect(decodeFeedDecimals('0x')).toBeUndefined();
  });
});

describe('a reading', () => {
  it('is the answer scaled by the feed decimals, with its time', () => {
    expect(readingOf(round(250_012_345_678n, NOW - 60), 8, NOW)).toEqual({
      state: 'ok',
      usd: '2500.12345678',
      updatedAt: NOW - 60,
    });
    expect(readingOf(round(100_000_000n, NOW), 8, NOW)).toMatchObject({ usd: '1' });
    expect(readingOf(round(99_990_000n, NOW), 8, NOW)).toMatchObject({ usd: '0.9999' });
  });

  it('is stale after the maximum age, and says when it was last updated', () => {
    expect(readingOf(round(1n, NOW - MAX_AGE_SECONDS), 8, NOW).state).toBe('ok');
    expect(readingOf(round(1n, NOW - MAX_AGE_SECONDS - 1), 8, NOW)).toEqual({
      state: 'stale',
      updatedAt: NOW - MAX_AGE_SECONDS - 1,
    });
  });

  it('is missing for an answer that is not a price or a time that cannot be', () => {
    expect(readingOf(round(0n, NOW), 8, NOW).state).toBe('missing');
    expect(readingOf(round(-1n, NOW), 8, NOW).state).toBe('missing');
    expect(readingOf(round(1n, 0), 8, NOW).state).toBe('missing');
    expect(readingOf(round(1n, NOW + 3600), 8, NOW).state).toBe('missing');
    expect(readingOf(undefined, 8, NOW).state).toBe('missing');
    expect(readingOf(round(1n, NOW), undefined, NOW).state).toBe('missing');
  });
});
