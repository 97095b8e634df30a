// window.lifeboat.secrets → SecretsService, one to one.
import type { SecretsService } from '../secrets/secrets-service';
import type { Handlers } from './contract';

export function secretHandlers(secrets: SecretsService): Handlers['secrets'] {
  return {
    startShareSet: async () => secrets.startShareSet(),
    addShare: async ({ shareSetId, share }) => secrets.addShare(shareSetId, share),
    removeShare: async ({ shareSetId, index }) => secrets.removeShare(shareSetId, index),
    discardShareSet: async ({ shareSetId }) => {
      secrets.discardShareSet(shareSetId);
      return null;
    },
    checkWords: async ({ text }) => secrets.checkWords(text),
    suggestWords: async ({ prefix, kind }) => secrets.suggestWords(prefix, kind),
    combine: ({ shareSetId, passphrase }) => secrets.combine(shareSetId, passphrase),
    checkPhrase: async ({ phrase }) => secrets.checkPhrase(phrase),
    enterPhrase: ({ phrase, passphrase }) => secrets.enterPhrase(phrase, passphrase),
    reopen: ({ secretId, passphrase }) => secrets.reopen(secretId, passphrase),
    newPhrase: async ({ words }) => secrets.newPhrase(words),
    confirmPhrase: ({ draftId, words }) => secrets.confirmPhrase(draftId, words),
    discardPhrase: async ({ draftId }) => {
      secrets.discardPhrase(draftId);
      return null;
    },
    accounts: async ({ secretId, scheme, start, count }) =>
      secrets.accounts(secretId, scheme, start, count),
    release: async ({ secretId }) => {
      secrets.release(secretId);
      return null;
    },
    shares: async ({ secretId }) => secrets.shares(secretId),
    list: async () => secrets.list(),
  };
}
