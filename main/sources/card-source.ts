// An unlocked card session as a source: the card derives the addresses and signs each
// transaction hash. Reached only through the card service's public session methods.
import type { CardService } from '../cards/card-service';
import { cardSigner } from '../chain/card-signer';
import type { SourceAccess } from './source-access';

export type CardSessions = Pick<CardService, 'view' | 'accounts' | 'sign' | 'instanceId'>;

export function cardAccess(cards: CardSessions, sessionId: string): SourceAccess {
  return {
    addressSource: {
      kind: 'card',
      keyUid: cards.view(sessionId).info.keyUid,
      accounts: (scheme, start, count) => cards.accounts(sessionId, { scheme, start, count }),
    },
    signer: async (account) =>
      cardSigner(account, (hash, path) => cards.sign(sessionId, hash, path)),
  };
}
