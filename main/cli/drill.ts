// `lifeboat drill`: checks copies of a remembered wallet against its fingerprint (cards opened
// with their PINs, shares or a phrase typed in, or shares read from their backup cards) and
// records the dated result per copy in
// the inventory. No funds move and no key leaves a card.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DrillResult, WalletRecord } from '../../preload/api';
import { DrillStore, type DrillTarget, type Fingerprint } from '../cases/drills';
import { LifeboatError, isLifeboatError } from '../errors';
import { walletPreview } from '../secrets/derivation';
import { seedFromRecovery } from '../secrets/recovery-input';
import { decodeShare } from '../secrets/slip39-share';
import { cardSessions } from './card-unlock';
import { sharesFromCards } from './share-cards-reading';
import { dataDirOf } from './data-dir';
import { CliUsageError, LineReader, type CliIo } from './io';
import { EXIT, printResult } from './output';

export const drillUsage = `Usage: lifeboat drill --card READER [--card READER …] [--wallet ID] [--json] [--data-dir DIR]
       lifeboat drill --shares [--wallet ID] [--json] [--data-dir DIR]
       lifeboat drill --shares --share-card READER [--share-card READER …] [--wallet ID]
                      [--json] [--data-dir DIR]

Checks that copies of a remembered wallet still open it, and records the result.
  --card READER   a card of the wallet's set; its PIN is read from standard input, in the
                  order of the --card options. Name the same reader again to check several
                  cards with one reader: the command waits for the next card.
  --shares        read the wallet's shares (or its phrase) one per line, then an empty line,
                  then the passphrase (empty for none).
  --share-card READER
                  with --shares: read the shares from the backup cards that keep them
                  instead; the PIN of each backup card is read from standard input, in the
                  order of the options, then the passphrase (empty for none). Name the same
                  reader again to check several backup cards with one reader.
  --wallet ID     the remembered wallet to compare with (default: the one whose key UID
                  the copy shows).
Prints "passed": true when every copy opens the wallet; exits 1 otherwise.`;

export async function runDrill(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      card: { type: 'string', multiple: true },
      shares: { type: 'boolean', default: false },
      'share-card': { type: 'string', multiple: true },
      wallet: { type: 'string' },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const readers = values.card ?? [];
  const shareReaders = values['share-card'] ?? [];
  if (shareReaders.length > 0 && !values.shares)
    throw new CliUsageError('--share-card goes with --shares.');
  if (readers.length > 0 === values.shares)
    throw new CliUsageError('Drill either cards (--card READER) or shares (--shares).');
  const dataDir = dataDirOf(values);
  const store = new DrillStore(path.join(dataDir, 'drills.json'));
  const lines = new LineReader(io);
  try {
    const results = values.shares
      ? [
          shareReaders.length > 0
            ? await drillShareCards(io, store, lines, shareReaders, values.wallet, dataDir)
            : await drillShares(store, lines, values.wallet),
        ]
      : await drillCards(io, store, lines, readers, values.wallet, dataDir);
    const passed = results.every((r) => r.result.passed);
    printResult(
      io,
      values.json === true,
      {
        passed,
        results: results.map(({ where, wallet, result }) => ({
          ...where,
          walletId: wallet.walletId,
          ...result,
        })),
      },
      () =>
        results
          .map(
            ({ where, wallet, result }) =>
              `${where.reader ? `The card in ${where.reader}` : where.readers ? 'The shares on the backup cards' : 'The shares'} ${result.passed ? 'open' : 'do NOT open'} "${wallet.label}".`,
          )
          .join('\n'),
    );
    return passed ? EXIT.ok : EXIT.failed;
  } finally {
    lines.close();
  }
}

interface Checked {
  where: { reader?: string; readers?: string[] };
  wallet: WalletRecord;
  result: DrillResult;
}

