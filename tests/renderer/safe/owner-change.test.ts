// The console's rules for a change of a Safe's owners: the thresholds offered, the one
// offered first, the change asked of main, and the owners a proposal adds or takes away.
import { describe, expect, it } from 'vitest';
import {
  initialThreshold,
  ownerChangeAction,
  ownerMarks,
  thresholdChoices,
} from '../../../renderer/safe/owner-change';

describe('thresholds', () => {
  it('offers 1 to the number of owners the change leaves', () => {
    expect(thresholdChoices('add-owner', 3)).toEqual([1, 2, 3, 4]);
    expect(thresholdChoices('remove-owner', 3)).toEqual([1, 2]);
    expect(thresholdChoices('change-threshold', 3)).toEqual([1, 2, 3]);
    expect(thresholdChoices('remove-owner', 1)).toEqual([]);
  });

  it('offers the current threshold first, lowered to the owners a removal leaves', () => {
    expect(initialThreshold('add-owner', 3, 2)).toBe(2);
    expect(initialThreshold('remove-owner', 3, 3)).toBe(2);
    expect(initialThreshold('remove-owner', 3, 2)).toBe(2);
    expect(initialThreshold('change-threshold', 3, 3)).toBe(3);
    expect(initialThreshold('remove-owner', 1, 1)).toBe(1);
  });
});

describe('ownerChangeAction', () => {
  const choice = { owner: '0xOld', added: '  0xNew ', threshold: 2 };

  it('asks main for exactly the fields of the chosen change', () => {
    expect(ownerChangeAction({ ...choice, kind: 'replace-owner' })).toEqual({
      kind: 'replace-owner',
      old: '0xOld',
      new: '0xNew',
    });
    expect(ownerChangeAction({ ...choice, kind: 'add-owner' })).toEqual({
      kind: 'add-owner',
      owner: '0xNew',
      threshold: 2,
    });
    expect(ownerChangeAction({ ...choice, kind: 'remove-owner' })).toEqual({
      kind: 'remove-owner',
      owner: '0xOld',
      threshold: 2,
    });
    expect(ownerChangeAction({ ...choice, kind: 'change-threshold' })).toEqual({
      kind: 'change-threshold',
      threshold: 2,
    });
  });
});

describe('ownerMarks', () => {
  it('marks who leaves and who joins, and no one when only the threshold changes', () => {
    expect(ownerMarks({ ownersBefore: ['A', 'B', 'C'], ownersAfter: ['A', 'D', 'C'] })).toEqual({
      leaving: new Set(['B']),
      joining: new Set(['D']),
    });
    expect(ownerMarks({ ownersBefore: ['A', 'B'], ownersAfter: ['A', 'B'] })).toEqual({
      leaving: new Set(),
      joining: new Set(),
    });
  });
});
