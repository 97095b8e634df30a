// An unlocked card session as a discovery source and as a signer, for the chain service.
import type { CardService } from '../cards/card-service';
import { cardSigner } from './card-signer';
import type { SourceAccess } from './chain-service';

export function cardAccess(cards: CardService, sessionId: string): SourceAccess {
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
