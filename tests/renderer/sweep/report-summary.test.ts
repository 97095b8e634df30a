import { describe, expect, it } from 'vitest';
import type { AssetOutcome, SweepPlanView, SweepReport } from '../../../preload/api';
import {
  differsFromPlan,
  everythingMoved,
  leftBehind,
  plannedAmounts,
  reportFilename,
  transactionsByAccount,
} from '../../../renderer/sweep/report-summary';

function asset(expectedRemainder: string, actualRemainder?: string): AssetOutcome {
  return {
    networkId: 'local',
    account: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    asset: 'native',
    symbol: 'ETH',
    decimals: 18,
    moved: '100',
    expectedRemainder,
    ...(actualRemainder === undefined ? {} : { actualRemainder }),
  };
}

function report(assets: AssetOutcome[]): SweepReport {
  return {
    caseId: '0123456789abcdef',
    createdAt: '2026-03-01T10:00:00.000Z',
    finishedAt: '2026-03-02T10:00:00.000Z',
    destination: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    assets,
    transactions: [],
    scanned: { schemes: ['bip44'], networkIds: ['local'], addresses: 1, tokens: 0 },
    text: '',
  };
}

describe('report summary', () => {
  it('prefers what was measured on chain over what was expected', () => {
    expect(leftBehind(asset('0', '5'))).toBe('5');
    expect(leftBehind(asset('3'))).toBe('3');
  });

  it('says everything moved only when every asset left exactly zero', () => {
    expect(everythingMoved(report([asset('0', '0'), asset('0', '0')]))).toBe(true);
    expect(everythingMoved(report([asset('0', '0'), asset('0', '1')]))).toBe(false);
    expect(everythingMoved(report([asset('7')]))).toBe(false);
  });

  it('names the exported file by day and case', () => {
    expect(reportFilename(report([]), 'txt')).toBe('lifeboat-sweep-2026-03-02-01234567.txt');
    const unfinished = { ...report([]), finishedAt: undefined };
    expect(reportFilename(unfinished, 'json')).toBe('lifeboat-sweep-2026-03-01-01234567.json');
  });

  const A = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
  const B = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359';
  const TOKEN = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94';
  const fee = { maxFeePerGas: '1', maxPriorityFeePerGas: '1', gasLimit: '21000', maxCost: '21000' };
  const step = (index: number, kind: 'token' | 'native', from: string, symbol: string) => ({
    index,
    kind,
    networkId: 'local',
    from,
    to: B,
    asset: kind === 'native' ? 'native' : TOKEN,
    symbol,
    decimals: 18,
    amount: '1',
    fee,
  });
  const plan: SweepPlanView = {
    planId: 'p',
    destination: B,
    steps: [step(0, 'token', A, 'DAI'), step(1, 'native', A, 'ETH'), step(2, 'native', B, 'ETH')],
    assets: [
      { ...asset('0'), moved: '100' },
      { ...asset('0'), asset: TOKEN, symbol: 'DAI', moved: '5' },
    ],
    totalFees: [],
    maxFeePerGas: '1',
    warnings: [],
    createdAt: '2026-03-01T10:00:00.000Z',
  };

  it('sets the planned amount beside the moved one, and says when they differ', () => {
    const signed = { ...asset('0', '0'), moved: '97' };
    const token = { ...asset('0', '0'), asset: TOKEN.toLowerCase(), symbol: 'DAI', moved: '5' };
    const planned = plannedAmounts(plan);
    expect(planned(signed)).toBe('100');
    expect(planned(token)).toBe('5');
    expect(planned({ ...signed, account: B })).toBe('0');
    expect(differsFromPlan(report([signed, token]), plan)).toBe(true);
    expect(differsFromPlan(report([{ ...signed, moved: '100' }, token]), plan)).toBe(false);
  });

  it('lists transactions by account, each named by its plan step, not by nonce', () => {
    const tx = (stepIndex: number, from: string, nonce: number) => ({
      networkId: 'local',
      from,
      nonce,
      txHash: `0x${stepIndex}`,
      step: stepIndex,
    });
    const groups = transactionsByAccount(
      { ...report([]), transactions: [tx(0, A, 7), tx(2, B, 0), tx(1, A, 8)] },
      plan,
    );
    expect(groups).toEqual([
      {
        networkId: 'local',
        account: A,
        transactions: [
          { ...tx(0, A, 7), kind: 'token', symbol: 'DAI' },
          { ...tx(1, A, 8), kind: 'native', symbol: 'ETH' },
        ],
      },
      {
        networkId: 'local',
        account: B,
        transactions: [{ ...tx(2, B, 0), kind: 'native', symbol: 'ETH' }],
      },
    ]);
  });
});
