// The sweep of a Safe, planned from facts read beforehand (pure, like the EOA planner): one
// Safe transaction per token, then one for the native coin, each with the next Safe nonce,
// each executed by the executor (who signs, sends and pays the gas) at its own next nonce.
// The Safe pays no gas, so its native balance moves whole and exactly 0 stays behind, and no
// step waits for another to be on chain.
import type { AccountView, PlanWarning } from '../../../preload/api';
import { LifeboatError } from '../../errors';
import { assertRecipient, type DestinationKind } from '../destination';
import { transferData } from '../erc20';
import { assertUnderCap, defaultFeeCap, type FeeQuote } from '../fees';
import type { AssetPlan, NetworkRef, PlanStep, SweepPlan } from '../sweep-plan';
import { stepMaxCost } from '../sweep-plan';
import type { Token } from '../tokens';
import { execGasLimit } from './safe-gas';
import type { SafeState } from './safe-reader';
import { plainSafeTx, safeTxHash } from './safe-tx';

export interface SafeHolding {
  token: Token;
  balance: bigint;
  /** eth_estimateGas of the transfer made from the Safe; undefined when it would revert. */
  gasEstimate: bigint | undefined;
}

export interface SafeSweepFacts {
  network: NetworkRef;
  fee: FeeQuote;
  safe: SafeState;
  native: bigint;
  /** The native transfer from the Safe to the destination; undefined when refused. */
  nativeGasEstimate: bigint | undefined;
  tokens: SafeHolding[];
  destination: { address: string; kind: DestinationKind; delegate?: string };
  executor: { account: AccountView; native: bigint; nonce: number };
}

export function planSafeSweep(facts: SafeSweepFacts, options: { feeCap?: bigint }): SweepPlan {
  const { network, fee, safe, destination, executor } = facts;
  assertRecipient(destination.address, [safe.address], 'destination');
  const cap = options.feeCap ?? defaultFeeCap(fee.maxFeePerGas);
  assertUnderCap(fee.maxFeePerGas, cap, network.id);
  const steps: PlanStep[] = [];
  const assets: AssetPlan[] = [];
  const warnings: PlanWarning[] = [];
  let safeNonce = safe.nonce;
  const asset = (
    symbol: string,
    decimals: number,
    address: string,
    balance: bigint,
    moved: bigint,
  ) =>
    assets.push({
      networkId: network.id,
      account: safe.address,
      asset: address,
      symbol,
      decimals,
      balance,
      moved,
      expectedRemainder: balance - moved,
      exact: true,
    });
  const step = (
    kind: 'token' | 'native',
    what: { asset: string; symbol: string; decimals: number; amount: bigint },
    call: { to: string; value: bigint; data: string },
    innerGas: bigint,
  ) => {
    const tx = plainSafeTx({ ...call, nonce: safeNonce });
    const gasLimit = execGasLimit(innerGas, safe.threshold, (call.data.length - 2) / 2);
    steps.push({
      index: steps.length,
      kind,
      networkId: network.id,
      chainId: network.chainId,
      account: executor.account,
      signer: 'executor',
      from: executor.account.address,
      to: destination.address,
      ...what,
      nonce: executor.nonce + steps.length,
      gasLimit,
      expectedGasUsed: gasLimit,
      l1FeeReserve: 0n,
      l1FeeEstimate: 0n,
      safe: {
        address: safe.address,
        nonce: safeNonce,
        to: tx.to,
        value: tx.value,
        data: tx.data,
        hash: safeTxHash(network.chainId, safe.address, tx),
      },
    });
    safeNonce += 1;
  };

  for (const holding of facts.tokens.filter((h) => h.balance > 0n)) {
    const { token, balance } = holding;
    if (holding.gasEstimate === undefined) {
      asset(token.symbol, token.decimals, token.address, balance, 0n);
      warnings.push({
        code: 'token-refused',
        networkId: network.id,
        account: safe.address,
        params: { symbol: token.symbol },
      });
      continue;
    }
    step(
      'token',
      { asset: token.address, symbol: token.symbol, decimals: token.decimals, amount: balance },
      { to: token.address, value: 0n, data: transferData(destination.address, balance) },
      holding.gasEstimate,
    );
    asset(token.symbol, token.decimals, token.address, balance, balance);
  }
  if (facts.native > 0n) {
    const coin = { symbol: network.nativeSymbol, decimals: network.decimals };
    if (facts.nativeGasEstimate === undefined) {
      asset(coin.symbol, coin.decimals, 'native', facts.native, 0n);
      warnings.push({
        code: 'native-refused',
        networkId: network.id,
        account: safe.address,
        params: { symbol: network.nativeSymbol },
      });
    } else {
      step(
        'native',
        { asset: 'native', ...coin, amount: facts.native },
        { to: destination.address, value: facts.native, data: '0x' },
        facts.nativeGasEstimate,
      );
      asset(coin.symbol, coin.decimals, 'native', facts.native, facts.native);
    }
  }
  if (assets.length === 0) throw new LifeboatError('nothing-to-move');
  const maxCost = steps.reduce((sum, s) => sum + stepMaxCost(s, fee.maxFeePerGas), 0n);
  if (steps.length > 0 && executor.native < maxCost) {
    throw new LifeboatError(
      'insufficient-gas',
      `The account that pays the fees, ${executor.account.address}, holds too little ${network.nativeSymbol} for them.`,
      {
        network: network.id,
        account: executor.account.address,
        needed: maxCost.toString(),
        available: executor.native.toString(),
      },
    );
  }
  return {
    destination: {
      address: destination.address,
      kind: destination.kind,
      ...(destination.delegate === undefined ? {} : { delegate: destination.delegate }),
    },
    networks: [network],
    fees: [{ networkId: network.id, quote: fee, cap, maxCost }],
    steps,
    assets,
    warnings,
  };
}
