// Making a wallet that survives: a new wallet (or new copies of a remembered one) loaded onto a
// set of cards, split into shares or written down as a phrase, every copy checked as it is
// made, and a test recovery of every copy before the wallet counts as ready. The console and
// the command line drive the same drafts; the secret stays here, a share or the phrase crosses
// only to be shown for writing down, and the inventory (drills.json) learns only ids, labels,
// places and dates.
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  CardFamily,
  DraftStep,
  LostOutcome,
  RepairPlan,
  RetypeOutcome,
  SetMember,
  ShareLayoutInput,
  ShareRecord,
  ShareSetRecord,
  ShareTestOutcome,
  SingleCopyConfirmation,
  WalletDraftView,
  WalletPlan,
  WalletRecord,
} from '../../preload/api';
import { equalBytes } from '@noble/curves/utils.js';
import type { CardService } from '../cards/card-service';
import { wipeBackupSecret, type BackupSecretHeader } from '../cards/family';
import { LABEL_MAX } from '../cards/seedkeeper/header';
import type { DrillStore } from '../cases/drills';
import { activeMembers, activeShareSet, lostCardAdvice, lostShareAdvice } from '../cases/inventory';
import { LifeboatError } from '../errors';
import { HOST_ENTROPY_BYTES, mixEntropy } from '../secrets/entropy';
import { ShareSet } from '../secrets/share-set';
import { copiesOf, shareHolders, type ShareHolder } from '../secrets/share-plan';
import { checkLayout } from '../secrets/slip39';
import { WalletDraft, type ShareLayout, type WalletFormat } from '../secrets/wallet-draft';
import { walletPreview } from '../secrets/derivation';

export const SINGLE_COPY_CONFIRMATION: SingleCopyConfirmation = 'ONE COPY';
export const MAX_SET_CARDS = 3;

const DEFAULT_DRAFT_TTL_MS = 30 * 60_000;

export type WalletCards = Pick<
  CardService,
  | 'view'
  | 'importSeed'
  | 'accounts'
  | 'instanceId'
  | 'randomBytes'
  | 'listBackups'
  | 'storeBackup'
  | 'readBackup'
>;

export interface WalletSetsDeps {
  cards: () => WalletCards;
  inventory: DrillStore;
  /** Lends the seed of a rebuilt secret for the length of one call (a repair). */
  useSeed<T>(secretId: string, use: (seed: Uint8Array) => T): T;
  /** What a vault secret was rebuilt from (`slip39…` or `bip39…`). */
  secretKind(secretId: string): string;
  /** A draft left untouched this long is overwritten. */
  draftTtlMs?: number;
  now?: () => number;
}

interface Member {
  memberId: string;
  family: CardFamily;
  instanceId: string;
  label: string;
  place: string;
  addedAt: string;
  /** The session the wallet was loaded in: the test recovery needs another. */
  loadSession: string;
  tested?: 'passed' | 'failed';
}

interface ShareItem {
  holder: ShareHolder;
  done: boolean;
  label: string;
  place: string;
  card?: { family: CardFamily; instanceId: string };
  /** Where the share sits on its backup card, and the session it was written in. */
  stored?: { secretId: number; fingerprint: string; sessionId: string };
}

interface Draft {
  id: string;
  secret: WalletDraft;
  label: string;
  /** Set for a repair (the wallet exists) or once a new wallet's record was begun. */
  walletId?: string;
  repair: boolean;
  cardEntropy: number;
  cardsWanted: number;
  members: Member[];
  /** Cards that failed their test recovery: no longer part of the set. */
  setAside: Member[];
  shares?: {
    layout: ShareLayout;
    shareSetId: string;
    items: ShareItem[];
    test: ShareSet;
    rebuilt?: 'passed' | 'failed';
  };
  phrase?: { words: number; confirmed: boolean; place: string };
  touched: number;
}

