import { describe, expect, it } from 'vitest';
import type { HolderOwner, SafeSignatures } from '../../../preload/api';
import type { Holder } from '../../../renderer/safe/holders';
import { holderStandings, thresholdMet } from '../../../renderer/safe/signing-holders';

const OWNER_A = '0xAaaaAAaAaAaaAAAAAaAAAaaaAAaaAAAaaAAaAAaA';
const OWNER_B = '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB';
const OWNER_C = '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC';

const card: Holder = { source: { kind: 'card', sessionId: 's1' }, label: 'the card in Reader 1' };
const wallet: Holder = { source: { kind: 'secret', secretId: 'w1' }, label: 'the rebuilt wallet' };
const stranger: Holder = { source: { kind: 'card', sessionId: 's2' }, label: 'the card in R2' };

const signatures = (signed: string[], needed = 2): SafeSignatures => ({
  signed,
  needed,
  owners: [OWNER_A, OWNER_B, OWNER_C],
});

const owners: HolderOwner[] = [
  { source: card.source, owner: OWNER_A },
  { source: wallet.source, owner: OWNER_B },
  { source: stranger.source, owner: null },
];

describe('where each held card or wallet stands in a signing round', () => {
  it('an owner that signed is signed, one that did not can sign, a stranger is no owner', () => {
    expect(
      holderStandings([card, wallet, stranger], owners, signatures([OWNER_A]), false).map(
        (s) => s.standing,
      ),
    ).toEqual(['signed', 'can-sign', 'not-an-owner']);
  });

  it('compares owner addresses whatever their letter case', () => {
    const [standing] = holderStandings(
      [wallet],
      owners,
      signatures([OWNER_B.toLowerCase()]),
      false,
    );
    expect(standing?.standing).toBe('signed');
  });

  it('a holder main has not answered for is offered nothing, whether awaited or left out', () => {
    const newCard: Holder = { source: { kind: 'card', sessionId: 's3' }, label: 'a new card' };
    expect(
      holderStandings([card, newCard], owners, signatures([OWNER_A]), true).map((s) => s.standing),
    ).toEqual(['signed', 'checking']);
    expect(
      holderStandings([card, newCard], owners, signatures([OWNER_A]), false).map((s) => s.standing),
    ).toEqual(['signed', 'unreadable']);
  });

  it('tells two sessions apart and a card from a wallet with the same id', () => {
    const sameId: Holder = { source: { kind: 'secret', secretId: 's1' }, label: 'a wallet' };
    expect(
      holderStandings([sameId, stranger], owners, signatures([]), false).map((s) => s.standing),
    ).toEqual(['unreadable', 'not-an-owner']);
  });

  it('the threshold is met once as many owners signed as it needs', () => {
    expect(thresholdMet(signatures([OWNER_A], 2))).toBe(false);
    expect(thresholdMet(signatures([OWNER_A, OWNER_B], 2))).toBe(true);
    expect(thresholdMet(signatures([OWNER_A], 1))).toBe(true);
  });
});
