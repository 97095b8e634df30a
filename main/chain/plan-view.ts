// A sweep plan as the console and the command line show it: plain data, amounts as decimal
// strings in base units (the `window.lifeboat` contract's SweepPlanView).
import type { AssetOutcome, SweepPlanView, SweepStepView } from '../../preload/api';
import { stepMaxCost, type SweepPlan } from './sweep-plan';

export function planView(plan: SweepPlan, planId: string, createdAt: string): SweepPlanView {
  const quoteOf = (networkId: string) => plan.fees.find((f) => f.networkId === networkId)!.quote;
  const steps: SweepStepView[] = plan.steps.map((s) => {
    const maxFee = quoteOf(s.networkId).maxFeePerGas;
    return {
      index: s.index,
      kind: s.kind,
      networkId: s.networkId,
      // Whose funds move: for a Safe step the Safe, not the executor who sends it.
      from: s.safe?.address ?? s.from,
      to: s.to,
      asset: s.asset,
      symbol: s.symbol,
      decimals: s.decimals,
      amount: s.amount.toString(),
      fee: {
        maxFeePerGas: maxFee.toString(),
        maxPriorityFeePerGas: maxFee.toString(),
        gasLimit: s.gasLimit.toString(),
        maxCost: stepMaxCost(s, maxFee).toString(),
        ...(s.l1FeeReserve > 0n ? { l1Fee: s.l1FeeReserve.toString() } : {}),
      },
    };
  });
  const assets: AssetOutcome[] = plan.assets.map((a) => ({
    networkId: a.networkId,
    account: a.account,
    asset: a.asset,
    symbol: a.symbol,
    decimals: a.decimals,
    moved: a.moved.toString(),
    expectedRemainder: a.expectedRemainder.toString(),
  }));
  const highest = plan.fees.reduce(
    (m, f) => (f.quote.maxFeePerGas > m ? f.quote.maxFeePerGas : m),
    0n,
  );
  return {
    planId,
    destination: plan.destination.address,
    steps,
    assets,
    totalFees: plan.fees.map((f) => {
      const network = plan.networks.find((n) => n.id === f.networkId)!;
      const steps = plan.steps.filter((s) => s.networkId === f.networkId);
      return {
        networkId: f.networkId,
        symbol: network.nativeSymbol,
        decimals: network.decimals,
        maxCost: f.maxCost.toString(),
        maxFeePerGas: f.quote.maxFeePerGas.toString(),
        cap: f.cap.toString(),
        maxCostAtCap: steps.reduce((sum, s) => sum + stepMaxCost(s, f.cap), 0n).toString(),
      };
    }),
    maxFeePerGas: highest.toString(),
    warnings: plan.warnings,
    createdAt,
  };
}
