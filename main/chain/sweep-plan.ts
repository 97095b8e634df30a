// The sweep planner: pure arithmetic over facts read from the chain beforehand, so every
// rule can be checked without a network. Per source account and network: ERC-20 transfers
// first, the native coin last with value = balance − gasLimit · maxFee (exactly zero left
// when the destination has no code, see fees.ts); a gas top-up from the destination first
// when tokens cannot pay their own gas. Every step, fee and expected remainder is listed;
// what stays behind and why is said with warning codes the console and CLI put into words.
import type { AccountView, PlanWarning } from '../../preload/api';
import { LifeboatError } from '../errors';
import { assertRecipient, type DestinationKind } from './destination';
import { assertUnderCap, ceilDiv, defaultFeeCap, type FeeQuote } from './fees';
import { assertDistinctChains, type Network } from './networks';
import type { Token } from './tokens';

/** A transfer of the native coin to an address without code uses exactly this much gas. */
export const PLAIN_TRANSFER_GAS = 21_000n;
/** Unused token gas is not lost: it is refunded and swept by the native step. */
const TOKEN_GAS_MARGIN_PERCENT = 20n;
/** Unused gas of the final native step stays behind, so its margin is kept small. */
const CODE_GAS_MARGIN_PERCENT = 10n;
/** The L1 data fee follows the L1 base fee, which moves between planning and inclusion. */
const L1_FEE_MARGIN_PERCENT = 50n;

export type NetworkRef = Omit<Network, 'rpcUrls'>;

export interface TokenHolding {
  token: Token;
  balance: bigint;
  /** eth_estimateGas of transfer(destination, balance) from the source. */
  gasEstimate: bigint;
  /** OP-stack L1 data fee of that transfer; 0 elsewhere. */
  l1Fee: bigint;
}

export interface SourceFacts {
  account: AccountView;
  native: bigint;
  nonce: number;
  /** Tokens with a non-zero balance that can be transferred. */
  tokens: TokenHolding[];
  /** Tokens with a balance whose transfer would revert (paused token, blocked account…). */
  refusedTokens: { token: Token; balance: bigint }[];
  /**
   * Gas the native transfer to the destination uses: 21000 to an address without code;
   * undefined when the destination's code refuses the coin.
   */
  nativeGasEstimate: bigint | undefined;
  nativeL1Fee: bigint;
  /** Gas of a top-up transfer from the destination to this account. */
  topUpGasEstimate: bigint;
  topUpL1Fee: bigint;
}

export interface NetworkFacts {
  network: NetworkRef;
  fee: FeeQuote;
  destination: {
    address: string;
    kind: DestinationKind;
    delegate?: string;
    native: bigint;
    nonce: number;
    /** The destination is a card or secret the person holds, so it can pay a top-up. */
    canSign: boolean;
  };
  sources: SourceFacts[];
}

export type StepKind = 'top-up' | 'token' | 'native';

/**
 * A step carried out through a Safe: the Safe holds the asset and makes the call, the step's
 * sender (`from`, the executor) sends execTransaction with the owners' signatures and pays
 * the gas. Operation CALL, every refund field zero (see chain/safe/safe-tx.ts).
 */
export interface SafeExecution {
  /** The Safe, which holds the asset. */
  address: string;
  /** The Safe's nonce this transaction is signed for: it can be used once. */
  nonce: number;
  to: string;
  value: bigint;
  data: string;
  /** The safeTxHash the owners sign. */
  hash: string;
}

export interface PlanStep {
  index: number;
  kind: StepKind;
  networkId: string;
  chainId: number;
  /**
   * The source account the step belongs to (for a top-up: the one it pays gas for; for a
   * Safe step: the executor's account, which signs and pays).
   */
  account: AccountView;
  /** Who signs: the source account, the destination for a top-up, a Safe's executor. */
  signer: 'source' | 'destination' | 'executor';
  from: string;
  /** Who receives the asset (for a token step the transaction itself goes to the token). */
  to: string;
  /** `native` or the token contract address. */
  asset: string;
  symbol: string;
  decimals: number;
  /** Token amount, top-up value, or the expected native value (recomputed when signed). */
  amount: bigint;
  nonce: number;
  gasLimit: bigint;
  expectedGasUsed: bigint;
  /** OP-stack: the L1 fee kept aside for this step; 0 elsewhere. */
  l1FeeReserve: bigint;
  l1FeeEstimate: bigint;
  /** Present when a Safe holds the asset and makes the transfer. */
  safe?: SafeExecution;
}

/** The account whose asset a step moves: the Safe for a Safe step, else the step's account. */
export function holderOf(step: Pick<PlanStep, 'account' | 'safe'>): string {
  return step.safe?.address ?? step.account.address;
}

