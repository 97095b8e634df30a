// window.lifeboat.cards → CardService, one to one, plus loading a rebuilt secret, which
// needs the vault: its seed goes from the vault to the card within main and is never copied.
import type { CardService } from '../cards/card-service';
import type { Handlers } from './contract';

/** Lends a vault secret's seed to `work`; the bytes are only valid during the call. */
export type SeedLender = <T>(
  secretId: string,
  work: (seed: Uint8Array) => Promise<T>,
) => Promise<T>;

export function cardHandlers(cards: CardService, withSeed: SeedLender): Handlers['cards'] {
  return {
    open: ({ reader }) => cards.open(reader),
    list: async () => cards.list(),
    identify: ({ sessionId }) => cards.identify(sessionId),
    pair: ({ sessionId, pairingPassword }) => cards.pair(sessionId, pairingPassword),
    unlock: ({ sessionId, pin }) => cards.unlock(sessionId, pin),
    unblock: ({ sessionId, puk, newPin }) => cards.unblock(sessionId, puk, newPin),
    changePin: ({ sessionId, newPin, currentPin }) =>
      cards.changePin(sessionId, newPin, currentPin),
    changePuk: ({ sessionId, newPuk }) => cards.changePuk(sessionId, newPuk),
    initialize: ({ sessionId, pin, puk, pairingPassword, duressPin }) =>
      cards.initialize(sessionId, {
        pin,
        ...(puk === undefined ? {} : { puk }),
        ...(pairingPassword === undefined ? {} : { pairingPassword }),
        ...(duressPin === undefined ? {} : { duressPin }),
      }),
    generateKey: ({ sessionId }) => cards.generateKey(sessionId),
    loadSecret: ({ sessionId, secretId }) =>
      withSeed(secretId, (seed) => cards.importSeed(sessionId, seed)),
    accounts: ({ sessionId, scheme, start, count }) =>
      cards.accounts(sessionId, { scheme, start, count }),
    unpair: ({ sessionId }) => cards.unpair(sessionId),
    factoryReset: ({ sessionId, confirmation }) => cards.factoryReset(sessionId, confirmation),
    close: async ({ sessionId }) => {
      await cards.close(sessionId);
      return null;
    },
  };
}
