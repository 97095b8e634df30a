// window.lifeboat.wallets → WalletSets, one to one: making a wallet that survives, repairing
// its set, marking a copy lost.
import type { WalletSets } from '../recovery/wallet-sets';
import type { Handlers } from './contract';

export function walletHandlers(wallets: WalletSets): Handlers['wallets'] {
  return {
    start: ({ plan, randomFrom }) => wallets.start(plan, randomFrom),
    repair: (plan) => wallets.repair(plan),
    drafts: async () => wallets.drafts(),
    loadCard: ({ draftId, sessionId, label, place }) =>
      wallets.loadCard(draftId, sessionId, { label, place }),
    showShare: async ({ draftId, index }) => wallets.showShare(draftId, index),
    confirmShare: async ({ draftId, index, share, place }) =>
      wallets.confirmShare(draftId, index, share, place),
    showPhrase: async ({ draftId }) => wallets.showPhrase(draftId),
    confirmPhrase: async ({ draftId, phrase, place }) =>
      wallets.confirmPhrase(draftId, phrase, place),
    testCard: ({ draftId, sessionId }) => wallets.testCard(draftId, sessionId),
    testShare: ({ draftId, share }) => wallets.testShare(draftId, share),
    storeShare: ({ draftId, index, sessionId, label, place }) =>
      wallets.storeShare(draftId, index, sessionId, { label, place }),
    testShareCard: ({ draftId, sessionId }) => wallets.testShareCard(draftId, sessionId),
    finish: async ({ draftId }) => wallets.finish(draftId),
    discard: async ({ draftId }) => {
      wallets.discard(draftId);
      return null;
    },
    markLost: async ({ walletId, memberId, share, couldBeOpened }) =>
      wallets.markLost(
        walletId,
        { ...(memberId === undefined ? {} : { memberId }), ...(share ? { share } : {}) },
        couldBeOpened,
      ),
  };
}
