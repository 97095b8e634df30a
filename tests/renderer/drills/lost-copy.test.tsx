// Marking a copy lost offers only the copies that still count, and the advice main gives is
// said in words with the one way forward it allows.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LostAdvice as Advice, WalletRecord } from '../../../preload/api';
import { LostAdvice, adviceKey } from '../../../renderer/drills/LostAdvice';
import { lostChoices } from '../../../renderer/drills/LostCopy';
import { en } from '../../../renderer/i18n/en';

const AT = '2026-12-01T10:00:00.000Z';

const wallet: WalletRecord = {
  walletId: '33333333-3333-4333-8333-333333333333',
  label: 'Family savings',
  keyUid: 'ab'.repeat(32),
  firstAddress: '0x0000000000000000000000000000000000000001',
  createdAt: AT,
  results: [],
  state: 'ready',
  format: 'slip39',
  members: [
    {
      memberId: '11111111-1111-4111-8111-111111111111',
      family: 'keycard',
      instanceId: 'aa',
      label: 'Kitchen card',
      place: 'drawer',
      addedAt: AT,
    },
    {
      memberId: '44444444-4444-4444-8444-444444444444',
      family: 'satochip',
      instanceId: 'bb',
      label: 'Old card',
      place: '',
      addedAt: AT,
      lostAt: AT,
    },
  ],
  shareSets: [
    {
      shareSetId: '22222222-2222-4222-8222-222222222222',
      identifier: 7,
      groupThreshold: 1,
      groups: [{ threshold: 2, count: 3 }],
      shares: [0, 1, 2].map((memberIndex) => ({
        groupIndex: 0,
        memberIndex,
        holder: 'written' as const,
        label: `Share ${memberIndex + 1}`,
        place: memberIndex === 2 ? '' : `envelope ${memberIndex + 1}`,
        ...(memberIndex === 0 ? { lostAt: AT } : {}),
      })),
      createdAt: AT,
    },
  ],
};

const noop = () => undefined;

describe('which copy is lost', () => {
  it('lists the cards and shares not lost yet, shares by their number in the set', () => {
    expect(lostChoices(wallet, 'card')).toEqual([
      {
        id: '11111111-1111-4111-8111-111111111111',
        text: 'Card "Kitchen card" (Keycard), kept at: drawer',
      },
    ]);
    expect(lostChoices(wallet, 'share')).toEqual([
      { id: '1', text: 'Share 2, kept at: envelope 2' },
      { id: '2', text: 'Share 3, kept at: not said' },
    ]);
    expect(lostChoices({ ...wallet, shareSets: [] }, 'share')).toEqual([]);
  });
});

describe('the advice once a copy is lost', () => {
  const cases: [Advice, string, string][] = [
    [{ action: 'repair', from: ['phrase'] }, en['lost.repairFromPhrase'], 'Make a new card'],
    [
      { action: 'repair', from: ['shares', 'phrase'] },
      en['lost.repairFromBoth'],
      'Make a new card',
    ],
    [{ action: 'reshare' }, en['lost.reshare'], 'Make a fresh share set'],
    [
      { action: 'sweep', reason: 'could-be-opened' },
      en['lost.sweepCouldBeOpened'],
      'Move the money to a new wallet',
    ],
    [
      { action: 'sweep', reason: 'no-other-copy' },
      en['lost.sweepNoOtherCopy'],
      'Move the money to a new wallet',
    ],
  ];

  it.each(cases)('%j is said in words with its one way forward', (advice, text, button) => {
    expect(en[adviceKey(advice)]).toBe(text);
    const html = renderToStaticMarkup(
      <LostAdvice advice={advice} onRepair={noop} onSweep={noop} onBack={noop} />,
    );
    const buttons = [...html.matchAll(/<button[^>]*>([^<]+)<\/button>/g)].map((m) => m[1]);
    expect(buttons).toEqual([button, 'Back to the wallets']);
  });
});
