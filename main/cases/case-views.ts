// A case as the console and the command line show it, and its final report (JSON and text).
import { formatUnits } from 'ethers';
import type { AssetOutcome, CaseStepView, CaseView, SweepReport } from '../../preload/api';
import { isErrorCode } from '../../preload/errors';
import { explorerTxUrl } from '../chain/networks';
import { planView } from '../chain/plan-view';
import { holderOf } from '../chain/sweep-plan';
import type { CaseRecord, StepRecord } from './case-record';
import { warningText } from './warning-text';

export function stepView(step: StepRecord): CaseStepView {
  const hash = step.included?.hash ?? step.attempts.at(-1)?.hash;
  return {
    index: step.index,
    state: step.state,
    ...(hash === undefined ? {} : { txHash: hash }),
    ...(step.included ? { blockNumber: step.included.blockNumber } : {}),
    ...(step.confirmations === undefined ? {} : { confirmations: step.confirmations }),
    ...(step.error && isErrorCode(step.error.code)
      ? { error: { code: step.error.code, message: step.error.message } }
      : {}),
  };
}

export function caseView(record: CaseRecord): CaseView {
  return {
    caseId: record.caseId,
    state: record.state,
    plan: planView(record.plan, record.planId, record.planCreatedAt),
    steps: record.steps.map(stepView),
    source: {
      ...(record.source.keyUid === undefined ? {} : { keyUid: record.source.keyUid }),
      addresses: record.source.addresses,
    },
    updatedAt: record.updatedAt,
    ...(record.safe
      ? { safe: { networkId: record.safe.networkId, address: record.safe.address } }
      : {}),
    ...(record.stopped && isErrorCode(record.stopped.code)
      ? {
          stopped: {
            code: record.stopped.code,
            message: record.stopped.message,
            ...(record.stopped.details === undefined ? {} : { details: record.stopped.details }),
          },
        }
      : {}),
  };
}

/** What each asset really moved: the amounts of the included, successful steps. */
function movedAmounts(record: CaseRecord): Map<string, bigint> {
  const moved = new Map<string, bigint>();
  for (const step of record.plan.steps) {
    if (step.kind === 'top-up') continue;
    const state = record.steps[step.index];
    if (state?.state !== 'confirmed' || state.included?.status !== 'success') continue;
    const attempt = state.attempts.find((a) => a.hash === state.included!.hash);
    if (!attempt) continue;
    const key = assetKey(step.networkId, holderOf(step), step.asset);
    moved.set(key, (moved.get(key) ?? 0n) + attempt.amount);
  }
  return moved;
}

function assetKey(networkId: string, account: string, asset: string): string {
  return `${networkId}|${account.toLowerCase()}|${asset.toLowerCase()}`;
}

export function caseReport(record: CaseRecord): SweepReport {
  const moved = movedAmounts(record);
  const actual = new Map(
    (record.verification?.assets ?? []).map((a) => [
      assetKey(a.networkId, a.account, a.asset),
      a.balance,
    ]),
  );
  const assets: AssetOutcome[] = record.plan.assets.map((a) => {
    const key = assetKey(a.networkId, a.account, a.asset);
    const left = actual.get(key);
    return {
      networkId: a.networkId,
      account: a.account,
      asset: a.asset,
      symbol: a.symbol,
      decimals: a.decimals,
      moved: (moved.get(key) ?? 0n).toString(),
      expectedRemainder: a.expectedRemainder.toString(),
      ...(left === undefined ? {} : { actualRemainder: left.toString() }),
    };
  });
  const transactions = record.plan.steps.flatMap((step) => {
    const included = record.steps[step.index]?.included;
    return included
      ? [
          {
            networkId: step.networkId,
            from: step.from,
            nonce: step.nonce,
            txHash: included.hash,
            step: step.index,
          },
        ]
      : [];
  });
  const report: Omit<SweepReport, 'text'> = {
    caseId: record.caseId,
    createdAt: record.createdAt,
    ...(record.finishedAt === undefined ? {} : { finishedAt: record.finishedAt }),
    destination: record.destination.address,
    assets,
    transactions,
    scanned: record.scanned,
  };
  return { ...report, text: reportText(record, assets) };
}

function reportText(record: CaseRecord, assets: AssetOutcome[]): string {
  const networkName = (id: string) => record.plan.networks.find((n) => n.id === id)?.name ?? id;
  const lines = [
    `Lifeboat sweep report — case ${record.caseId}`,
    `State: ${record.state}${record.stopped ? ` (${record.stopped.code}: ${record.stopped.message})` : ''}`,
    `Created: ${record.createdAt}${record.finishedAt ? `   Finished: ${record.finishedAt}` : ''}`,
    `Destination: ${record.destination.address}`,
    `Scanned: schemes ${record.scanned.schemes.join(', ')}; networks ${record.scanned.networkIds.map(networkName).join(', ')}; ${record.scanned.addresses} addresses; ${record.scanned.tokens} listed tokens`,
    '',
    'Assets:',
  ];
  for (const [i, a] of assets.entries()) {
    const f = (v: string) => `${formatUnits(BigInt(v), a.decimals)} ${a.symbol}`;
    const planned = record.plan.assets[i]!.moved.toString();
    const moved =
      planned === a.moved || a.moved === '0'
        ? `moved ${f(a.moved)}`
        : `moved ${f(a.moved)} (planned ${f(planned)}: a native amount is worked out again when it is signed)`;
    const left =
      a.actualRemainder === undefined
        ? 'not verified'
        : `${f(a.actualRemainder)} left${a.actualRemainder === a.expectedRemainder ? ' (as expected)' : ` (expected ${f(a.expectedRemainder)})`}`;
    lines.push(`  ${networkName(a.networkId)}  ${a.account}  ${moved}; ${left}`);
  }
  lines.push('', 'Steps:');
  for (const step of record.plan.steps) {
    const state = record.steps[step.index];
    const network = record.plan.networks.find((n) => n.id === step.networkId);
    const hash = state?.included?.hash ?? state?.attempts.at(-1)?.hash;
    const url = hash && network ? explorerTxUrl(network, hash) : undefined;
    const through = step.safe
      ? ` (Safe transaction ${step.safe.nonce}, sent by ${step.from} at nonce ${step.nonce})`
      : ` (nonce ${step.nonce})`;
    lines.push(
      `  ${step.index + 1}. ${step.kind} ${step.symbol} ${holderOf(step)} → ${step.to}${through}: ${state?.state ?? 'unknown'}` +
        (hash
          ? `\n     ${hash}${state?.included ? ` in block ${state.included.blockNumber}` : ''}`
          : '') +
        (url ? `\n     ${url}` : '') +
        ((state?.attempts.length ?? 0) > 1
          ? `\n     signed ${state!.attempts.length} times at the same nonce (fee raised); only one can be included`
          : ''),
    );
  }
  for (const w of record.plan.warnings) {
    lines.push(`Note: ${warningText(w, networkName(w.networkId))}`);
  }
  return lines.join('\n');
}
