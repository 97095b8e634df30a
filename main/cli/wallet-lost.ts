// `lifeboat wallet lost`: a card of a wallet's set, or one of its shares, is marked lost for
// good, and the command says plainly what to do next: make a new copy from what is left
// (`lifeboat wallet repair`) or move the money (`lifeboat sweep`). Nothing is read from a card.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { LostAdvice, WalletRecord } from '../../preload/api';
import { DrillStore } from '../cases/drills';
import { LifeboatError } from '../errors';
import { WalletSets } from '../recovery/wallet-sets';
import { dataDirOf } from './data-dir';
import { CliUsageError, LineReader, type CliIo } from './io';
import { EXIT, printResult } from './output';
import { pickMember, pickShare, pickWallet } from './wallet-pick';

export const walletLostUsage = `Usage: lifeboat wallet lost --wallet ID|LABEL (--member ID|LABEL | --share N)
                            [--could-be-opened] [--yes] [--json] [--data-dir DIR]

Marks a card of a wallet's set, or one of its shares, lost for good, and says what to do:
make a new copy from the shares or the phrase, or move the money to a new wallet.
  --wallet ID|LABEL   the wallet, by its id or its label ("lifeboat wallet list" shows them).
  --member ID|LABEL   the lost card of its set.
  --share N           the lost share, numbered as "lifeboat wallet list" shows them.
  --could-be-opened   whoever finds the card could open it: it has no PIN, or someone else
                      knows the PIN. The money should then move.
  --yes               do not ask before marking it lost (otherwise type "yes").`;

export async function runWalletLost(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      wallet: { type: 'string' },
      member: { type: 'string' },
      share: { type: 'string' },
      'could-be-opened': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.wallet === undefined) throw new CliUsageError('Name the wallet with --wallet.');
  if ((values.member === undefined) === (values.share === undefined))
    throw new CliUsageError('Name the lost card with --member or the lost share with --share.');
  if (values.share !== undefined && values['could-be-opened'])
    throw new CliUsageError('--could-be-opened is about a lost card (--member).');
  const store = new DrillStore(path.join(dataDirOf(values), 'drills.json'));
  const wallet = pickWallet(store.list(), values.wallet);
  const lost =
    values.member !== undefined
      ? { memberId: pickMember(wallet, values.member).memberId }
      : { share: pickShare(wallet, values.share!) };
  const what =
    lost.memberId !== undefined
      ? `the card "${wallet.members.find((m) => m.memberId === lost.memberId)!.label}"`
      : `share ${values.share}`;
  if (values.yes !== true) {
    const lines = new LineReader(io);
    try {
      const answer = await lines.require(
        `Type "yes" to mark ${what} of "${wallet.label}" lost for good: `,
      );
      if (answer.trim().toLowerCase() !== 'yes') throw new LifeboatError('cancelled');
    } finally {
      lines.close();
    }
  }
  const noVault = () => {
    throw new LifeboatError('not-supported', 'Marking a copy lost needs no secret.');
  };
  const sets = new WalletSets({
    cards: () => {
      throw new LifeboatError('not-supported', 'Marking a copy lost reads no card.');
    },
    inventory: store,
    useSeed: noVault,
    secretKind: noVault,
  });
  const outcome = sets.markLost(wallet.walletId, lost, values['could-be-opened'] === true);
  printResult(
    io,
    values.json === true,
    {
      walletId: wallet.walletId,
      lost: lost.memberId !== undefined ? { memberId: lost.memberId } : lost.share,
      advice: outcome.advice,
      next: nextCommand(outcome.wallet, outcome.advice),
    },
    () =>
      `${what[0]!.toUpperCase()}${what.slice(1)} is marked lost.\n${adviceText(outcome.advice)}\n  ${nextCommand(outcome.wallet, outcome.advice)}`,
  );
  return EXIT.ok;
}

const FROM_WORDS = { shares: 'the shares', phrase: 'the written phrase' } as const;

/** The advice in plain words, without the command that follows it. */
export function adviceText(advice: LostAdvice): string {
  switch (advice.action) {
    case 'repair':
      return `The wallet can be written onto a new card from ${advice.from.map((f) => FROM_WORDS[f]).join(' or from ')}. Do it now, so that the set has as many cards as before:`;
    case 'reshare':
      return 'The shares you keep still rebuild the wallet. Make a fresh share set from them, then destroy the old shares you keep: together they still open the wallet.';
    case 'sweep':
      switch (advice.reason) {
        case 'could-be-opened':
          return 'Whoever finds the card may open it. Move the money to a new wallet now:';
        case 'no-other-copy':
          return 'No share set and no written phrase hold this wallet, and a card never gives its key out, so no new card can be made. Move the money to a new wallet that survives, while a card of the set still opens it:';
        case 'finder-can-rebuild':
          return 'The lost shares are enough to rebuild the wallet: whoever has them can take the money. Move it to a new wallet now:';
        case 'too-few-shares':
          return 'The shares you keep no longer rebuild the wallet. Move the money to a new wallet while a card of the set or the phrase still opens it:';
      }
  }
}

/** The command that carries the advice out. */
export function nextCommand(wallet: WalletRecord, advice: LostAdvice): string {
  switch (advice.action) {
    case 'repair':
      return `lifeboat wallet repair --wallet ${wallet.walletId} --card READER`;
    case 'reshare':
      return `lifeboat wallet repair --wallet ${wallet.walletId} --shares T-of-N`;
    case 'sweep':
      return 'lifeboat sweep execute … (see "lifeboat sweep --help")';
  }
}
