// The drills screen lists where each copy of a wallet is, with its last drill, and a wallet
// still being made says so instead of asking to be checked.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { WalletRecord } from '../../../preload/api';
import { WalletList } from '../../../renderer/drills/WalletList';

const AT = '2026-12-01T10:00:00.000Z';
const MEMBER = '11111111-1111-4111-8111-111111111111';
const SET = '22222222-2222-4222-8222-222222222222';

function wallet(state: WalletRecord['state'], drilled: boolean): WalletRecord {
  return {
    walletId: '33333333-3333-4333-8333-333333333333',
    label: 'Family savings',
    keyUid: 'ab'.repeat(32),
    firstAddress: '0x0000000000000000000000000000000000000001',
    createdAt: AT,
    results: drilled
      ? [{ at: AT, method: 'card', passed: true, keyUid: 'ab'.repeat(32), memberId: MEMBER }]
      : [],
    state,
    format: 'slip39',
    members: [
      {
        memberId: MEMBER,
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
        shareSetId: SET,
        identifier: 7,
        groupThreshold: 1,
        groups: [{ threshold: 2, count: 3 }],
        shares: [0, 1, 2].map((memberIndex) => ({
          groupIndex: 0,
          memberIndex,
          holder: 'written' as const,
          label: `Share ${memberIndex + 1}`,
          place: `envelope ${memberIndex + 1}`,
        })),
        createdAt: AT,
      },
    ],
  };
}

const noop = () => undefined;

describe('the inventory on the drills screen', () => {
  it('lists each card and the shares with where they are kept and their last drill', () => {
    const html = renderToStaticMarkup(
      <WalletList
        wallets={[wallet('ready', true)]}
        onCheck={noop}
        onForget={noop}
        onLost={noop}
        onRepair={noop}
      />,
    );
    expect(html).toContain(
      'Card &quot;Kitchen card&quot; (Keycard), kept at: drawer. Last check passed',
    );
    expect(html).toContain('Card &quot;Old card&quot; (Satochip): lost, no longer a copy.');
    expect(html).toContain(
      'Shares: 2 of 3 rebuild it, kept at: envelope 1; envelope 2; envelope 3. Never checked.',
    );
    expect(html).not.toContain('Not finished');
  });

  it('names the backup card a share is kept on', () => {
    const base = wallet('ready', false);
    const set = base.shareSets[0]!;
    const onCard: WalletRecord = {
      ...base,
      shareSets: [
        {
          ...set,
          shares: set.shares.map((share, i) =>
            i === 0
              ? {
                  ...share,
                  holder: 'card' as const,
                  label: 'Blue Seedkeeper',
                  place: 'desk',
                  card: { family: 'seedkeeper' as const, instanceId: 'cc' },
                }
              : share,
          ),
        },
      ],
    };
    const html = renderToStaticMarkup(
      <WalletList
        wallets={[onCard]}
        onCheck={noop}
        onForget={noop}
        onLost={noop}
        onRepair={noop}
      />,
    );
    expect(html).toContain(
      'kept at: on the backup card &quot;Blue Seedkeeper&quot; (Seedkeeper) at desk; envelope 2; envelope 3.',
    );
  });

  it('offers to mark a card or a share lost on a ready wallet, naming the wallet', () => {
    const html = renderToStaticMarkup(
      <WalletList
        wallets={[wallet('ready', true)]}
        onCheck={noop}
        onForget={noop}
        onLost={noop}
        onRepair={noop}
      />,
    );
    expect(html).toContain('aria-label="A card is lost from Family savings"');
    expect(html).toContain('aria-label="A share is lost from Family savings"');
    // Its Satochip was lost and its shares remain: a new card can be made from them.
    expect(html).toContain('aria-label="Make a new card for Family savings"');
    const noneLost = { ...wallet('ready', true) };
    noneLost.members = noneLost.members.filter((m) => m.lostAt === undefined);
    expect(
      renderToStaticMarkup(
        <WalletList
          wallets={[noneLost]}
          onCheck={noop}
          onForget={noop}
          onLost={noop}
          onRepair={noop}
        />,
      ),
    ).not.toContain('Make a new card');
  });

  it('says a wallet being made is not finished, and does not ask to check it', () => {
    const html = renderToStaticMarkup(
      <WalletList
        wallets={[wallet('making', false)]}
        onCheck={noop}
        onForget={noop}
        onLost={noop}
        onRepair={noop}
      />,
    );
    expect(html).toContain('Not finished');
    expect(html).not.toContain('Not checked yet');
    expect(html).not.toContain('is lost');
  });
});
