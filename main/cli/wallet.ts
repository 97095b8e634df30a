// `lifeboat wallet create`: a new wallet made to survive, from the command line. It drives the
// same drafts as the console (main/recovery/wallet-sets.ts): the wallet is loaded onto each
// card and read back, shares go onto backup cards (read back) or are shown one at a time and
// typed back, a phrase likewise, and the test recovery opens every card again with its PIN and
// rebuilds the shares (read from their backup cards or typed again) before the wallet is listed
// as ready. One reader is enough: the command waits for the next card and says which.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RepairPlan, WalletDraftView, WalletPlan, WalletRecord } from '../../preload/api';
import { DrillStore } from '../cases/drills';
import { activeMembers, activeShareSet } from '../cases/inventory';
import { LifeboatError } from '../errors';
import {
  WalletSets,
  SINGLE_COPY_CONFIRMATION,
  MAX_SET_CARDS,
  type WalletSetsDeps,
} from '../recovery/wallet-sets';
import { copiesOf, parseShareLayout, qualifyingShares, shareHolders } from '../secrets/share-plan';
import { cardSessions, type CardSessions } from './card-unlock';
import { dataDirOf } from './data-dir';
import { CliUsageError, LineReader, type CliIo } from './io';
import { EXIT, printError, printResult } from './output';

export const walletUsage = `Usage: lifeboat wallet create --card READER [--card READER …]
                              [--shares T-of-N [--shares T-of-N …] [--group-threshold G]
                               [--share-card READER …]]
                              [--phrase [--words 12|24]] [--label NAME] [--yes] [--json]
                              [--data-dir DIR]

Makes a new wallet that survives the loss of a copy, and tests that every copy opens it.
  --card READER       a card of the set (up to ${MAX_SET_CARDS}); initialized, paired and empty. Name
                      the same reader again to use one reader: the command waits for the
                      next card and says which.
  --shares T-of-N     also split the wallet into Shamir (SLIP-39) shares to write down: T of
                      the N shares rebuild it. Repeat for groups, with --group-threshold G
                      (how many groups rebuild it).
  --share-card READER a backup card (Seedkeeper, set up with a PIN) that keeps one share,
                      in place of writing it down: the first shares go onto the cards, one
                      each, in the order of the options. Name the same reader again to use
                      one reader: the command waits for the next backup card and says which.
                      With --shares; --card may then be left out.
  --phrase            also write it down as a BIP-39 phrase (--words 12 or 24, default 24);
                      not together with --shares.
  --label NAME        what the wallet is called in the inventory (default "New wallet").
  --yes               do not ask before writing the new wallet onto the cards.

Read from standard input (or a hidden prompt at a terminal), in this order:
  - "${SINGLE_COPY_CONFIRMATION}", only when the plan leaves a single copy of the wallet;
  - "yes", unless --yes is given;
  - the PIN of each card, in the order of the --card options, then the PIN of each backup
    card, in the order of the --share-card options;
  - each share not on a card (or the phrase) typed back after it is shown on standard error;
  - the test recovery: the PIN of each card again, as it is opened afresh, then of the backup
    cards whose shares are read back, and the other shares that rebuild the wallet, typed
    again.
The wallet is listed in the inventory (drills.json in --data-dir, default
$XDG_DATA_HOME/lifeboat or ~/.local/share/lifeboat) as "making" until its test recovery
passed. Nothing secret is kept there.`;

const OPTIONS = {
  card: { type: 'string', multiple: true },
  shares: { type: 'string', multiple: true },
  'share-card': { type: 'string', multiple: true },
  'group-threshold': { type: 'string' },
  phrase: { type: 'boolean', default: false },
  words: { type: 'string' },
  label: { type: 'string' },
  yes: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
} as const;

export async function runWallet(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'create') return createCommand(rest, io);
  if (command === 'list') return (await import('./wallet-list')).runWalletList(rest, io);
  if (command === 'lost') return (await import('./wallet-lost')).runWalletLost(rest, io);
  if (command === 'repair') return (await import('./wallet-repair')).runWalletRepair(rest, io);
  if (command === undefined) {
    io.stdout.write(`${await walletCommandsUsage()}\n`);
    return EXIT.usage;
  }
  return printError(
    io,
    argv.includes('--json'),
    new CliUsageError(`Unknown wallet command "${command}".\n\n${await walletCommandsUsage()}`),
  );
}

