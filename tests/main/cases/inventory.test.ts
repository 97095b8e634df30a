import { describe, expect, it } from 'vitest';
import type { ShareSetRecord, WalletRecord } from '../../../preload/api';
import {
  activeShareSet,
  lastMemberDrill,
  lostCardAdvice,
  lostShareAdvice,
  readInventory,
  sharesSuffice,
} from '../../../main/cases/inventory';

const AT = '2025-03-01T10:00:00.000Z';
const LATER = '2025-04-01T10:00:00.000Z';

function shareSet(
  lost: number[],
  groups = [{ threshold: 2, count: 3 }],
  groupThreshold = 1,
): ShareSetRecord {
  return {
    shareSetId: '9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4',
    identifier: 7,
    groupThreshold,
    groups,
    shares: groups
      .flatMap((g, groupIndex) =>
        Array.from({ length: g.count }, (_, memberIndex) => ({ groupIndex, memberIndex })),
      )
      .map((position, i) => ({
        ...position,
        holder: 'written' as const,
        label: `Share ${i + 1}`,
        place: '',
        ...(lost.includes(i) ? { lostAt: LATER } : {}),
      })),
    createdAt: AT,
  };
}

function wallet(fields: Partial<WalletRecord>): WalletRecord {
  return {
    walletId: '0b7c1a52-8d7e-4a57-9d55-1a2b3c4d5e6f',
    label: 'Savings',
    keyUid: 'b'.repeat(64),
    firstAddress: '0x9858EfFD232B4033E47d90003D41EC34EcaEda94',
    createdAt: AT,
    results: [],
    state: 'ready',
    format: 'slip39',
    members: [],
    shareSets: [],
    ...fields,
  };
}

describe('readInventory', () => {
  it('takes the current version as it is and refuses anything else', () => {
    const record = wallet({ shareSets: [shareSet([])] });
    expect(readInventory({ version: 2, wallets: [record] })).toEqual([record]);
    expect(readInventory({ version: 2, wallets: [{ ...record, state: 'half' }] })).toBeUndefined();
    expect(readInventory({ version: 3, wallets: [] })).toBeUndefined();
    expect(readInventory({ version: 1, wallets: [record] })).toBeUndefined();
    expect(readInventory('drills')).toBeUndefined();
  });
});

describe('a set after a loss', () => {
  it('says whether the shares kept, or the shares lost, still rebuild the wallet', () => {
    expect(sharesSuffice(shareSet([0]))).toBe(true);
    expect(sharesSuffice(shareSet([0, 1]))).toBe(false);
    expect(sharesSuffice(shareSet([0]), true)).toBe(false);
    expect(sharesSuffice(shareSet([0, 2]), true)).toBe(true);
    const grouped = shareSet(
      [3],
      [
        { threshold: 2, count: 3 },
        { threshold: 1, count: 1 },
      ],
      2,
    );
    expect(sharesSuffice(grouped)).toBe(false);
  });

  it('sweeps when the lost card could be opened, or nothing written down can make a new one', () => {
    const shares = wallet({ shareSets: [shareSet([])] });
    expect(lostCardAdvice(shares, { couldBeOpened: true })).toEqual({
      action: 'sweep',
      reason: 'could-be-opened',
    });
    expect(lostCardAdvice(shares, { couldBeOpened: false })).toEqual({
      action: 'repair',
      from: ['shares'],
    });
    const phrase = wallet({ format: 'bip39', phrase: { words: 24, place: 'safe', createdAt: AT } });
    expect(lostCardAdvice(phrase, { couldBeOpened: false })).toEqual({
      action: 'repair',
      from: ['phrase'],
    });
    for (const none of [
      wallet({ format: 'seed' }),
      wallet({ shareSets: [shareSet([0, 1])] }),
      wallet({ shareSets: [{ ...shareSet([]), retiredAt: LATER }] }),
      wallet({ phrase: { words: 12, place: '', createdAt: AT, lostAt: LATER } }),
    ])
      expect(lostCardAdvice(none, { couldBeOpened: false })).toEqual({
        action: 'sweep',
        reason: 'no-other-copy',
      });
  });

  it('makes a fresh share set while the shares kept suffice, and sweeps when a finder could rebuild', () => {
    expect(lostShareAdvice(shareSet([1]))).toEqual({ action: 'reshare' });
    expect(lostShareAdvice(shareSet([0, 1]))).toEqual({
      action: 'sweep',
      reason: 'finder-can-rebuild',
    });
    const five = shareSet([0, 1, 2], [{ threshold: 4, count: 5 }]);
    expect(lostShareAdvice(five)).toEqual({ action: 'sweep', reason: 'too-few-shares' });
  });

  it('finds the active share set and the newest drill of a card', () => {
    const old = {
      ...shareSet([]),
      shareSetId: '1e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4',
      retiredAt: LATER,
    };
    const current = shareSet([]);
    expect(activeShareSet(wallet({ shareSets: [old, current] }))).toBe(current);
    expect(activeShareSet(wallet({ shareSets: [old] }))).toBeUndefined();
    const memberId = '5d1f0a6e-6f8b-4c3e-9a77-0c1d2e3f4a5b';
    const results = [
      { at: AT, method: 'card' as const, passed: true, keyUid: 'b'.repeat(64), memberId },
      { at: LATER, method: 'card' as const, passed: false, keyUid: 'c'.repeat(64), memberId },
      { at: LATER, method: 'slip39' as const, passed: true, keyUid: 'b'.repeat(64) },
    ];
    expect(lastMemberDrill(wallet({ results }), memberId)).toBe(results[1]);
  });
});
