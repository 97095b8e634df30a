import { describe, expect, it } from 'vitest';
import type { SourceRef } from '../../../preload/api';
import { missingForPlan, payerOf, shownThreshold } from '../../../renderer/safe/create-form';

const card: SourceRef = { kind: 'card', sessionId: 's1' };
const wallet: SourceRef = { kind: 'secret', secretId: 'w1' };

describe('the new Safe form', () => {
  it('plans with the threshold it shows: one owner means 1 of 1, not the 2 chosen before', () => {
    expect(shownThreshold(2, 1)).toBe(1);
    expect(shownThreshold(2, 0)).toBe(1);
    expect(shownThreshold(2, 3)).toBe(2);
    expect(shownThreshold(3, 2)).toBe(2);
  });

  it('takes the only card or wallet held as payer, and asks when there are several', () => {
    expect(payerOf(null, [{ source: card }])).toEqual(card);
    expect(payerOf(null, [{ source: card }, { source: wallet }])).toBeNull();
    expect(payerOf(wallet, [{ source: card }, { source: wallet }])).toEqual(wallet);
    expect(payerOf(null, [])).toBeNull();
  });

  it('says what is missing before the address can be shown', () => {
    expect(missingForPlan(0, card)).toBe('safe.needOwner');
    expect(missingForPlan(2, null)).toBe('safe.needPayer');
    expect(missingForPlan(1, card)).toBeNull();
  });
});
