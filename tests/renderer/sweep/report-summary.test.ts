import { describe, expect, it } from 'vitest';
import type { AssetOutcome, SweepReport } from '../../../preload/api';
import {
  everythingMoved,
  leftBehind,
  reportFilename,
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
});
