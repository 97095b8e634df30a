// `lifeboat wallet repair`: new copies of a remembered wallet in place of lost ones, from its
// phrase or its shares typed on standard input. The secret must open the wallet before any
// card is touched; each new card is loaded, read back and opened again with its PIN (the test
// recovery), and only then is it listed as a card of the set.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DrillStore } from '../cases/drills';
import { LifeboatError } from '../errors';
import { MAX_SET_CARDS } from '../recovery/wallet-sets';
import { parseShareLayout } from '../secrets/share-plan';
import { cardSessionsOnDemand } from './card-unlock';
import { dataDirOf } from './data-dir';
import { CliUsageError, LineReader, type CliIo } from './io';
import { EXIT, printResult } from './output';
import { Making, resultOf, textOf } from './wallet';
import { CliWallets } from './wallet-input';
import { pickWallet } from './wallet-pick';

export const walletRepairUsage = `Usage: lifeboat wallet repair --wallet ID|LABEL --card READER [--card READER …]
                              [--shares T-of-N [--shares T-of-N …] [--group-threshold G]]
                              [--yes] [--json] [--data-dir DIR]

Writes a remembered wallet onto new cards (in place of lost ones), or splits it into a fresh
share set, from its phrase or its shares, and tests every new copy.
  --wallet ID|LABEL   the wallet, by its id or its label ("lifeboat wallet list" shows them).
  --card READER       a new card: initialized, paired and empty. Name the same reader again
                      to use one reader: the command waits for the next card.
  --shares T-of-N     a fresh share set in place of the one in use (a wallet made of Shamir
                      shares, repaired from its shares); the old shares are no longer needed.
  --yes               do not ask before writing.

Read from standard input (or a hidden prompt at a terminal), in this order:
  - "yes", unless --yes is given;
  - the wallet's recovery phrase, or its Shamir shares one per line, then an empty line, then
    the passphrase line (empty for none);
  - the PIN of each new card, in the order of the --card options;
  - each new share typed back after it is shown on standard error;
  - the test recovery: the PIN of each new card again, then the new shares that rebuild the
    wallet, typed again.
Prints "passed": true once every new copy opened the wallet; they are then in the inventory.`;

export async function runWalletRepair(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      wallet: { type: 'string' },
      card: { type: 'string', multiple: true },
      shares: { type: 'string', multiple: true },
      'group-threshold': { type: 'string' },
      yes: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.wallet === undefined) throw new CliUsageError('Name the wallet with --wallet.');
  const readers = values.card ?? [];
  if (readers.length === 0 && !values.shares)
    throw new CliUsageError('Name the new cards with --card, or a fresh share set with --shares.');
  if (readers.length > MAX_SET_CARDS)
    throw new CliUsageError(`A set has at most ${MAX_SET_CARDS} cards.`);
  let groupThreshold: number | undefined;
  const given = values['group-threshold'];
  if (given !== undefined) {
    if (!/^\d{1,2}$/.test(given)) throw new CliUsageError('--group-threshold takes a number.');
    groupThreshold = Number(given);
  }
  const layout = values.shares ? parseShareLayout(values.shares, groupThreshold) : undefined;
  const dataDir = dataDirOf(values);
  const store = new DrillStore(path.join(dataDir, 'drills.json'));
  const wallet = pickWallet(store.list(), values.wallet);

  const lines = new LineReader(io);
  const secrets = new CliWallets(lines, dataDir, (text) => io.stderr.write(`${text}\n`));
  try {
    if (values.yes !== true) {
      const answer = await lines.require(
        `Type "yes" to write "${wallet.label}" onto ${readers.length === 1 ? 'a new card' : readers.length === 0 ? 'a fresh share set' : `${readers.length} new cards`}: `,
      );
      if (answer.trim().toLowerCase() !== 'yes') throw new LifeboatError('cancelled');
    }
    const source = await secrets.secret();
    if (source.kind !== 'secret') throw new LifeboatError('internal');
    const sessions = cardSessionsOnDemand(dataDir);
    const making = new Making(io, lines, sessions, store, secrets);
    try {
      const record = await making.repair(
        {
          walletId: wallet.walletId,
          secretId: source.secretId,
          cards: readers.length,
          ...(layout ? { shares: { ...layout, groups: [...layout.groups], onCards: 0 } } : {}),
        },
        readers,
        wallet.members.length,
      );
      printResult(
        io,
        values.json === true,
        resultOf(record, making.draftSeen, making.shareTest),
        () => textOf(record),
      );
      return EXIT.ok;
    } finally {
      making.abandon();
      await sessions.close();
    }
  } finally {
    await secrets.close();
    lines.close();
  }
}
