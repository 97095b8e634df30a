// Reading a remembered wallet's shares back from the backup cards that keep them, for
// `lifeboat drill --shares --share-card READER …`: each card opened with its PIN (a repeated
// reader means the next card goes into it), every Shamir share on it read, and only the
// shares of a remembered share set kept, so a card that also keeps other secrets or another
// wallet's share can be drilled as it is. Bytes read are overwritten on the way.
import { wipeBackupSecret } from '../cards/family';
import type { DrillStore } from '../cases/drills';
import { activeShareSet } from '../cases/inventory';
import { LifeboatError } from '../errors';
import { decodeShare } from '../secrets/slip39-share';
import type { CardSessions } from './card-unlock';
import { CliUsageError, type LineReader } from './io';

export interface CardShares {
  /** The SLIP-39 identifier the shares share: which remembered share set they are. */
  identifier: number;
  /** The shares' words; the caller blanks the array when done. */
  shares: string[];
}

export async function sharesFromCards(params: {
  sessions: CardSessions;
  lines: LineReader;
  store: DrillStore;
  readers: readonly string[];
  walletId: string | undefined;
  tell: (text: string) => void;
}): Promise<CardShares> {
  const { sessions, lines, store, readers } = params;
  const wanted = wantedIdentifiers(store, params.walletId);
  const found = new Map<number, string[]>();
  const open = new Map<string, string>();
  for (const reader of readers) {
    const before = open.get(reader);
    if (before) {
      params.tell(`Take the card out of ${reader} and put in the next backup card to check.`);
      await sessions.nextCard(reader, before);
    }
    const sessionId = await sessions.unlock(reader, lines, 'backup');
    open.set(reader, sessionId);
    const headers = await sessions.cards.listBackups(sessionId);
    let kept = 0;
    for (const header of headers.filter((h) => h.kind === 'slip39-share')) {
      const secret = await sessions.cards.readBackup(sessionId, header.id);
      try {
        if (secret.kind !== 'slip39-share') continue;
        const text = new TextDecoder().decode(secret.share);
        const share = decodeShare(text);
        share.value.fill(0);
        if (!wanted.has(share.identifier)) continue;
        found.set(share.identifier, [...(found.get(share.identifier) ?? []), text]);
        kept += 1;
      } finally {
        wipeBackupSecret(secret);
      }
    }
    if (kept === 0) throw new LifeboatError('share-not-on-card', undefined, { reader });
  }
  if (found.size > 1) {
    for (const shares of found.values()) shares.fill('');
    throw new CliUsageError(
      'These backup cards keep shares of more than one remembered wallet: name the wallet with --wallet.',
    );
  }
  const [[identifier, shares]] = [...found.entries()] as [[number, string[]]];
  return { identifier, shares };
}

/** The identifiers of the share sets in use: the named wallet's, or every remembered one's. */
function wantedIdentifiers(store: DrillStore, walletId: string | undefined): Set<number> {
  const wallets = walletId === undefined ? store.list() : [store.get(walletId)];
  const identifiers = new Set(
    wallets.flatMap((wallet) => {
      const set = activeShareSet(wallet);
      return set ? [set.identifier] : [];
    }),
  );
  if (identifiers.size === 0)
    throw new LifeboatError(
      'not-remembered',
      walletId === undefined
        ? 'Lifeboat remembers no wallet made of shares.'
        : 'This wallet is not made of shares.',
    );
  return identifiers;
}