export interface AssetPlan {
  networkId: string;
  account: string;
  asset: string;
  symbol: string;
  decimals: number;
  balance: bigint;
  moved: bigint;
  expectedRemainder: bigint;
  /** True when the remainder is guaranteed, not just expected. */
  exact: boolean;
}

export interface NetworkFee {
  networkId: string;
  quote: FeeQuote;
  /** The person's cap per gas; replacements never go above it. */
  cap: bigint;
  /** The most the steps on this network can cost, L1 reserves included. */
  maxCost: bigint;
}

export interface SweepPlan {
  destination: { address: string; kind: DestinationKind; delegate?: string };
  networks: NetworkRef[];
  fees: NetworkFee[];
  steps: PlanStep[];
  assets: AssetPlan[];
  warnings: PlanWarning[];
}

export interface PlanOptions {
  /** Per network: the highest maxFeePerGas the person accepts (default: 3 × the quote). */
  feeCaps: Partial<Record<string, bigint>>;
  allowTopUp: boolean;
}

export function planSweep(facts: readonly NetworkFacts[], options: PlanOptions): SweepPlan {
  const first = facts[0];
  if (!first) throw new LifeboatError('nothing-to-move');
  const destinations = new Set(facts.map((f) => f.destination.address.toLowerCase()));
  if (destinations.size !== 1) throw new LifeboatError('internal');
  assertDistinctChains(facts.map((f) => f.network));
  assertRecipient(
    first.destination.address,
    facts.flatMap((f) => f.sources.map((s) => s.account.address)),
    'destination',
  );
  const steps: PlanStep[] = [];
  const assets: AssetPlan[] = [];
  const warnings: PlanWarning[] = [];
  const fees: NetworkFee[] = [];

  for (const networkFacts of facts) {
    const { network, fee, destination } = networkFacts;
    const cap = options.feeCaps[network.id] ?? defaultFeeCap(fee.maxFeePerGas);
    assertUnderCap(fee.maxFeePerGas, cap, network.id);
    const before = steps.length;
    if (destination.kind === 'delegated') {
      warnings.push({
        code: 'destination-delegated',
        networkId: network.id,
        params: { delegate: destination.delegate ?? '', symbol: network.nativeSymbol },
      });
    } else if (destination.kind === 'contract') {
      warnings.push({
        code: 'destination-is-contract',
        networkId: network.id,
        params: { symbol: network.nativeSymbol },
      });
    }
    let destinationNonce = destination.nonce;
    let destinationSpendable = destination.native;
    for (const source of networkFacts.sources) {
      const planned = planAccount(networkFacts, source, {
        allowTopUp: options.allowTopUp,
        destinationNonce,
        destinationSpendable,
        firstIndex: steps.length,
      });
      steps.push(...planned.steps);
      assets.push(...planned.assets);
      warnings.push(...planned.warnings);
      destinationNonce += planned.steps.filter((s) => s.signer === 'destination').length;
      destinationSpendable -= planned.destinationSpent;
    }
    const networkSteps = steps.slice(before);
    fees.push({
      networkId: network.id,
      quote: fee,
      cap,
      maxCost: networkSteps.reduce((sum, s) => sum + stepMaxCost(s, fee.maxFeePerGas), 0n),
    });
  }

  if (assets.length === 0) throw new LifeboatError('nothing-to-move');
  return {
    destination: {
      address: first.destination.address,
      kind: first.destination.kind,
      ...(first.destination.delegate === undefined ? {} : { delegate: first.destination.delegate }),
    },
    networks: facts.map((f) => f.network),
    fees,
    steps,
    assets,
    warnings,
  };
}

/** What a step waits for before it is signed, and before it is sent. */
export interface StepWaits {
  /** Steps that must be on chain first: the tokens' gas top-up; the native step's tokens. */
  onChain: number[];
  /** Steps of the same sender with lower nonces, which must reach the network first. */
  sent: number[];
}

/**
 * The order a plan's steps need, and nothing more: a token transfer can only pay its gas
 * once its top-up is on chain, and the native step sweeps what its tokens really left. A
 * Safe pays no gas and its amounts are fixed when signed, so its steps wait for nothing on
 * chain. The rest runs at once, a sender's transactions reaching the network in nonce order.
 */