function walletFor(store: DrillStore, walletId: string | undefined, print: Fingerprint) {
  if (walletId !== undefined) return store.get(walletId);
  const wallet = store.byKeyUid(print.keyUid);
  if (!wallet)
    throw new LifeboatError(
      'not-remembered',
      'This copy opens a wallet Lifeboat does not remember. Name the wallet with --wallet.',
    );
  return wallet;
}

async function drillCards(
  io: CliIo,
  store: DrillStore,
  lines: LineReader,
  readers: string[],
  walletId: string | undefined,
  dataDir: string,
): Promise<Checked[]> {
  const sessions = await cardSessions(dataDir);
  const { cards } = sessions;
  const open = new Map<string, string>();
  const checked: Checked[] = [];
  try {
    for (const reader of readers) {
      const before = open.get(reader);
      if (before) {
        await cards.close(before);
        io.stderr.write(`Take the card out of ${reader} and put in the next card to check.\n`);
        await sessions.nextCard(reader);
      }
      const sessionId = await sessions.unlock(reader, lines);
      open.set(reader, sessionId);
      const keyUid = cards.view(sessionId).info.keyUid;
      const [first] = await cards.accounts(sessionId, { scheme: 'bip44', start: 0, count: 1 });
      if (keyUid === undefined || !first) throw new LifeboatError('no-key', undefined, { reader });
      const print = { keyUid, firstAddress: first.address };
      const wallet = walletFor(store, walletId, print);
      const target: DrillTarget = {};
      try {
        target.card = { instanceId: await cards.instanceId(sessionId) };
      } catch (error) {
        if (!isLifeboatError(error, 'not-supported')) throw error;
      }
      checked.push({
        where: { reader },
        wallet,
        result: store.check(wallet.walletId, 'card', print, target),
      });
    }
    return checked;
  } finally {
    await sessions.close();
  }
}

async function drillShares(
  store: DrillStore,
  lines: LineReader,
  walletId: string | undefined,
): Promise<Checked> {
  const typed: string[] = [];
  for (;;) {
    const line = await lines.read('Share or phrase (an empty line when done): ', { secret: true });
    if (line === undefined || line.trim() === '') break;
    typed.push(line);
  }
  const passphrase = (await lines.read('Passphrase (empty for none): ', { secret: true })) ?? '';
  const { kind, seed } = await seedFromRecovery({ lines: typed, passphrase });
  let print: Fingerprint;
  try {
    const preview = walletPreview(seed, 1);
    print = { keyUid: preview.keyUid, firstAddress: preview.addresses[0]! };
  } finally {
    seed.fill(0);
  }
  const target: DrillTarget =
    kind === 'slip39' ? { shareIdentifier: decodeShare(typed[0]!).identifier } : {};
  typed.fill('');
  const wallet = walletFor(store, walletId, print);
  return { where: {}, wallet, result: store.check(wallet.walletId, kind, print, target) };
}

async function drillShareCards(
  io: CliIo,
  store: DrillStore,
  lines: LineReader,
  readers: string[],
  walletId: string | undefined,
  dataDir: string,
): Promise<Checked> {
  const sessions = await cardSessions(dataDir);
  let read;
  try {
    read = await sharesFromCards({
      sessions,
      lines,
      store,
      readers,
      walletId,
      tell: (text) => io.stderr.write(`${text}\n`),
    });
  } finally {
    await sessions.close();
  }
  const passphrase =
    (await lines.read('Shamir passphrase (empty for none): ', { secret: true })) ?? '';
  let print: Fingerprint;
  try {
    const { seed } = await seedFromRecovery({ lines: read.shares, passphrase });
    try {
      const preview = walletPreview(seed, 1);
      print = { keyUid: preview.keyUid, firstAddress: preview.addresses[0]! };
    } finally {
      seed.fill(0);
    }
  } finally {
    read.shares.fill('');
  }
  const wallet = walletFor(store, walletId, print);
  return {
    where: { readers },
    wallet,
    result: store.check(wallet.walletId, 'slip39', print, { shareIdentifier: read.identifier }),
  };
}