export class WalletSets {
  readonly #deps: WalletSetsDeps;
  readonly #drafts = new Map<string, Draft>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(deps: WalletSetsDeps) {
    this.#deps = deps;
    this.#ttlMs = deps.draftTtlMs ?? DEFAULT_DRAFT_TTL_MS;
    this.#now = deps.now ?? Date.now;
  }

  /**
   * A new wallet: the computer's randomness mixed with that of the cards in `randomFrom`
   * (open sessions; a card without such a command adds nothing). Nothing is written yet.
   */
  async start(plan: WalletPlan, randomFrom: readonly string[] = []): Promise<WalletDraftView> {
    this.#sweep();
    const label = checkLabel(plan.label);
    const layout = plan.shares && layoutOf(plan.shares);
    checkPlan(plan.cards, layout, plan.shares?.onCards, plan.phrase !== undefined);
    if (plan.shares && plan.phrase)
      throw new LifeboatError(
        'invalid-input',
        'A wallet is written down as shares or as a phrase, not both: the same randomness would make two different wallets.',
        { field: 'phrase' },
      );
    const single =
      copiesOf({
        cards: plan.cards,
        phrase: plan.phrase !== undefined,
        ...(layout ? { shares: layout } : {}),
      }) < 2;
    if (single && plan.singleCopy !== SINGLE_COPY_CONFIRMATION)
      throw new LifeboatError('single-copy', undefined, { copies: 1 });

    const format: WalletFormat = plan.shares ? 'slip39' : plan.phrase ? 'bip39' : 'seed';
    const length =
      format === 'seed' ? 32 : format === 'bip39' && plan.phrase?.words === 24 ? 32 : 16;
    const contributions: Uint8Array[] = [];
    const host = randomBytes(HOST_ENTROPY_BYTES);
    let entropy: Uint8Array;
    try {
      for (const sessionId of new Set(randomFrom)) {
        const bytes = await this.#deps.cards().randomBytes(sessionId);
        if (bytes) contributions.push(bytes);
      }
      entropy = mixEntropy(host, contributions, length);
    } finally {
      host.fill(0);
      for (const bytes of contributions) bytes.fill(0);
    }
    const secret = await WalletDraft.create(format, entropy, layout);
    return this.#view(
      this.#add({
        secret,
        label,
        repair: false,
        cardEntropy: contributions.length,
        cardsWanted: plan.cards,
        ...(layout && plan.shares ? { shares: newShares(layout, plan.shares.onCards) } : {}),
        ...(plan.phrase
          ? { phrase: { words: plan.phrase.words, confirmed: false, place: '' } }
          : {}),
      }),
    );
  }

  /**
   * New copies of a remembered wallet: `secretId` (rebuilt from its shares or phrase) must
   * open it. Cards take its seed; a fresh share set needs a wallet made of shares.
   */
  async repair(plan: RepairPlan): Promise<WalletDraftView> {
    this.#sweep();
    const wallet = this.#deps.inventory.get(plan.walletId);
    const layout = plan.shares && layoutOf(plan.shares);
    if (plan.cards < 0 || plan.cards > MAX_SET_CARDS || !Number.isInteger(plan.cards))
      throw new LifeboatError('invalid-input', `A set takes 0 to ${MAX_SET_CARDS} new cards.`, {
        field: 'cards',
      });
    if (plan.cards === 0 && !layout)
      throw new LifeboatError('invalid-input', 'Say what to make: new cards, new shares or both.');
    if (layout) checkPlan(plan.cards, layout, plan.shares?.onCards, false);
    const kind = this.#deps.secretKind(plan.secretId).startsWith('slip39') ? 'slip39' : 'bip39';
    if (layout && (kind !== 'slip39' || wallet.format !== 'slip39'))
      throw new LifeboatError(
        'invalid-split-parameters',
        'Only a wallet made of Shamir shares, rebuilt from its shares, can be split into a fresh share set.',
      );
    const secret = this.#deps.useSeed(plan.secretId, (seed) => WalletDraft.fromSeed(kind, seed));
    if (
      secret.fingerprint.keyUid !== wallet.keyUid ||
      secret.fingerprint.firstAddress !== wallet.firstAddress
    ) {
      secret.wipe();
      throw new LifeboatError('wrong-wallet');
    }
    let shares: Draft['shares'];
    if (layout && plan.shares) {
      try {
        await secret.reshare(layout);
      } catch (error) {
        secret.wipe();
        throw error;
      }
      shares = newShares(layout, plan.shares.onCards);
    }
    return this.#view(
      this.#add({
        secret,
        label: wallet.label,
        walletId: wallet.walletId,
        repair: true,
        cardEntropy: 0,
        cardsWanted: plan.cards,
        ...(shares ? { shares } : {}),
      }),
    );
  }

  drafts(): WalletDraftView[] {
    this.#sweep();
    return [...this.#drafts.values()].map((draft) => this.#view(draft));
  }

  view(draftId: string): WalletDraftView {
    return this.#view(this.#draft(draftId));
  }

  /**
   * Writes the wallet onto the unlocked card in `sessionId`, which must hold no wallet and
   * not be a card of this wallet already, then reads the fingerprint back from the card.
   */
  async loadCard(
    draftId: string,
    sessionId: string,
    where: { label: string; place: string },
  ): Promise<WalletDraftView> {
    const draft = this.#draft(draftId);
    this.#expect(draft, 'card');
    const cards = this.#deps.cards();
    const view = cards.view(sessionId);
    const instanceId = await cards.instanceId(sessionId);
    if (this.#knownCards(draft).includes(instanceId))
      throw new LifeboatError('card-in-set', undefined, { reader: view.reader });
    if (view.info.keyUid !== undefined)
      throw new LifeboatError('key-present', undefined, { reader: view.reader });
    const member: Member = {
      memberId: randomUUID(),
      family: view.info.family,
      instanceId,
      label: checkLabel(where.label),
      place: checkPlace(where.place),
      addedAt: new Date(this.#now()).toISOString(),
      loadSession: sessionId,
    };
    this.#begin(draft);
    const seed = draft.secret.seed();
    let key;
    try {
      key = await cards.importSeed(sessionId, seed);
    } finally {
      seed.fill(0);
    }
    if (
      key.keyUid !== draft.secret.fingerprint.keyUid ||
      key.address !== draft.secret.fingerprint.firstAddress
    )
      throw new LifeboatError('fingerprint-mismatch', undefined, { reader: view.reader });
    draft.members.push(member);
    if (!draft.repair) this.#record(draft);
    return this.#view(draft);
  }

  /** The words of written share `index`, the next one to write down. */
  showShare(draftId: string, index: number): { words: string[] } {
    const draft = this.#draft(draftId);
    this.#shareStep(draft, index, 'written');
    this.#begin(draft);
    return { words: draft.secret.shareWords(index) };
  }

  /**
   * Writes share `index` onto the unlocked backup card in `sessionId`, which must not keep a
   * share of this set already, then reads it back from the card and compares.
   */
  async storeShare(
    draftId: string,
    index: number,
    sessionId: string,
    where: { label: string; place: string },
  ): Promise<WalletDraftView> {
    const draft = this.#draft(draftId);
    const item = this.#shareStep(draft, index, 'card');
    const cards = this.#deps.cards();
    const view = cards.view(sessionId);
    const reader = { reader: view.reader };
    // Listing first: a wallet card is refused (not-a-backup-card) before anything is written.
    await cards.listBackups(sessionId);
    const instanceId = await cards.instanceId(sessionId);
    if (draft.shares!.items.some((other) => other.card?.instanceId === instanceId))
      throw new LifeboatError('share-card-in-set', undefined, reader);
    const label = checkLabel(where.label);
    const place = checkPlace(where.place);
    this.#begin(draft);
    const share = new TextEncoder().encode(draft.secret.shareWords(index).join(' '));
    let same: boolean;
    let header: BackupSecretHeader;
    try {
      // As the applet's own Shamir share type (0x50, see seedkeeper/secret-layouts.ts), so
      // other Seedkeeper tools list it for what it is; exportable in plain form, because the
      // test recovery and any later recovery read it back.
      header = await cards.storeBackup(
        sessionId,
        cardLabel(draft.label, index, draft.shares!.items.length),
        { kind: 'slip39-share', share },
        { exportable: true },
      );
      const back = await cards.readBackup(sessionId, header.id);
      same = back.kind === 'slip39-share' && equalBytes(back.share, share);
      wipeBackupSecret(back);
    } finally {
      share.fill(0);
    }
    if (!same) throw new LifeboatError('share-readback-mismatch', undefined, reader);
    Object.assign(item, {
      done: true,
      label,
      place,
      card: { family: view.info.family, instanceId },
      stored: { secretId: header.id, fingerprint: header.fingerprint, sessionId },
    });
    if (!draft.repair) this.#record(draft);
    return this.#view(draft);
  }

  /** Compares share `index` as typed back from where it was written down. */
  confirmShare(draftId: string, index: number, typed: string, place: string): RetypeOutcome {
    const draft = this.#draft(draftId);
    const item = this.#shareStep(draft, index, 'written');
    const wrong = draft.secret.wrongShareWords(index, typed);
    if (wrong.length > 0) return { confirmed: false, wrong };
    item.done = true;
    item.place = checkPlace(place);
    if (!draft.repair) this.#record(draft);
    return { confirmed: true, draft: this.#view(draft) };
  }

  showPhrase(draftId: string): { words: string[] } {
    const draft = this.#draft(draftId);
    this.#expect(draft, 'phrase');
    this.#begin(draft);
    return { words: draft.secret.phraseWords() };
  }

  confirmPhrase(draftId: string, typed: string, place: string): RetypeOutcome {
    const draft = this.#draft(draftId);
    this.#expect(draft, 'phrase');
    const wrong = draft.secret.wrongPhraseWords(typed);
    if (wrong.length > 0) return { confirmed: false, wrong };
    draft.phrase!.confirmed = true;
    draft.phrase!.place = checkPlace(place);
    this.#record(draft);
    return { confirmed: true, draft: this.#view(draft) };
  }

  /**
   * The test recovery of one card: opened again (another session than the one it was loaded
   * in) and unlocked with its PIN, it must show this wallet.
   */
  async testCard(draftId: string, sessionId: string): Promise<WalletDraftView> {
    const draft = this.#draft(draftId);
    this.#expect(draft, 'test-cards');
    const cards = this.#deps.cards();
    const view = cards.view(sessionId);
    const instanceId = await cards.instanceId(sessionId);
    const member = draft.members.find((m) => m.instanceId === instanceId);
    if (!member) throw new LifeboatError('not-in-set', undefined, { reader: view.reader });
    if (member.loadSession === sessionId || !view.unlocked)
      throw new LifeboatError('reopen-card', undefined, { reader: view.reader });
    const [first] = await cards.accounts(sessionId, { scheme: 'bip44', start: 0, count: 1 });
    const passed =
      view.info.keyUid === draft.secret.fingerprint.keyUid &&
      first?.address === draft.secret.fingerprint.firstAddress;
    member.tested = passed ? 'passed' : 'failed';
    if (!passed) {
      // The card does not hold what was written onto it: it is set aside, and another card
      // takes its place in the set.
      draft.members = draft.members.filter((m) => m !== member);
      draft.setAside.push(member);
      if (!draft.repair) this.#record(draft);
    }
    return this.#view(draft);
  }

  /**
   * The test recovery of the shares: one share typed again (or read from its card); once the
   * shares given rebuild a wallet, it must be this one.
   */
  async testShare(draftId: string, text: string): Promise<ShareTestOutcome> {
    const draft = this.#draft(draftId);
    this.#expect(draft, 'test-shares');
    const shares = draft.shares!;
    const verdict = shares.test.check(text);
    if ('share' in verdict) {
      const own = verdict.share.identifier === draft.secret.shareIdentifier;
      verdict.share.value.fill(0);
      if (!own) {
        const problem = {
          code: 'share-mismatch' as const,
          message: 'This share is not one of the shares just made: it belongs to another backup.',
        };
        return {
          check: { accepted: false, problem, progress: shares.test.progress() },
          draft: this.#view(draft),
        };
      }
    }
    const check = shares.test.add(text);
    if (check.accepted && check.progress.complete) {
      const seed = await shares.test.combine('');
      try {
        const preview = walletPreview(seed, 1);
        shares.rebuilt =
          preview.keyUid === draft.secret.fingerprint.keyUid &&
          preview.addresses[0] === draft.secret.fingerprint.firstAddress
            ? 'passed'
            : 'failed';
      } finally {
        seed.fill(0);
      }
      // A failed rebuild starts over, so the person can type the shares again.
      if (shares.rebuilt === 'failed') shares.test.wipe();
    }
    return { check, draft: this.#view(draft) };
  }

  /**
   * The test recovery of a share kept on a backup card: the card opened again (another
   * session than the one it was written in) and unlocked; the share this set stored on it is
   * read back and checked like a typed share.
   */
  async testShareCard(draftId: string, sessionId: string): Promise<ShareTestOutcome> {
    const draft = this.#draft(draftId);
    this.#expect(draft, 'test-shares');
    const cards = this.#deps.cards();
    const view = cards.view(sessionId);
    const reader = { reader: view.reader };
    const headers = await cards.listBackups(sessionId);
    const instanceId = await cards.instanceId(sessionId);
    const stored = draft.shares!.items.find((item) => item.card?.instanceId === instanceId)?.stored;
    if (!stored) throw new LifeboatError('share-not-on-card', undefined, reader);
    if (stored.sessionId === sessionId || !view.unlocked)
      throw new LifeboatError('reopen-card', undefined, reader);
    const header = headers.find(
      (h) => h.id === stored.secretId && h.fingerprint === stored.fingerprint,
    );
    if (!header) throw new LifeboatError('share-not-on-card', undefined, reader);
    const secret = await cards.readBackup(sessionId, header.id);
    try {
      if (secret.kind !== 'slip39-share')
        throw new LifeboatError('share-not-on-card', undefined, reader);
      return await this.testShare(draftId, new TextDecoder().decode(secret.share));
    } finally {
      wipeBackupSecret(secret);
    }
  }

  /** Every copy made and tested: the wallet is ready, and the secret is overwritten. */
  finish(draftId: string): WalletRecord {
    const draft = this.#draft(draftId);
    this.#expect(draft, 'finish');
    this.#record(draft, true);
    // The test recovery was each copy's first drill.
    const { inventory } = this.#deps;
    const print = draft.secret.fingerprint;
    for (const member of draft.members)
      inventory.check(draft.walletId!, 'card', print, { card: { instanceId: member.instanceId } });
    if (draft.shares)
      inventory.check(draft.walletId!, 'slip39', print, {
        shareIdentifier: draft.secret.shareIdentifier!,
      });
    this.discard(draftId);
    return inventory.get(draft.walletId!);
  }

  /**
   * Marks a card of the set or a share lost, for good, and says what to do: repair the set
   * from what is left, or move the money (see inventory.ts).
   */
  markLost(
    walletId: string,
    lost: { memberId?: string; share?: { shareSetId: string; index: number } },
    couldBeOpened: boolean,
  ): LostOutcome {
    const now = new Date(this.#now()).toISOString();
    const { inventory } = this.#deps;
    const wallet = inventory.get(walletId);
    if (lost.memberId !== undefined) {
      if (!activeMembers(wallet).some((m) => m.memberId === lost.memberId))
        throw new LifeboatError('not-found', 'That card is not one of this wallet’s cards.');
      const updated = inventory.update(walletId, (w) => ({
        ...w,
        members: w.members.map((m) => (m.memberId === lost.memberId ? { ...m, lostAt: now } : m)),
      }));
      return { wallet: updated, advice: lostCardAdvice(updated, { couldBeOpened }) };
    }
    if (lost.share) {
      const { shareSetId, index } = lost.share;
      const set = activeShareSet(wallet);
      if (!set || set.shareSetId !== shareSetId || !set.shares[index] || set.shares[index].lostAt)
        throw new LifeboatError('not-found', 'That share is not one of this wallet’s shares.');
      const updated = inventory.update(walletId, (w) => ({
        ...w,
        shareSets: w.shareSets.map((s) =>
          s.shareSetId === shareSetId
            ? { ...s, shares: s.shares.map((r, i) => (i === index ? { ...r, lostAt: now } : r)) }
            : s,
        ),
      }));
      return { wallet: updated, advice: lostShareAdvice(activeShareSet(updated)!) };
    }
    throw new LifeboatError('invalid-input', 'Say which card or share was lost.');
  }

  /** Forgets a draft and overwrites its secret. A record of what was made stays. */
  discard(draftId: string): void {
    const draft = this.#drafts.get(draftId);
    if (!draft) return;
    this.#drafts.delete(draftId);
    draft.secret.wipe();
    draft.shares?.test.wipe();
  }

  dispose(): void {
    for (const id of [...this.#drafts.keys()]) this.discard(id);
  }

  #add(fields: Omit<Draft, 'id' | 'members' | 'setAside' | 'touched'>): Draft {
    const draft: Draft = {
      ...fields,
      id: randomUUID(),
      members: [],
      setAside: [],
      touched: this.#now(),
    };
    this.#drafts.set(draft.id, draft);
    return draft;
  }

  #draft(draftId: string): Draft {
    this.#sweep();
    const draft = this.#drafts.get(draftId);
    if (!draft)
      throw new LifeboatError(
        'not-found',
        'That new wallet is no longer in memory. The cards it was loaded onto are listed as not finished.',
      );
    draft.touched = this.#now();
    return draft;
  }

  #sweep(): void {
    const cutoff = this.#now() - this.#ttlMs;
    for (const [id, draft] of this.#drafts) if (draft.touched <= cutoff) this.discard(id);
  }

  #expect(draft: Draft, step: DraftStep['step']): DraftStep {
    const next = nextStep(draft);
    if (next.step !== step) throw new LifeboatError('wrong-step', undefined, { next: next.step });
    return next;
  }

  #shareStep(draft: Draft, index: number, holder: ShareHolder): ShareItem {
    const next = this.#expect(draft, 'share');
    if (next.step !== 'share' || next.index !== index || next.holder !== holder)
      throw new LifeboatError('wrong-step', undefined, { next: next.step });
    return draft.shares!.items[index]!;
  }

  /** Cards that hold this wallet already: this draft's and the inventory's. */
  #knownCards(draft: Draft): string[] {
    const remembered = draft.walletId ? this.#deps.inventory.get(draft.walletId).members : [];
    return [...remembered, ...draft.members, ...draft.setAside]
      .filter((m) => !('lostAt' in m && m.lostAt !== undefined))
      .map((m) => m.instanceId);
  }

  /** A new wallet gets its (not finished) record at the first thing that cannot be undone. */
  #begin(draft: Draft): void {
    if (draft.walletId) return;
    const format: WalletFormat = draft.secret.format;
    draft.walletId = this.#deps.inventory.begin(
      draft.label,
      draft.secret.fingerprint,
      format,
    ).walletId;
  }

  /**
   * Writes what the draft made into the inventory: as it goes for a new wallet (still
   * `making`), only at the end for a repair, whose wallet is in use and must not list copies
   * that are not tested yet.
   */
  #record(draft: Draft, finished = false): WalletRecord {
    this.#begin(draft);
    const now = new Date(this.#now()).toISOString();
    return this.#deps.inventory.update(draft.walletId!, (wallet) => {
      const members: SetMember[] = [
        ...wallet.members.filter(
          (m) => ![...draft.members, ...draft.setAside].some((d) => d.memberId === m.memberId),
        ),
        ...draft.members.map(({ loadSession: _session, tested: _tested, ...member }) => member),
      ];
      let shareSets = wallet.shareSets;
      if (draft.shares) {
        const set = shareSetRecord(draft, now);
        const others = shareSets.filter((s) => s.shareSetId !== set.shareSetId);
        shareSets = [
          ...(finished && draft.repair
            ? others.map((s) => (s.retiredAt === undefined ? { ...s, retiredAt: now } : s))
            : others),
          set,
        ];
      }
      return {
        ...wallet,
        members,
        shareSets,
        ...(draft.phrase?.confirmed
          ? { phrase: { words: draft.phrase.words, place: draft.phrase.place, createdAt: now } }
          : {}),
        state: finished ? 'ready' : wallet.state,
      };
    });
  }

  #view(draft: Draft): WalletDraftView {
    const { shares } = draft;
    return {
      draftId: draft.id,
      ...(draft.walletId ? { walletId: draft.walletId } : {}),
      repair: draft.repair,
      label: draft.label,
      keyUid: draft.secret.fingerprint.keyUid,
      firstAddress: draft.secret.fingerprint.firstAddress,
      cardEntropy: draft.cardEntropy,
      cards: {
        wanted: draft.cardsWanted,
        members: draft.members.map((m) => ({
          memberId: m.memberId,
          family: m.family,
          label: m.label,
          place: m.place,
          ...(m.tested ? { tested: m.tested } : {}),
        })),
      },
      ...(shares
        ? {
            shares: {
              groupThreshold: shares.layout.groupThreshold,
              groups: shares.layout.groups.map((g) => ({ ...g })),
              items: shares.items.map((item, index) => ({
                index,
                ...draft.secret.sharePosition(index),
                holder: item.holder,
                done: item.done,
                label: item.label,
                place: item.place,
              })),
              test: {
                progress: shares.test.progress().sharesEntered > 0 ? shares.test.progress() : null,
                ...(shares.rebuilt ? { rebuilt: shares.rebuilt } : {}),
              },
            },
          }
        : {}),
      ...(draft.phrase
        ? { phrase: { words: draft.phrase.words, confirmed: draft.phrase.confirmed } }
        : {}),
      next: nextStep(draft),
    };
  }
}

