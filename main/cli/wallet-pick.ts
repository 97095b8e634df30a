// Finding a remembered wallet, a card of its set or one of its shares from what a person types
// at the command line: an id (as `lifeboat wallet list` shows it) or the label they gave.
import type { SetMember, WalletRecord } from '../../preload/api';
import { activeShareSet } from '../cases/inventory';
import { LifeboatError } from '../errors';

function one<T>(found: T[], what: string, given: string, hint: string, field: string): T {
  if (found.length === 1) return found[0]!;
  throw new LifeboatError(
    'invalid-input',
    found.length === 0
      ? `No ${what} is called "${given}". ${hint}`
      : `${found.length} ${what}s are called "${given}": name it by its id. ${hint}`,
    { field },
  );
}

/** The wallet whose id, or else whose label, is `given`. */
export function pickWallet(wallets: readonly WalletRecord[], given: string): WalletRecord {
  const byId = wallets.find((w) => w.walletId === given);
  if (byId) return byId;
  return one(
    wallets.filter((w) => w.label === given),
    'remembered wallet',
    given,
    '"lifeboat wallet list" shows the wallets and their ids.',
    'wallet',
  );
}

/** The card of the wallet's set whose id, or else whose label, is `given`, lost ones included. */
export function pickMember(wallet: WalletRecord, given: string): SetMember {
  const byId = wallet.members.find((m) => m.memberId === given);
  if (byId) return byId;
  return one(
    wallet.members.filter((m) => m.label === given),
    `card of "${wallet.label}"`,
    given,
    '"lifeboat wallet list" shows the cards of each wallet.',
    'member',
  );
}

/** Share number `given` (counted from 1, as `lifeboat wallet list` shows them) of the active set. */
export function pickShare(
  wallet: WalletRecord,
  given: string,
): { shareSetId: string; index: number } {
  const set = activeShareSet(wallet);
  const number = /^\d{1,3}$/.test(given) ? Number(given) : NaN;
  if (!set || !(number >= 1 && number <= set.shares.length))
    throw new LifeboatError(
      'invalid-input',
      set
        ? `"${wallet.label}" has shares 1 to ${set.shares.length}; "${given}" is not one of them.`
        : `"${wallet.label}" has no shares.`,
      { field: 'share' },
    );
  return { shareSetId: set.shareSetId, index: number - 1 };
}
