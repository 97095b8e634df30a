import { describe, expect, it } from 'vitest';
import {
  copiesOf,
  parseShareLayout,
  qualifyingShares,
  shareHolders,
  sharePositions,
  shareTotal,
} from '../../../main/secrets/share-plan';

const code = (c: string) => expect.objectContaining({ code: c });

describe('parseShareLayout', () => {
  it('reads one group as T-of-N, loosely spaced', () => {
    for (const text of ['2-of-3', '2 of 3', ' 2-OF-3 ', '2of3'])
      expect(parseShareLayout([text])).toEqual({
        groupThreshold: 1,
        groups: [{ threshold: 2, count: 3 }],
      });
  });

  it('reads groups with the number of them that rebuild the wallet', () => {
    expect(parseShareLayout(['2-of-3', '1-of-1', '3-of-5'], 2)).toEqual({
      groupThreshold: 2,
      groups: [
        { threshold: 2, count: 3 },
        { threshold: 1, count: 1 },
        { threshold: 3, count: 5 },
      ],
    });
  });

  it('says what is wrong with text that is not T-of-N, and with layouts SLIP-39 refuses', () => {
    for (const text of ['2/3', 'two-of-three', '2-of-', '-2-of-3', '2-of-3-of-4', ''])
      expect(() => parseShareLayout([text])).toThrow(code('invalid-split-parameters'));
    expect(() => parseShareLayout(['2/3'])).toThrow(/is not T-of-N.*e\.g\. 2-of-3/);
    expect(() => parseShareLayout([])).toThrow(code('invalid-split-parameters'));
    expect(() => parseShareLayout(['3-of-2'])).toThrow(code('invalid-split-parameters'));
    expect(() => parseShareLayout(['1-of-3'])).toThrow(/needs 1 share must have exactly 1/);
    expect(() => parseShareLayout(['2-of-17'])).toThrow(code('invalid-split-parameters'));
    expect(() => parseShareLayout(['2-of-3', '2-of-3'])).toThrow(/say how many of them/);
    expect(() => parseShareLayout(['2-of-3', '2-of-3'], 3)).toThrow(
      code('invalid-split-parameters'),
    );
  });
});

describe('share planning', () => {
  const groups = {
    groupThreshold: 2,
    groups: [
      { threshold: 2, count: 3 },
      { threshold: 1, count: 1 },
      { threshold: 2, count: 2 },
    ],
  };

  it('numbers the shares group by group', () => {
    expect(shareTotal(groups)).toBe(6);
    expect(sharePositions(groups)).toEqual([
      { groupIndex: 0, memberIndex: 0 },
      { groupIndex: 0, memberIndex: 1 },
      { groupIndex: 0, memberIndex: 2 },
      { groupIndex: 1, memberIndex: 0 },
      { groupIndex: 2, memberIndex: 0 },
      { groupIndex: 2, memberIndex: 1 },
    ]);
  });

  it('puts the first shares on the backup cards, one each, and the rest on paper', () => {
    expect(shareHolders(groups, 4)).toEqual(['card', 'card', 'card', 'card', 'written', 'written']);
    expect(shareHolders(groups, 0).every((h) => h === 'written')).toBe(true);
    expect(() => shareHolders(groups, 7)).toThrow(/at most 6 backup cards/);
    expect(() => shareHolders(groups, -1)).toThrow(code('invalid-split-parameters'));
  });

  it('tests with exactly what the layout needs, from the groups with most shares on cards', () => {
    const onCards = new Set([3, 4, 5]);
    expect(qualifyingShares(groups, (i) => onCards.has(i))).toEqual([3, 4, 5]);
    expect(qualifyingShares(groups, () => false)).toEqual([0, 1, 3]);
    const one = { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }] };
    expect(qualifyingShares(one, (i) => i === 2)).toEqual([0, 2]);
  });

  it('counts a share set that survives a lost share as two copies', () => {
    expect(copiesOf({ cards: 1, phrase: false })).toBe(1);
    expect(copiesOf({ cards: 0, phrase: true })).toBe(1);
    expect(copiesOf({ cards: 2, phrase: false })).toBe(2);
    expect(copiesOf({ cards: 1, phrase: true })).toBe(2);
    const twoOfTwo = { groupThreshold: 1, groups: [{ threshold: 2, count: 2 }] };
    const twoOfThree = { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }] };
    expect(copiesOf({ cards: 0, phrase: false, shares: twoOfTwo })).toBe(1);
    expect(copiesOf({ cards: 0, phrase: false, shares: twoOfThree })).toBe(2);
    expect(copiesOf({ cards: 1, phrase: false, shares: twoOfTwo })).toBe(2);
  });
});