/** The usage of every `wallet` subcommand (loaded on demand, as `lifeboat` loads commands). */
export async function walletCommandsUsage(): Promise<string> {
  const [list, lost, repair] = await Promise.all([
    import('./wallet-list'),
    import('./wallet-lost'),
    import('./wallet-repair'),
  ]);
  return [walletUsage, list.walletListUsage, lost.walletLostUsage, repair.walletRepairUsage].join(
    '\n\n',
  );
}

interface Readers {
  /** The wallet cards of the set, in order. */
  cards: string[];
  /** The backup card of each share kept on a card, in order. */
  shares: string[];
}

function planOf(values: ReturnType<typeof parse>): { plan: WalletPlan; readers: Readers } {
  const readers = values.card ?? [];
  const shareReaders = values['share-card'] ?? [];
  if (shareReaders.length > 0 && !values.shares)
    throw new CliUsageError(
      '--share-card goes with --shares: say how the shares are split, e.g. --shares 2-of-3.',
    );
  if (readers.length === 0 && shareReaders.length === 0)
    throw new CliUsageError(
      'Name the reader of each card with --card (or of each backup card with --share-card).',
    );
  if (readers.length > MAX_SET_CARDS)
    throw new CliUsageError(`A set has at most ${MAX_SET_CARDS} cards.`);
  if (values.phrase && values.shares)
    throw new CliUsageError(
      'Choose --shares or --phrase: the same randomness would make two different wallets.',
    );
  if (values.words !== undefined && !values.phrase)
    throw new CliUsageError('--words goes with --phrase.');
  if (values.words !== undefined && values.words !== '12' && values.words !== '24')
    throw new CliUsageError('--words is 12 or 24.');
  let groupThreshold: number | undefined;
  const given = values['group-threshold'];
  if (given !== undefined) {
    if (!/^\d{1,2}$/.test(given)) throw new CliUsageError('--group-threshold takes a number.');
    groupThreshold = Number(given);
  }
  const layout = values.shares ? parseShareLayout(values.shares, groupThreshold) : undefined;
  // More backup cards than shares is refused here, before any PIN is read.
  if (layout) shareHolders(layout, shareReaders.length);
  const plan: WalletPlan = {
    label: values.label ?? 'New wallet',
    cards: readers.length,
    ...(layout
      ? { shares: { ...layout, groups: [...layout.groups], onCards: shareReaders.length } }
      : {}),
    ...(values.phrase ? { phrase: { words: values.words === '12' ? 12 : 24 } } : {}),
  };
  return { plan, readers: { cards: readers, shares: shareReaders } };
}

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
}

async function createCommand(argv: string[], io: CliIo): Promise<number> {
  const values = parse(argv);
  const json = values.json === true;
  const { plan, readers } = planOf(values);
  const lines = new LineReader(io);
  try {
    const single =
      copiesOf({
        cards: plan.cards,
        phrase: plan.phrase !== undefined,
        ...(plan.shares ? { shares: plan.shares } : {}),
      }) < 2;
    if (single) {
      io.stderr.write('This plan leaves the wallet in one copy only: losing it loses the money.\n');
      plan.singleCopy = (
        await lines.require(`Type ${SINGLE_COPY_CONFIRMATION} to make it anyway: `)
      ).trim();
      if (plan.singleCopy !== SINGLE_COPY_CONFIRMATION) throw new LifeboatError('single-copy');
    }
    if (values.yes !== true) {
      const count = readers.cards.length + readers.shares.length;
      const answer = await lines.require(
        `Type "yes" to write a new wallet onto ${count === 1 ? 'the card' : `${count} cards`}: `,
      );
      if (answer.trim().toLowerCase() !== 'yes') throw new LifeboatError('cancelled');
    }
    const dataDir = dataDirOf(values);
    const sessions = await cardSessions(dataDir);
    const making = new Making(
      io,
      lines,
      sessions,
      new DrillStore(path.join(dataDir, 'drills.json')),
    );
    try {
      const record = await making.run(plan, readers);
      printResult(io, json, resultOf(record, making.draftSeen, making.shareTest, readers), () =>
        textOf(record),
      );
      return EXIT.ok;
    } finally {
      making.abandon();
      await sessions.close();
    }
  } finally {
    lines.close();
  }
}

/** What is in a reader: a wallet card of the set, or the backup card of share `index`. */
type Held = { kind: 'card' } | { kind: 'share'; index: number };

/**
 * One run of `wallet create` (or `wallet repair`): the draft, and which card session sits in
 * which reader.
 */
