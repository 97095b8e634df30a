// Fee quotes for sweeps. The tip is set equal to maxFee on purpose: then the price actually
// paid is maxFee whatever the base fee does at inclusion, so `balance − gasLimit · maxFee`
// leaves exactly zero behind. The cost of that certainty
// is the headroom above the base fee, which is why the headroom is kept small and a
// transaction that gets stuck is replaced rather than priced high up front.
import { LifeboatError, isLifeboatError } from '../errors';
import type { ChainConnection } from './connection';
import type { FeeModel } from './networks';

export interface FeeQuote {
  model: FeeModel;
  /** Base fee of the block the quote was read from; 0 on legacy networks. */
  baseFee: bigint;
  /** The tip on top of the base fee that the network asks for; also part of maxFee. */
  tip: bigint;
  /** The gas price on legacy networks. */
  maxFeePerGas: bigint;
  /** Always equal to maxFeePerGas (see the file header). */
  maxPriorityFeePerGas: bigint;
  blockNumber: number;
}

/** How far above the current base fee a quote reaches: two full-block rises of 12.5 %. */
const BASE_FEE_HEADROOM_PERCENT = 27n;
/** Nodes refuse a replacement at the same nonce unless its fees are at least 10 % higher. */
const REPLACEMENT_BUMP_PERCENT = 10n;
/** Legacy networks have no base fee to follow; a little above the asked price gets in. */
const LEGACY_PRICE_MARGIN_PERCENT = 10n;

/** Without a cap from the person, replacements may reach this multiple of the quote. */
const DEFAULT_CAP_MULTIPLE = 3n;

export function defaultFeeCap(maxFeePerGas: bigint): bigint {
  return maxFeePerGas * DEFAULT_CAP_MULTIPLE;
}

export function maxFeeFor(baseFee: bigint, tip: bigint): bigint {
  return ceilDiv(baseFee * (100n + BASE_FEE_HEADROOM_PERCENT), 100n) + tip;
}

export function quoteFromBlock(
  model: FeeModel,
  block: { number: number; baseFeePerGas: bigint | undefined },
  tip: bigint,
  gasPrice: bigint,
): FeeQuote {
  if (model === 'legacy') {
    const price = ceilDiv(gasPrice * (100n + LEGACY_PRICE_MARGIN_PERCENT), 100n);
    return {
      model,
      baseFee: 0n,
      tip: 0n,
      maxFeePerGas: price,
      maxPriorityFeePerGas: price,
      blockNumber: block.number,
    };
  }
  const baseFee = block.baseFeePerGas ?? 0n;
  const maxFee = maxFeeFor(baseFee, tip);
  return {
    model,
    baseFee,
    tip,
    maxFeePerGas: maxFee,
    maxPriorityFeePerGas: maxFee,
    blockNumber: block.number,
  };
}

/**
 * The fee for a transaction that replaces `previous` at the same nonce: enough for the
 * current base fee, and at least the 10 % bump nodes require.
 */
export function replacementFee(previous: bigint, current: FeeQuote): bigint {
  const bumped = ceilDiv(previous * (100n + REPLACEMENT_BUMP_PERCENT), 100n) + 1n;
  return current.maxFeePerGas > bumped ? current.maxFeePerGas : bumped;
}

export function assertUnderCap(maxFeePerGas: bigint, cap: bigint, networkId: string): void {
  if (maxFeePerGas > cap) {
    throw new LifeboatError(
      'fee-cap-exceeded',
      `The network fee (${maxFeePerGas} wei per gas) is above your cap of ${cap} wei per gas.`,
      { network: networkId, maxFeePerGas: maxFeePerGas.toString(), cap: cap.toString() },
    );
  }
}

/** What a fee quote is read from: a checked connection, or anything that answers the same. */
export type FeeSource = Pick<
  ChainConnection,
  'network' | 'latestBlock' | 'gasPrice' | 'maxPriorityFee'
>;

/** One quote per network per plan: read once, used for both amounts and signatures. */
export async function quoteFee(connection: FeeSource): Promise<FeeQuote> {
  const model = connection.network.feeModel;
  const [block, gasPrice, tip] = await Promise.all([
    connection.latestBlock(),
    connection.gasPrice(),
    model === 'legacy' ? Promise.resolve(0n) : priorityFee(connection),
  ]);
  const effectiveTip =
    tip ??
    (block.baseFeePerGas !== undefined && gasPrice > block.baseFeePerGas
      ? gasPrice - block.baseFeePerGas
      : 0n);
  return quoteFromBlock(model, block, effectiveTip, gasPrice);
}

/** eth_maxPriorityFeePerGas is not on every server; undefined means "derive it". */
async function priorityFee(connection: FeeSource): Promise<bigint | undefined> {
  try {
    return await connection.maxPriorityFee();
  } catch (error) {
    if (isLifeboatError(error, 'rpc-error')) return undefined;
    throw error;
  }
}

export function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}
