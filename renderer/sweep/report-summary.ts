// What the final report says at a glance.
import type { AssetOutcome, SweepPlanView, SweepReport } from '../../preload/api';

/** What stayed on the old account: measured at the end when known, else what was expected. */
export function leftBehind(asset: AssetOutcome): string {
  return asset.actualRemainder ?? asset.expectedRemainder;
}

/** True when every asset left exactly nothing behind. */
export function everythingMoved(report: SweepReport): boolean {
  return report.assets.every((asset) => BigInt(leftBehind(asset)) === 0n);
}

/** A file name for the exported report, from the case id and the finishing date. */
export function reportFilename(report: SweepReport, extension: 'txt' | 'json'): string {
  const day = (report.finishedAt ?? report.createdAt).slice(0, 10);
  return `lifeboat-sweep-${day}-${report.caseId.slice(0, 8)}.${extension}`;
}

function assetKey(asset: Pick<AssetOutcome, 'networkId' | 'account' | 'asset'>): string {
  return `${asset.networkId}|${asset.account.toLowerCase()}|${asset.asset.toLowerCase()}`;
}

/** What the plan meant to move of each asset of the report (0 for one it did not list). */
export function plannedAmounts(plan: SweepPlanView): (asset: AssetOutcome) => string {
  const planned = new Map(plan.assets.map((a) => [assetKey(a), a.moved]));
  return (asset) => planned.get(assetKey(asset)) ?? '0';
}

/** True when some asset moved another amount than planned (a native coin, priced at signing). */
export function differsFromPlan(report: SweepReport, plan: SweepPlanView): boolean {
  const planned = plannedAmounts(plan);
  return report.assets.some((asset) => planned(asset) !== asset.moved);
}

export interface TransactionGroup {
  networkId: string;
  account: string;
  transactions: (SweepReport['transactions'][number] & {
    kind: SweepPlanView['steps'][number]['kind'];
    symbol: string;
  })[];
}

/** The report's transactions by source account and network, each with its plan step. */
export function transactionsByAccount(
  report: SweepReport,
  plan: SweepPlanView,
): TransactionGroup[] {
  const groups: TransactionGroup[] = [];
  for (const tx of report.transactions) {
    const step = plan.steps.find((s) => s.index === tx.step);
    if (!step) continue;
    let group = groups.find(
      (g) => g.networkId === tx.networkId && g.account.toLowerCase() === tx.from.toLowerCase(),
    );
    if (!group) {
      group = { networkId: tx.networkId, account: tx.from, transactions: [] };
      groups.push(group);
    }
    group.transactions.push({ ...tx, kind: step.kind, symbol: step.symbol });
  }
  return groups;
}
