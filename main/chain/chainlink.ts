// The two reads of a Chainlink aggregator (AggregatorV3Interface) Lifeboat makes, and what
// their answers mean, as pure functions: `latestRoundData()` and `decimals()` go out as
// eth_call data, their return data comes back as hex. An answer that is not positive, a round
// that never finished, a time in the future or a short reply is no price at all; an update
// older than MAX_AGE_SECONDS is a stale price, reported as such and never shown as a number.
import { AbiCoder, formatUnits } from 'ethers';

export const LATEST_ROUND_DATA_CALL = '0xfeaf968c';
export const DECIMALS_CALL = '0x313ce567';

/**
 * The longest a feed may go without an update and still count: the feeds listed here update
 * at least daily (their heartbeat), and an hour is allowed for a late round.
 */
export const MAX_AGE_SECONDS = 25 * 60 * 60;
/** A feed's clock may run this far ahead of the computer's before it is not believed. */
const FUTURE_SLACK_SECONDS = 5 * 60;

export interface RoundData {
  roundId: bigint;
  answer: bigint;
  startedAt: bigint;
  updatedAt: bigint;
  answeredInRound: bigint;
}

const coder = AbiCoder.defaultAbiCoder();

/** The five words of `latestRoundData()`, or undefined for anything else. */
export function decodeLatestRoundData(data: string): RoundData | undefined {
  if (!/^0x[0-9a-fA-F]{320}$/.test(data)) return undefined;
  try {
    const [roundId, answer, startedAt, updatedAt, answeredInRound] = coder.decode(
      ['uint80', 'int256', 'uint256', 'uint256', 'uint80'],
      data,
    ) as unknown as [bigint, bigint, bigint, bigint, bigint];
    return { roundId, answer, startedAt, updatedAt, answeredInRound };
  } catch {
    return undefined;
  }
}

/** The feed's `decimals()`, or undefined when the reply is not a small whole number. */
export function decodeFeedDecimals(data: string): number | undefined {
  if (!/^0x[0-9a-fA-F]{64}$/.test(data)) return undefined;
  const value = BigInt(data);
  return value <= 36n ? Number(value) : undefined;
}

export type FeedReading =
  | { state: 'ok'; usd: string; updatedAt: number }
  | { state: 'stale'; updatedAt: number }
  | { state: 'missing' };

/**
 * What a round says about the price now (`nowSeconds`, Unix time): the price as a decimal
 * string, or stale with the time of its last update, or missing.
 */
export function readingOf(
  round: RoundData | undefined,
  decimals: number | undefined,
  nowSeconds: number,
): FeedReading {
  if (round === undefined || decimals === undefined) return { state: 'missing' };
  if (round.answer <= 0n || round.updatedAt === 0n) return { state: 'missing' };
  if (round.updatedAt > BigInt(nowSeconds + FUTURE_SLACK_SECONDS)) return { state: 'missing' };
  const updatedAt = Number(round.updatedAt);
  if (nowSeconds - updatedAt > MAX_AGE_SECONDS) return { state: 'stale', updatedAt };
  return { state: 'ok', usd: trimZeros(formatUnits(round.answer, decimals)), updatedAt };
}

function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '') : decimal;
}
