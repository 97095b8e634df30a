// New copies of a remembered wallet (a repair, or a rebuilt wallet put onto a set) go straight
// to the card steps, with no plan to make; the card already in hand is the first of the set.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CardSessionView, WalletDraftView } from '../../../preload/api';
import { WalletMaker } from '../../../renderer/survive/WalletMaker';

const session = {
  sessionId: 'session-1',
  reader: 'Virtual PCD 00 01',
  unlocked: true,
  info: { family: 'satochip', initialized: true },
} as unknown as CardSessionView;

function draft(members: number): WalletDraftView {
  return {
    draftId: 'draft-1',
    walletId: '33333333-3333-4333-8333-333333333333',
    repair: true,
    label: 'Everyday',
    keyUid: 'ab'.repeat(32),
    firstAddress: '0x0000000000000000000000000000000000000001',
    cardEntropy: 0,
    cards: {
      wanted: 2,
      members: Array.from({ length: members }, (_, i) => ({
        memberId: `m${i}`,
        family: 'keycard' as const,
        label: `Card ${i + 1}`,
        place: '',
      })),
    },
    next: { step: 'card', index: members },
  };
}

const noop = () => undefined;

beforeAll(() => {
  // The component asks for the bridge as it renders; nothing is called in a static render.
  Object.assign(globalThis, { window: { lifeboat: {} } });
});

describe('WalletMaker with a repair draft', () => {
  it('starts at the first card, using the card in hand, with its own stop label', () => {
    const html = renderToStaticMarkup(
      <WalletMaker
        repair={draft(0)}
        firstCard={session}
        stopLabel="Stop here"
        onReady={noop}
        onStopped={noop}
      />,
    );
    expect(html).toContain('Card 1 of 2');
    expect(html).toContain('The card in Virtual PCD 00 01 is ready');
    expect(html).toContain('Stop here');
    expect(html).not.toContain('Name of the wallet');
    expect(html).not.toContain('throw this wallet away');
  });
});
