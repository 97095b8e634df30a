import { describe, expect, it } from 'vitest';
import type { CaseView, SweepPlanView, SweepReport } from '../../../preload/api';
import {
  applySweepEvent,
  mergeCase,
  plannedRun,
  resumed,
  runFromCase,
  stepsDone,
} from '../../../renderer/sweep/case-progress';

const FEE = { maxFeePerGas: '1', maxPriorityFeePerGas: '1', gasLimit: '21000', maxCost: '21000' };

function plan(steps: number): SweepPlanView {
  return {
    planId: 'p',
    destination: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    steps: Array.from({ length: steps }, (_, index) => ({
      index,
      kind: index === steps - 1 ? 'native' : 'token',
      networkId: 'local',
      from: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      to: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      asset: 'native',
      symbol: 'ETH',
      decimals: 18,
      amount: '1',
      fee: FEE,
    })),
    assets: [],
    totalFees: [],
    maxFeePerGas: '1',
    warnings: [],
    createdAt: '2026-01-01T00:00:00Z',
  };
}

const report: SweepReport = {
  caseId: 'c',
  createdAt: '2026-01-01T00:00:00Z',
  destination: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  assets: [],
  transactions: [],
  scanned: { schemes: ['bip44'], networkIds: ['local'], addresses: 5, tokens: 1 },
  text: 'report',
};

describe('sweep case progress', () => {
  it('starts with every step planned', () => {
    const run = plannedRun('c', plan(3));
    expect(run.phase).toBe('running');
    expect(run.steps.map((s) => s.state)).toEqual(['planned', 'planned', 'planned']);
    expect(stepsDone(run)).toBe(0);
  });

  it('moves steps forward with events and remembers the last one', () => {
    let run = plannedRun('c', plan(2));
    run = applySweepEvent(run, { type: 'step', caseId: 'c', step: { index: 0, state: 'signed' } });
    run = applySweepEvent(run, {
      type: 'step',
      caseId: 'c',
      step: { index: 0, state: 'included', txHash: '0xaa', blockNumber: 7 },
    });
    expect(run.steps[0]).toEqual({ index: 0, state: 'included', txHash: '0xaa', blockNumber: 7 });
    expect(run.lastStep).toBe(0);
    expect(stepsDone(run)).toBe(1);
  });

  it('never moves a step backwards, from an event or a late status answer', () => {
    let run = plannedRun('c', plan(1));
    run = applySweepEvent(run, {
      type: 'step',
      caseId: 'c',
      step: { index: 0, state: 'confirmed' },
    });
    const stale = applySweepEvent(run, {
      type: 'step',
      caseId: 'c',
      step: { index: 0, state: 'signed' },
    });
    expect(stale).toBe(run);
    const view: CaseView = {
      caseId: 'c',
      state: 'running',
      plan: plan(1),
      steps: [{ index: 0, state: 'broadcast' }],
      source: { addresses: [] },
      updatedAt: '2026-01-01T00:00:00Z',
    };
    expect(mergeCase(run, view).steps[0]!.state).toBe('confirmed');
  });

  it('lets a status answer fill in what events were missed', () => {
    const view: CaseView = {
      caseId: 'c',
      state: 'paused',
      plan: plan(2),
      steps: [
        { index: 0, state: 'confirmed', txHash: '0x01' },
        { index: 1, state: 'planned' },
      ],
      source: { keyUid: 'ab'.repeat(32), addresses: [] },
      updatedAt: '2026-01-01T00:00:00Z',
    };
    const run = runFromCase(view);
    expect(run.phase).toBe('paused');
    expect(run.steps[0]).toEqual({ index: 0, state: 'confirmed', txHash: '0x01' });
    expect(stepsDone(run)).toBe(1);
  });

  it('accepts a replacement after a broadcast (same rank, newer news)', () => {
    let run = plannedRun('c', plan(1));
    run = applySweepEvent(run, {
      type: 'step',
      caseId: 'c',
      step: { index: 0, state: 'broadcast', txHash: '0x1' },
    });
    run = applySweepEvent(run, {
      type: 'step',
      caseId: 'c',
      step: { index: 0, state: 'replaced', txHash: '0x2' },
    });
    expect(run.steps[0]).toEqual({ index: 0, state: 'replaced', txHash: '0x2' });
  });

  it('pauses with the reason and runs again after a resume', () => {
    const error = { code: 'card-removed' as const, message: 'The card was removed.' };
    let run = applySweepEvent(plannedRun('c', plan(2)), { type: 'paused', caseId: 'c', error });
    expect(run).toMatchObject({ phase: 'paused', error });
    run = resumed(run);
    expect(run.phase).toBe('running');
    expect(run.error).toBeUndefined();
  });

  it('counts every step done once the case is finished, even with step events missed', () => {
    let run = plannedRun('c', plan(3));
    run = applySweepEvent(run, {
      type: 'step',
      caseId: 'c',
      step: { index: 0, state: 'confirmed' },
    });
    run = applySweepEvent(run, { type: 'step', caseId: 'c', step: { index: 2, state: 'signed' } });
    expect(stepsDone(run)).toBe(1);
    run = applySweepEvent(run, { type: 'finished', caseId: 'c', report });
    expect(stepsDone(run)).toBe(3);
  });

  it('keeps a finished case finished, with its report', () => {
    let run = applySweepEvent(plannedRun('c', plan(1)), { type: 'finished', caseId: 'c', report });
    run = applySweepEvent(run, {
      type: 'paused',
      caseId: 'c',
      error: { code: 'internal', message: 'late' },
    });
    const view: CaseView = {
      caseId: 'c',
      state: 'running',
      plan: plan(1),
      steps: [],
      source: { addresses: [] },
      updatedAt: '2026-01-01T00:00:00Z',
    };
    run = mergeCase(run, view);
    expect(run.phase).toBe('finished');
    expect(run.report).toBe(report);
  });

  it('ignores events of other cases', () => {
    const run = plannedRun('c', plan(1));
    expect(applySweepEvent(run, { type: 'finished', caseId: 'other', report })).toBe(run);
    expect(
      applySweepEvent(run, {
        type: 'step',
        caseId: 'other',
        step: { index: 0, state: 'confirmed' },
      }),
    ).toBe(run);
  });
});