export class Making {
  private readonly wallets: WalletSets;
  private readonly inReader = new Map<string, string>();
  private readonly held = new Map<string, Held>();
  private draftId: string | undefined;
  draftSeen: WalletDraftView | undefined;
  /** Which shares the test recovery read from their backup cards, and which were typed. */
  readonly shareTest = { fromCards: [] as number[], typed: [] as number[] };

  constructor(
    private readonly io: CliIo,
    private readonly lines: LineReader,
    private readonly sessions: CardSessions,
    store: DrillStore,
    /** The secret a repair rebuilt (`wallet repair`); a new wallet needs none. */
    secrets?: Pick<WalletSetsDeps, 'useSeed' | 'secretKind'>,
  ) {
    const noVault = () => {
      throw new LifeboatError('not-supported', 'The command line makes new wallets only.');
    };
    this.wallets = new WalletSets({
      cards: () => sessions.cards,
      inventory: store,
      useSeed: secrets ? (secretId, use) => secrets.useSeed(secretId, use) : noVault,
      secretKind: secrets ? (secretId) => secrets.secretKind(secretId) : noVault,
    });
  }

  async run(plan: WalletPlan, readers: Readers): Promise<WalletRecord> {
    // Every card goes through its reader in this order: wallet cards, then backup cards. The
    // cards in readers named once so far are opened at once and give their random numbers; a
    // card that comes later through a swap is loaded only.
    const order: { reader: string; held: Held }[] = [
      ...readers.cards.map((reader) => ({ reader, held: { kind: 'card' } as const })),
      ...readers.shares.map((reader, index) => ({
        reader,
        held: { kind: 'share', index } as const,
      })),
    ];
    const names = order.map((o) => o.reader);
    const firstSwap = names.findIndex((reader, i) => names.indexOf(reader) < i);
    const upFront = order.slice(0, firstSwap < 0 ? order.length : firstSwap);
    const opened: string[] = [];
    for (const { reader, held } of upFront) opened.push(await this.open(reader, held));
    let draft = await this.wallets.start(plan, opened);
    this.draftId = draft.draftId;
    this.say(
      `New wallet ${short(draft.keyUid)}: the computer's randomness mixed with that of ${draft.cardEntropy} card${draft.cardEntropy === 1 ? '' : 's'}.`,
    );

    const shareTotal = draft.shares?.items.length ?? 0;
    for (const [i, { reader, held }] of order.entries()) {
      const which =
        held.kind === 'card'
          ? `card ${i + 1} of ${readers.cards.length}`
          : `the backup card for share ${held.index + 1} of ${shareTotal}`;
      const sessionId = i < upFront.length ? opened[i]! : await this.swapIn(reader, which, held);
      if (held.kind === 'card') {
        draft = await this.wallets.loadCard(draft.draftId, sessionId, {
          label: `Card ${i + 1}`,
          place: '',
        });
        this.say(`Card ${i + 1} (${reader}) holds the wallet: its fingerprint was read back.`);
      } else {
        draft = await this.wallets.storeShare(draft.draftId, held.index, sessionId, {
          label: `Share ${held.index + 1}`,
          place: '',
        });
        this.say(
          `Share ${held.index + 1} of ${shareTotal} is on the backup card in ${reader}: it was read back.`,
        );
      }
    }
    return this.finishCopies(draft, readers);
  }

  /**
   * New copies of a remembered wallet from the secret `plan.secretId`, which must open it
   * (`wrong-wallet` otherwise, before any card is opened): loaded onto the cards in
   * `cardReaders`, a fresh share set written down if planned, every new copy tested, and only
   * then recorded in the inventory. `numberFrom` is how many cards the set had.
   */
  async repair(plan: RepairPlan, cardReaders: string[], numberFrom: number): Promise<WalletRecord> {
    let draft = await this.wallets.repair(plan);
    this.draftId = draft.draftId;
    this.say(`The secret opens "${draft.label}".`);
    const held = { kind: 'card' } as const;
    for (const [i, reader] of cardReaders.entries()) {
      const sessionId = this.inReader.has(reader)
        ? await this.swapIn(reader, `card ${i + 1} of ${cardReaders.length}`, held)
        : await this.open(reader, held);
      draft = await this.wallets.loadCard(draft.draftId, sessionId, {
        label: `Card ${numberFrom + i + 1}`,
        place: '',
      });
      this.say(`Card ${i + 1} (${reader}) holds the wallet: its fingerprint was read back.`);
    }
    return this.finishCopies(draft, { cards: cardReaders, shares: [] });
  }