export function stepWaits(plan: Pick<SweepPlan, 'steps'>, index: number): StepWaits {
  const step = plan.steps[index]!;
  const sameAccount = (other: PlanStep) =>
    other.networkId === step.networkId &&
    other.account.address.toLowerCase() === step.account.address.toLowerCase();
  const before: StepKind[] = step.safe
    ? []
    : step.kind === 'native'
      ? ['top-up', 'token']
      : step.kind === 'token'
        ? ['top-up']
        : [];
  return {
    onChain: plan.steps
      .filter((other) => sameAccount(other) && before.includes(other.kind))
      .map((other) => other.index),
    sent: plan.steps
      .filter(
        (other) =>
          other.networkId === step.networkId &&
          other.from.toLowerCase() === step.from.toLowerCase() &&
          other.nonce < step.nonce,
      )
      .map((other) => other.index),
  };
}

export function stepMaxCost(
  step: Pick<PlanStep, 'gasLimit' | 'l1FeeReserve'>,
  maxFee: bigint,
): bigint {
  return step.gasLimit * maxFee + step.l1FeeReserve;
}

/**
 * What the final native step sends: everything but its own maximum cost. With the tip equal
 * to maxFee and 21000 gas to an address without code that leaves exactly zero.
 */
export function nativeSweepValue(
  balance: bigint,
  step: Pick<PlanStep, 'gasLimit' | 'l1FeeReserve'>,
  maxFee: bigint,
): bigint {
  return balance - stepMaxCost(step, maxFee);
}