/**
 * The order in which copies are made: cards, then shares one by one, then the phrase; then
 * the test recovery of the cards and of the shares; `finish` only when every test passed.
 */
function nextStep(draft: Draft): DraftStep {
  if (draft.members.length < draft.cardsWanted)
    return { step: 'card', index: draft.members.length };
  const items = draft.shares?.items ?? [];
  const pending = items.findIndex((item) => !item.done);
  if (pending >= 0) return { step: 'share', index: pending, holder: items[pending]!.holder };
  if (draft.phrase && !draft.phrase.confirmed) return { step: 'phrase' };
  if (draft.members.some((m) => m.tested !== 'passed')) return { step: 'test-cards' };
  if (draft.shares && draft.shares.rebuilt !== 'passed') return { step: 'test-shares' };
  return { step: 'finish' };
}

function newShares(layout: ShareLayout, onCards: number): Draft['shares'] {
  return {
    layout,
    shareSetId: randomUUID(),
    items: shareHolders(layout, onCards).map((holder, index) => ({
      holder,
      done: false,
      label: `Share ${index + 1}`,
      place: '',
    })),
    test: new ShareSet(),
  };
}

function shareSetRecord(draft: Draft, now: string): ShareSetRecord {
  const shares = draft.shares!;
  const records: ShareRecord[] = shares.items
    .map((item, index) => ({ item, position: draft.secret.sharePosition(index) }))
    .filter(({ item }) => item.done)
    .map(({ item, position }) => ({
      ...position,
      holder: item.holder,
      ...(item.card ? { card: item.card } : {}),
      label: item.label,
      place: item.place,
    }));
  return {
    shareSetId: shares.shareSetId,
    identifier: draft.secret.shareIdentifier!,
    groupThreshold: shares.layout.groupThreshold,
    groups: shares.layout.groups.map((g) => ({ ...g })),
    shares: records,
    createdAt: now,
  };
}