  /**
   * Once every card holds the wallet: what is written down is shown and typed back, then the
   * test recovery of every card and of the shares; only then is the wallet finished.
   */
  private async finishCopies(start: WalletDraftView, readers: Readers): Promise<WalletRecord> {
    let draft = await this.writeDown(start);
    draft = await this.testCards(draft, readers.cards);
    if (draft.shares) draft = await this.rebuildShares(draft, readers.shares);
    this.draftSeen = draft;
    return this.wallets.finish(draft.draftId);
  }

  /** The test recovery of the cards: each opened again with its PIN must show the wallet. */
  private async testCards(start: WalletDraftView, readers: string[]): Promise<WalletDraftView> {
    if (readers.length === 0) return start;
    let draft = start;
    this.say('Test recovery: every card is opened again with its PIN.');
    const tested = new Set<string>();
    for (const reader of readers) {
      const sessionId =
        this.held.get(reader)?.kind === 'card' && !tested.has(reader)
          ? await this.reopen(reader)
          : await this.swapIn(
              reader,
              tested.size === 0 ? 'a card of this set' : 'another card of this set, not yet tested',
              { kind: 'card' },
            );
      tested.add(reader);
      draft = await this.wallets.testCard(draft.draftId, sessionId);
      if (draft.next.step === 'card')
        throw new LifeboatError(
          'fingerprint-mismatch',
          `The card in ${reader} shows another wallet than the one written onto it. Set it aside; the wallet was not finished.`,
          { reader },
        );
      this.say(`The card in ${reader} opens this wallet.`);
    }
    return draft;
  }

  /** Forgets the draft (and overwrites its secret) if the run stopped before finishing. */
  abandon(): void {
    if (this.draftId) this.wallets.discard(this.draftId);
  }

  /** Shows each share (or the phrase) and has it typed back before the next is shown. */
  private async writeDown(start: WalletDraftView): Promise<WalletDraftView> {
    let draft = start;
    for (;;) {
      const next = draft.next;
      if (next.step === 'share') {
        const total = draft.shares!.items.length;
        const { words } = this.wallets.showShare(draft.draftId, next.index);
        draft = await this.retype(`Share ${next.index + 1} of ${total}`, words, (typed) =>
          this.wallets.confirmShare(draft.draftId, next.index, typed, ''),
        );
      } else if (next.step === 'phrase') {
        const { words } = this.wallets.showPhrase(draft.draftId);
        draft = await this.retype('The recovery phrase', words, (typed) =>
          this.wallets.confirmPhrase(draft.draftId, typed, ''),
        );
      } else return draft;
    }
  }

  private async retype(
    name: string,
    words: string[],
    confirm: (typed: string) => ReturnType<WalletSets['confirmPhrase']>,
  ): Promise<WalletDraftView> {
    this.say(`\n${name}. Write it down now, then type it back:\n\n  ${words.join(' ')}\n`);
    words.fill('');
    for (;;) {
      const outcome = confirm(await this.lines.require(`${name}, typed back: `, { secret: true }));
      if (outcome.confirmed) return outcome.draft;
      this.say(
        `Word${outcome.wrong.length === 1 ? '' : 's'} ${outcome.wrong.map((i) => i + 1).join(', ')} ${outcome.wrong.length === 1 ? 'is' : 'are'} not right. Check what you wrote down and type it again.`,
      );
    }
  }

  /**
   * Rebuilds the wallet from a qualifying subset of the shares, those on backup cards first:
   * each such card is opened again with its PIN and its share read back; the others are typed.
   */
  private async rebuildShares(
    start: WalletDraftView,
    shareReaders: readonly string[],
  ): Promise<WalletDraftView> {
    const shares = start.shares!;
    const total = shares.items.length;
    const onCard = (index: number) => shares.items[index]?.holder === 'card';
    const needed = qualifyingShares(
      { groupThreshold: shares.groupThreshold, groups: shares.groups },
      onCard,
    );
    const fromCards = needed.filter(onCard);
    const typed = needed.filter((index) => !onCard(index));
    if (fromCards.length > 0)
      this.say(
        `Test recovery: share${fromCards.length === 1 ? '' : 's'} ${fromCards.map((i) => i + 1).join(', ')} read back from ${fromCards.length === 1 ? 'its backup card' : 'their backup cards'}.`,
      );
    if (typed.length > 0)
      this.say(
        `Test recovery: type share${typed.length === 1 ? '' : 's'} ${typed.map((i) => i + 1).join(', ')} again.`,
      );
    let draft = start;
    for (const index of fromCards) {
      const reader = shareReaders[index]!;
      const held = this.held.get(reader);
      const sessionId =
        held?.kind === 'share' && held.index === index
          ? await this.reopen(reader)
          : await this.swapIn(reader, `the backup card for share ${index + 1} of ${total}`, {
              kind: 'share',
              index,
            });
      const outcome = await this.wallets.testShareCard(draft.draftId, sessionId);
      draft = outcome.draft;
      if (!outcome.check.accepted)
        throw new LifeboatError(
          'wrong-wallet',
          `The share read from the backup card in ${reader} was not accepted: ${outcome.check.problem?.message ?? ''}`,
          { reader },
        );
      this.shareTest.fromCards.push(index);
      this.say(`Share ${index + 1}, read from the backup card in ${reader}, fits.`);
    }
    for (const index of typed) {
      for (;;) {
        const outcome = await this.wallets.testShare(
          draft.draftId,
          await this.lines.require(`Share ${index + 1}, typed again: `, { secret: true }),
        );
        draft = outcome.draft;
        if (outcome.check.accepted) break;
        this.say(`That share was not accepted: ${outcome.check.problem?.message ?? ''}`);
      }
      this.shareTest.typed.push(index);
    }
    if (draft.shares?.test.rebuilt !== 'passed')
      throw new LifeboatError(
        'wrong-wallet',
        'The shares given again did not rebuild this wallet.',
      );
    this.say('The shares rebuild this wallet.');
    return draft;
  }

