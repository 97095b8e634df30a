// What WalletSets refuses before any card is touched or any randomness drawn: plans that
// leave one copy without the typed acknowledgement, shares and a phrase together (two
// different wallets from one randomness), and more share cards than shares; and a backup
// card that gives back another share than the one written onto it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DrillStore } from '../../../main/cases/drills';
import type { BackupSecret } from '../../../main/cards/family';
import { WalletSets, type WalletCards } from '../../../main/recovery/wallet-sets';
import type { CardSessionView, WalletPlan } from '../../../preload/api';

let dir: string;
let wallets: WalletSets;
let store: DrillStore;

const untouched = () => {
  throw new Error('no card or vault is needed for this');
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-wallet-sets-'));
  store = new DrillStore(path.join(dir, 'drills.json'));
  wallets = new WalletSets({
    cards: untouched,
    inventory: store,
    useSeed: untouched,
    secretKind: untouched,
  });
});

afterEach(() => {
  wallets.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function refusal(plan: WalletPlan): Promise<string> {
  try {
    await wallets.start(plan);
  } catch (error) {
    return (error as { code: string }).code;
  }
  throw new Error('expected a refusal');
}

const SHARES = { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], onCards: 0 };

describe('WalletSets.start', () => {
  it('wants ONE COPY typed for a single card, a single phrase or shares that cannot lose one', async () => {
    expect(await refusal({ label: 'A', cards: 1 })).toBe('single-copy');
    expect(await refusal({ label: 'A', cards: 0, phrase: { words: 12 } })).toBe('single-copy');
    expect(
      await refusal({
        label: 'A',
        cards: 0,
        shares: { groupThreshold: 1, groups: [{ threshold: 2, count: 2 }], onCards: 0 },
      }),
    ).toBe('single-copy');
    expect(await refusal({ label: 'A', cards: 1, singleCopy: 'one copy' })).toBe('single-copy');
  });

  it('makes a 2-of-3 share set alone: it survives the loss of a share', async () => {
    const draft = await wallets.start({ label: 'Shares', cards: 0, shares: SHARES });
    expect(draft.next).toEqual({ step: 'share', index: 0, holder: 'written' });
    expect(draft.shares?.items).toHaveLength(3);
    // Nothing is remembered until something cannot be undone.
    expect(store.list()).toEqual([]);
  });

  it('refuses shares together with a phrase, and more share cards than shares', async () => {
    expect(await refusal({ label: 'A', cards: 1, shares: SHARES, phrase: { words: 12 } })).toBe(
      'invalid-input',
    );
    expect(await refusal({ label: 'A', cards: 1, shares: { ...SHARES, onCards: 4 } })).toBe(
      'invalid-split-parameters',
    );
  });

  it('puts the first shares on backup cards: they come first, one card each', async () => {
    const draft = await wallets.start({
      label: 'On cards',
      cards: 0,
      shares: { ...SHARES, onCards: 2 },
    });
    expect(draft.shares?.items.map((item) => item.holder)).toEqual(['card', 'card', 'written']);
    expect(draft.next).toEqual({ step: 'share', index: 0, holder: 'card' });
    // A share for a card is never shown: it goes straight onto its card.
    expect(() => wallets.showShare(draft.draftId, 0)).toThrow(
      expect.objectContaining({ code: 'wrong-step' }),
    );
  });

  it('refuses a plan with no copy, more than three cards, or no name', async () => {
    expect(await refusal({ label: 'A', cards: 0, singleCopy: 'ONE COPY' })).toBe('invalid-input');
    expect(await refusal({ label: 'A', cards: 4 })).toBe('invalid-input');
    expect(await refusal({ label: '  ', cards: 2 })).toBe('invalid-input');
  });
});

describe('WalletSets.storeShare', () => {
  it('records nothing when the share read back from the card is not the one written', async () => {
    // A card that answers with other bytes than it was given cannot be made with the
    // simulators, whose storage is faithful: this backup card flips a bit on the way back.
    const kept: Uint8Array[] = [];
    const card = {
      view: () =>
        ({
          sessionId: 's',
          reader: 'Reader 0',
          unlocked: true,
          info: { family: 'seedkeeper' },
        }) as unknown as CardSessionView,
      listBackups: async () => [],
      instanceId: async () => '00'.repeat(16),
      storeBackup: async (_session: string, label: string, secret: BackupSecret) => {
        if (secret.kind !== 'slip39-share') throw new Error('a share is stored');
        kept.push(secret.share.slice());
        return { id: 1, label, kind: 'slip39-share' as const, fingerprint: '00', exportable: true };
      },
      readBackup: async (): Promise<BackupSecret> => {
        const share = kept[0]!.slice();
        share[0]! ^= 0x01;
        return { kind: 'slip39-share', share };
      },
    };
    const faulty = new WalletSets({
      cards: () => card as unknown as WalletCards,
      inventory: store,
      useSeed: untouched,
      secretKind: untouched,
    });
    try {
      const draft = await faulty.start({
        label: 'Flipped',
        cards: 0,
        shares: { ...SHARES, onCards: 1 },
      });
      await expect(
        faulty.storeShare(draft.draftId, 0, 's', { label: 'Card', place: '' }),
      ).rejects.toMatchObject({ code: 'share-readback-mismatch' });
      expect(faulty.view(draft.draftId).next).toEqual({ step: 'share', index: 0, holder: 'card' });
      expect(store.list().flatMap((wallet) => wallet.shareSets)).toEqual([]);
    } finally {
      faulty.dispose();
    }
  });
});