function layoutOf(input: ShareLayoutInput): ShareLayout {
  return {
    groupThreshold: input.groupThreshold,
    groups: input.groups.map(({ threshold, count }) => ({ threshold, count })),
  };
}

function checkPlan(
  cards: number,
  layout: ShareLayout | undefined,
  onCards: number | undefined,
  phrase: boolean,
): void {
  if (!Number.isInteger(cards) || cards < 0 || cards > MAX_SET_CARDS)
    throw new LifeboatError('invalid-input', `A set has 0 to ${MAX_SET_CARDS} cards.`, {
      field: 'cards',
    });
  if (layout) {
    checkLayout(layout.groupThreshold, layout.groups);
    shareHolders(layout, onCards ?? 0);
  }
  if (cards === 0 && !layout && !phrase)
    throw new LifeboatError(
      'invalid-input',
      'Choose at least one copy: cards, shares or a phrase.',
    );
}

/** The secret's label on the backup card, as any Seedkeeper tool lists it (127 bytes at most). */
function cardLabel(wallet: string, index: number, total: number): string {
  const suffix = ` · share ${index + 1} of ${total}`;
  let name = [...wallet];
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  while (name.length > 0 && bytes(name.join('') + suffix) > LABEL_MAX) name = name.slice(0, -1);
  return name.join('') + suffix;
}

function checkLabel(label: string): string {
  const trimmed = label.trim();
  if (trimmed.length < 1 || trimmed.length > 100)
    throw new LifeboatError('invalid-input', 'A name is 1 to 100 characters.', { field: 'label' });
  return trimmed;
}

function checkPlace(place: string): string {
  const trimmed = place.trim();
  if (trimmed.length > 200)
    throw new LifeboatError('invalid-input', 'Where it is kept fits in 200 characters.', {
      field: 'place',
    });
  return trimmed;
}