  private async open(reader: string, held: Held): Promise<string> {
    const sessionId = await this.sessions.unlock(
      reader,
      this.lines,
      held.kind === 'card' ? 'wallet' : 'backup',
    );
    this.inReader.set(reader, sessionId);
    this.held.set(reader, held);
    return sessionId;
  }

  private async close(reader: string): Promise<void> {
    const sessionId = this.inReader.get(reader);
    this.inReader.delete(reader);
    this.held.delete(reader);
    if (sessionId) await this.sessions.cards.close(sessionId);
  }

  private async reopen(reader: string): Promise<string> {
    const held = this.held.get(reader)!;
    await this.close(reader);
    return this.open(reader, held);
  }

  private async swapIn(reader: string, which: string, held: Held): Promise<string> {
    await this.close(reader);
    this.say(`Take the card out of ${reader} and put in ${which}.`);
    await this.sessions.nextCard(reader);
    return this.open(reader, held);
  }

  private say(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }
}

function short(keyUid: string): string {
  return `${keyUid.slice(0, 4)} ${keyUid.slice(4, 8)}`;
}

export function resultOf(
  record: WalletRecord,
  draft: WalletDraftView | undefined,
  shareTest: { fromCards: number[]; typed: number[] },
  readers: Readers = { cards: [], shares: [] },
): object {
  const shares = activeShareSet(record);
  return {
    walletId: record.walletId,
    label: record.label,
    keyUid: record.keyUid,
    firstAddress: record.firstAddress,
    format: record.format,
    state: record.state,
    members: activeMembers(record).map(({ memberId, family, instanceId, label }) => ({
      memberId,
      family,
      instanceId,
      label,
    })),
    ...(shares
      ? {
          shares: {
            shareSetId: shares.shareSetId,
            groupThreshold: shares.groupThreshold,
            groups: shares.groups,
            // Where each share is, never the share: on a backup card (read in this reader)
            // or written down.
            items: shares.shares.map((share, index) => ({
              index,
              groupIndex: share.groupIndex,
              memberIndex: share.memberIndex,
              holder: share.holder,
              label: share.label,
              ...(share.card ? { card: share.card, reader: readers.shares[index] } : {}),
            })),
          },
        }
      : {}),
    ...(record.phrase ? { phrase: { words: record.phrase.words } } : {}),
    testRecovery: {
      passed: true,
      cards: (draft?.cards.members ?? []).map((m) => ({
        memberId: m.memberId,
        passed: m.tested === 'passed',
      })),
      ...(draft?.shares
        ? {
            shares: {
              passed: draft.shares.test.rebuilt === 'passed',
              fromCards: shareTest.fromCards,
              typed: shareTest.typed,
            },
          }
        : {}),
    },
  };
}

export function textOf(record: WalletRecord): string {
  const copies = [
    ...activeMembers(record).map((m) => m.label),
    ...(activeShareSet(record) ? ['the shares'] : []),
    ...(record.phrase ? ['the phrase'] : []),
  ];
  return [
    `"${record.label}" is ready: every copy passed its test recovery.`,
    `  Key UID        ${record.keyUid}`,
    `  First address  ${record.firstAddress}`,
    `  Copies         ${copies.join(', ')}`,
  ].join('\n');
}