function planAccount(
  facts: NetworkFacts,
  source: SourceFacts,
  context: {
    allowTopUp: boolean;
    destinationNonce: number;
    destinationSpendable: bigint;
    firstIndex: number;
  },
): { steps: PlanStep[]; assets: AssetPlan[]; warnings: PlanWarning[]; destinationSpent: bigint } {
  const { network, fee, destination } = facts;
  const maxFee = fee.maxFeePerGas;
  const exactModel = network.feeModel === 'eip1559' || network.feeModel === 'legacy';
  const steps: PlanStep[] = [];
  const assets: AssetPlan[] = [];
  const warnings: PlanWarning[] = [];
  const address = source.account.address;
  const base = {
    networkId: network.id,
    chainId: network.chainId,
    account: source.account,
  };
  const native = {
    asset: 'native',
    symbol: network.nativeSymbol,
    decimals: network.decimals,
  };
  const holdings = source.tokens.filter((t) => t.balance > 0n);
  for (const refused of source.refusedTokens) {
    assets.push(assetPlan(network.id, address, refused.token, refused.balance, 0n, true));
    warnings.push({
      code: 'token-refused',
      networkId: network.id,
      account: address,
      params: { symbol: refused.token.symbol },
    });
  }
  const nativeGas = source.nativeGasEstimate;

  const tokenSteps = holdings.map((h) => ({
    gasLimit: withMargin(h.gasEstimate, TOKEN_GAS_MARGIN_PERCENT),
    l1FeeReserve: withMargin(h.l1Fee, L1_FEE_MARGIN_PERCENT),
    holding: h,
  }));
  const tokenMaxCost = tokenSteps.reduce((sum, t) => sum + stepMaxCost(t, maxFee), 0n);
  const nativeLimit =
    nativeGas === undefined
      ? 0n
      : destination.kind === 'eoa' && network.feeModel !== 'arbitrum'
        ? PLAIN_TRANSFER_GAS
        : withMargin(nativeGas, CODE_GAS_MARGIN_PERCENT);
  const nativeReserve =
    nativeGas === undefined ? 0n : withMargin(source.nativeL1Fee, L1_FEE_MARGIN_PERCENT);
  const nativeMaxCost = nativeLimit * maxFee + nativeReserve;

  let available = source.native;
  let destinationSpent = 0n;
  let nonce = source.nonce;

  if (holdings.length > 0 && source.native < tokenMaxCost) {
    const topUp = tokenMaxCost + nativeMaxCost - source.native;
    const topUpLimit = source.topUpGasEstimate;
    const topUpReserve = withMargin(source.topUpL1Fee, L1_FEE_MARGIN_PERCENT);
    const topUpCost = topUp + topUpLimit * maxFee + topUpReserve;
    const canTopUp =
      context.allowTopUp && destination.canSign && context.destinationSpendable >= topUpCost;
    if (!canTopUp) {
      const coinParams = {
        topUp: topUp.toString(),
        symbol: network.nativeSymbol,
        decimals: String(network.decimals),
      };
      warnings.push(
        !destination.canSign
          ? {
              code: 'top-up-needed',
              networkId: network.id,
              account: address,
              params: { ...coinParams, fees: tokenMaxCost.toString() },
            }
          : !context.allowTopUp
            ? {
                code: 'top-up-not-allowed',
                networkId: network.id,
                account: address,
                params: coinParams,
              }
            : {
                code: 'top-up-short',
                networkId: network.id,
                account: address,
                params: { ...coinParams, available: context.destinationSpendable.toString() },
              },
      );
      for (const h of holdings)
        assets.push(assetPlan(network.id, address, h.token, h.balance, 0n, true));
      if (source.native > 0n) {
        assets.push({
          networkId: network.id,
          account: address,
          ...native,
          balance: source.native,
          moved: 0n,
          expectedRemainder: source.native,
          exact: true,
        });
      }
      return { steps, assets, warnings, destinationSpent };
    }
    steps.push({
      ...base,
      index: context.firstIndex + steps.length,
      kind: 'top-up',
      signer: 'destination',
      from: destination.address,
      to: address,
      ...native,
      amount: topUp,
      nonce: context.destinationNonce,
      gasLimit: topUpLimit,
      expectedGasUsed: topUpLimit,
      l1FeeReserve: topUpReserve,
      l1FeeEstimate: source.topUpL1Fee,
    });
    available += topUp;
    destinationSpent = topUpCost;
  }

  for (const t of tokenSteps) {
    steps.push({
      ...base,
      index: context.firstIndex + steps.length,
      kind: 'token',
      signer: 'source',
      from: address,
      to: destination.address,
      asset: t.holding.token.address,
      symbol: t.holding.token.symbol,
      decimals: t.holding.token.decimals,
      amount: t.holding.balance,
      nonce: nonce++,
      gasLimit: t.gasLimit,
      expectedGasUsed: t.holding.gasEstimate,
      l1FeeReserve: t.l1FeeReserve,
      l1FeeEstimate: t.holding.l1Fee,
    });
    assets.push(
      assetPlan(network.id, address, t.holding.token, t.holding.balance, t.holding.balance, true),
    );
    // What the token steps are expected to really cost; the native step sweeps the rest.
    available -= t.holding.gasEstimate * effectivePrice(fee) + t.holding.l1Fee;
  }

  if (source.native === 0n && steps.length === 0)
    return { steps, assets, warnings, destinationSpent };
  /** The native coin is not moved: it is reported as staying, with the reason. */
  const keepNative = (code: 'native-refused' | 'native-below-fee') => {
    assets.push({
      networkId: network.id,
      account: address,
      ...native,
      balance: source.native,
      moved: 0n,
      expectedRemainder: available > 0n ? available : 0n,
      exact: false,
    });
    warnings.push({
      code,
      networkId: network.id,
      account: address,
      params: { symbol: network.nativeSymbol },
    });
    return { steps, assets, warnings, destinationSpent };
  };
  if (nativeGas === undefined) return keepNative('native-refused');
  const value = available - nativeMaxCost;
  if (value < 0n) return keepNative('native-below-fee');
  steps.push({
    ...base,
    index: context.firstIndex + steps.length,
    kind: 'native',
    signer: 'source',
    from: address,
    to: destination.address,
    ...native,
    amount: value,
    nonce,
    gasLimit: nativeLimit,
    expectedGasUsed: nativeGas,
    l1FeeReserve: nativeReserve,
    l1FeeEstimate: source.nativeL1Fee,
  });
  const remainder = nativeMaxCost - nativeGas * effectivePrice(fee) - source.nativeL1Fee;
  const exact = exactModel && destination.kind === 'eoa';
  assets.push({
    networkId: network.id,
    account: address,
    ...native,
    balance: source.native,
    moved: value,
    expectedRemainder: remainder,
    exact,
  });
  if (remainder > 0n) {
    warnings.push({
      code: 'remainder-expected',
      networkId: network.id,
      account: address,
      params: {
        amount: remainder.toString(),
        symbol: network.nativeSymbol,
        decimals: String(network.decimals),
        cause:
          destination.kind !== 'eoa'
            ? 'contract'
            : network.feeModel === 'op-stack'
              ? 'l1-fee'
              : 'measured-gas',
      },
    });
  }
  return { steps, assets, warnings, destinationSpent };
}

function assetPlan(
  networkId: string,
  account: string,
  token: Token,
  balance: bigint,
  moved: bigint,
  exact: boolean,
): AssetPlan {
  return {
    networkId,
    account,
    asset: token.address,
    symbol: token.symbol,
    decimals: token.decimals,
    balance,
    moved,
    expectedRemainder: balance - moved,
    exact,
  };
}

/** The price per gas the network will actually charge, as far as it can be known now. */
function effectivePrice(fee: FeeQuote): bigint {
  // Arbitrum ignores the tip and charges the base fee of the block.
  return fee.model === 'arbitrum' ? fee.baseFee : fee.maxFeePerGas;
}

function withMargin(value: bigint, percent: bigint): bigint {
  return ceilDiv(value * (100n + percent), 100n);
}
