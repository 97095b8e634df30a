// The secrets service behind the `secrets` part of window.lifeboat: plain data in and out,
// share sets and rebuilt secrets named by opaque ids, and never a secret in a return value.
// One service per owner (a window, the CLI); all of them share one Vault, from which the
// card and chain layers borrow a seed with `useSeed`.
import { randomUUID } from 'node:crypto';
import type {
  AccountView,
  NewPhrase,
  PhraseCheck,
  PhraseConfirmation,
  RecoveryKind,
  Scheme,
  SecretsEvent,
  SecretView,
  ShareCheck,
  ShareRef,
  ShareSetProgress,
  WordsCheck,
} from '../../preload/api';
import { LifeboatError } from '../errors';
import { Listeners } from '../listeners';
import { bip39Seed, checkBip39Phrase, phraseWords } from './bip39';
import { deriveAccounts, walletPreview, type WalletPreview } from './derivation';
import { detectInputKind } from './input-kind';
import { PhraseDraft, type NewPhraseLength } from './phrase-draft';
import { toProblem } from './problem';
import { ShareSet } from './share-set';
import type { Vault } from './vault';
import { checkBip39Words, checkWords, suggestWords } from './word-check';

export interface SecretsServiceOptions {
  vault: Vault;
  owner: string;
  /** A rebuilt secret is overwritten after this long unused. */
  secretTtlMs?: number;
  /** Shares entered but not combined are overwritten after this long untouched. */
  shareSetTtlMs?: number;
  now?: () => number;
}

const DEFAULT_SHARE_SET_TTL_MS = 30 * 60_000;

/**
 * What a secret was opened from, kept as long as the secret so that it can be opened again
 * with another passphrase without the shares or phrase being typed again.
 */
type Origin =
  | { kind: 'slip39'; shareSetId: string }
  | { kind: 'bip39'; phrase: Uint8Array; passphrase: Uint8Array };

/**
 * What a rebuilt secret is made of, for keeping it on a backup card: the phrase with the
 * passphrase it was opened with, or one of the shares. The caller wipes the bytes (UTF-8).
 */
export type RecoveryBackup =
  | { kind: 'bip39'; phrase: Uint8Array; passphrase: Uint8Array }
  | { kind: 'slip39-share'; share: Uint8Array };

const utf8 = new TextEncoder();

export class SecretsService {
  readonly #vault: Vault;
  readonly #owner: string;
  readonly #secretTtlMs: number | undefined;
  readonly #shareSetTtlMs: number;
  readonly #now: () => number;
  readonly #shareSets = new Map<string, { set: ShareSet; touched: number }>();
  /** By secret id; also, while shares are stretched again, a hold of their share set. */
  readonly #origins = new Map<string, Origin>();
  /** What the console may know of each secret kept (no secret in it), by secret id. */
  readonly #views = new Map<string, SecretView>();
  readonly #drafts = new Map<string, { draft: PhraseDraft; touched: number }>();
  readonly #events = new Listeners<SecretsEvent>();
  readonly #stopVaultEvents: () => void;

  constructor(options: SecretsServiceOptions) {
    this.#vault = options.vault;
    this.#owner = options.owner;
    this.#secretTtlMs = options.secretTtlMs;
    this.#shareSetTtlMs = options.shareSetTtlMs ?? DEFAULT_SHARE_SET_TTL_MS;
    this.#now = options.now ?? Date.now;
    this.#stopVaultEvents = this.#vault.onRelease(({ id, owner, reason }) => {
      if (owner !== this.#owner) return;
      this.#dropOrigin(id);
      this.#views.delete(id);
      this.#events.emit({ type: 'secret-released', secretId: id, reason });
    });
  }

  watch(listener: (event: SecretsEvent) => void): () => void {
    return this.#events.on(listener);
  }

  startShareSet(): { shareSetId: string } {
    this.#sweepShareSets();
    const shareSetId = randomUUID();
    this.#shareSets.set(shareSetId, { set: new ShareSet(), touched: this.#now() });
    return { shareSetId };
  }

  addShare(shareSetId: string, share: string): ShareCheck {
    return this.#shareSet(shareSetId).add(share);
  }

  removeShare(shareSetId: string, index: number): ShareSetProgress {
    return this.#shareSet(shareSetId).remove(index);
  }

  discardShareSet(shareSetId: string): void {
    this.#shareSets.get(shareSetId)?.set.wipe();
    this.#shareSets.delete(shareSetId);
  }

  checkWords(text: string): WordsCheck {
    return checkWords(text);
  }

  suggestWords(prefix: string, kind: RecoveryKind): string[] {
    return suggestWords(prefix, kind);
  }

  /**
   * Rebuilds the secret from the share set into the vault, reporting key stretching to
   * `onProgress` and as `combine-progress` events. The set is kept while the secret lives, so
   * the same shares can be tried with another passphrase (each passphrase opens its own wallet).
   */
  async combine(
    shareSetId: string,
    passphrase: string,
    onProgress?: (progress: { done: number; total: number }) => void,
  ): Promise<SecretView> {
    const set = this.#shareSet(shareSetId);
    const seed = await set.combine(passphrase, {
      onProgress: (progress) => {
        onProgress?.(progress);
        this.#events.emit({ type: 'combine-progress', shareSetId, ...progress });
      },
    });
    return this.#keep('slip39', seed, { kind: 'slip39', shareSetId });
  }

  checkPhrase(phrase: string): PhraseCheck {
    const words = checkBip39Words(phraseWords(phrase));
    try {
      if (detectInputKind(phrase) === 'slip39') throw shareNotPhrase();
      checkBip39Phrase(phrase);
      return { valid: true, words };
    } catch (error) {
      return { valid: false, problem: toProblem(error), words };
    }
  }

  async enterPhrase(phrase: string, passphrase: string): Promise<SecretView> {
    if (detectInputKind(phrase) === 'slip39') throw shareNotPhrase();
    const canonical = checkBip39Phrase(phrase).phrase;
    const seed = await bip39Seed(canonical, passphrase);
    return this.#keep('bip39', seed, {
      kind: 'bip39',
      phrase: utf8.encode(canonical),
      passphrase: utf8.encode(passphrase),
    });
  }

  /**
   * Opens the shares or phrase `secretId` came from again with another passphrase, and
   * releases `secretId`: a wrong passphrase opens a valid but different (usually empty)
   * wallet, so trying another one must not mean typing the backup again.
   */
  async reopen(secretId: string, passphrase: string): Promise<SecretView> {
    // Touching the secret also keeps it from expiring while the shares are stretched
    // again: its expiry would overwrite them.
    const origin = this.#originOf(secretId);
    const reopened =
      origin.kind === 'slip39'
        ? await this.#combineHeld(origin.shareSetId, passphrase)
        : await this.#enterHeld(origin.phrase.slice(), passphrase);
    this.release(secretId);
    return reopened;
  }

  /**
   * A new recovery phrase for a key about to be created. Its words are returned this once,
   * for the person to write down; it becomes a secret only once chosen words are typed back.
   */
  newPhrase(length: NewPhraseLength): NewPhrase {
    this.#sweepDrafts();
    const draft = new PhraseDraft(length);
    const draftId = randomUUID();
    this.#drafts.set(draftId, { draft, touched: this.#now() });
    return { draftId, words: draft.words(), check: [...draft.check] };
  }

  /** Checks the words typed back; when all are right the phrase becomes a secret. */
  async confirmPhrase(draftId: string, answers: readonly string[]): Promise<PhraseConfirmation> {
    this.#sweepDrafts();
    const entry = this.#drafts.get(draftId);
    if (!entry) {
      throw new LifeboatError(
        'not-found',
        'That new recovery phrase is no longer in memory. Start again with a new one.',
      );
    }
    entry.touched = this.#now();
    const wrong = entry.draft.wrongAnswers(answers);
    if (wrong.length > 0) return { confirmed: false, wrong };
    const seed = await entry.draft.seed();
    const phrase = utf8.encode(entry.draft.words().join(' '));
    this.discardPhrase(draftId);
    const origin: Origin = { kind: 'bip39', phrase, passphrase: new Uint8Array(0) };
    return { confirmed: true, secret: this.#keep('bip39', seed, origin) };
  }

  discardPhrase(draftId: string): void {
    this.#drafts.get(draftId)?.draft.wipe();
    this.#drafts.delete(draftId);
  }

  accounts(secretId: string, scheme: Scheme, start: number, count: number): AccountView[] {
    return this.useSeed(secretId, (seed) =>
      deriveAccounts(seed, scheme, start, count).map((account) => ({ scheme, ...account })),
    );
  }

  /** The shares a secret was combined from, by place; none for a phrase. */
  shares(secretId: string): ShareRef[] {
    const origin = this.#originOf(secretId);
    return origin.kind === 'slip39' ? this.#shareSet(origin.shareSetId).refs() : [];
  }

  /**
   * What to keep on a backup card for this secret: its phrase and passphrase, or the share
   * at `share` (an index of `shares`). The caller wipes the bytes.
   */
  backupOf(secretId: string, share?: number): RecoveryBackup {
    const origin = this.#originOf(secretId);
    if (origin.kind === 'bip39') {
      if (share !== undefined)
        throw new LifeboatError('invalid-input', 'A recovery phrase has no shares.');
      return {
        kind: 'bip39',
        phrase: origin.phrase.slice(),
        passphrase: origin.passphrase.slice(),
      };
    }
    if (share === undefined)
      throw new LifeboatError('invalid-input', 'Choose which of the shares to keep.');
    return {
      kind: 'slip39-share',
      share: utf8.encode(this.#shareSet(origin.shareSetId).words(share)),
    };
  }

  /** Lends the seed to `fn` (see Vault.use); for the card and chain layers in main. */
  useSeed<T>(secretId: string, fn: (seed: Uint8Array) => T): T {
    return this.#vault.use(secretId, this.#owner, fn);
  }

  /** The secrets kept, oldest first: a console reloaded meanwhile finds them again. */
  list(): SecretView[] {
    return [...this.#views.values()];
  }

  release(secretId: string): void {
    this.#vault.release(secretId, this.#owner);
  }

  /** Overwrites every share set, new phrase and secret of this owner. */
  dispose(): void {
    for (const id of [...this.#shareSets.keys()]) this.discardShareSet(id);
    for (const id of [...this.#drafts.keys()]) this.discardPhrase(id);
    this.#vault.releaseOwner(this.#owner);
    this.#stopVaultEvents();
    this.#events.clear();
  }

  #keep(kind: RecoveryKind, seed: Uint8Array, origin: Origin): SecretView {
    let preview: WalletPreview;
    try {
      preview = walletPreview(seed);
    } catch (error) {
      seed.fill(0);
      if (origin.kind === 'bip39') wipeOrigin(origin);
      throw error;
    }
    const secretId = this.#vault.put(seed, {
      owner: this.#owner,
      kind: `${kind}-seed`,
      ...(this.#secretTtlMs === undefined ? {} : { ttlMs: this.#secretTtlMs }),
    });
    this.#origins.set(secretId, origin);
    const view: SecretView = { secretId, kind, ...preview };
    this.#views.set(secretId, view);
    return view;
  }

  /**
   * Combines shares a secret keeps. They are held while stretching, so the new wallet keeps
   * them even if the one they came from is cleared meanwhile.
   */
  async #combineHeld(shareSetId: string, passphrase: string): Promise<SecretView> {
    const hold = randomUUID();
    this.#origins.set(hold, { kind: 'slip39', shareSetId });
    try {
      return await this.combine(shareSetId, passphrase);
    } finally {
      this.#origins.delete(hold);
    }
  }

  /** Opens a kept phrase (a copy this call owns) with a passphrase. */
  async #enterHeld(phrase: Uint8Array, passphrase: string): Promise<SecretView> {
    let seed: Uint8Array;
    try {
      seed = await bip39Seed(new TextDecoder().decode(phrase), passphrase);
    } catch (error) {
      phrase.fill(0);
      throw error;
    }
    return this.#keep('bip39', seed, {
      kind: 'bip39',
      phrase,
      passphrase: utf8.encode(passphrase),
    });
  }

  /** What `secretId` was opened from; proves the secret is this owner's and alive. */
  #originOf(secretId: string): Origin {
    this.#vault.use(secretId, this.#owner, () => undefined);
    const origin = this.#origins.get(secretId);
    if (!origin) {
      throw new LifeboatError(
        'secret-not-found',
        'The shares or phrase of this wallet are no longer in memory. Enter them again.',
      );
    }
    return origin;
  }

  /** Overwrites what a released secret came from, unless another secret still needs it. */
  #dropOrigin(secretId: string): void {
    const origin = this.#origins.get(secretId);
    this.#origins.delete(secretId);
    if (origin?.kind === 'bip39') wipeOrigin(origin);
    if (origin?.kind !== 'slip39') return;
    const shared = [...this.#origins.values()].some(
      (o) => o.kind === 'slip39' && o.shareSetId === origin.shareSetId,
    );
    if (!shared) this.discardShareSet(origin.shareSetId);
  }

  /** New phrases left unchecked go after the same idle time as share sets. */
  #sweepDrafts(): void {
    const cutoff = this.#now() - this.#shareSetTtlMs;
    for (const [id, entry] of this.#drafts) {
      if (entry.touched <= cutoff) this.discardPhrase(id);
    }
  }

  #shareSet(shareSetId: string): ShareSet {
    this.#sweepShareSets();
    const entry = this.#shareSets.get(shareSetId);
    if (!entry) {
      throw new LifeboatError(
        'not-found',
        'Those shares are no longer in memory. Enter them again.',
      );
    }
    entry.touched = this.#now();
    return entry.set;
  }

  #sweepShareSets(): void {
    const cutoff = this.#now() - this.#shareSetTtlMs;
    for (const [id, entry] of this.#shareSets) {
      if (entry.touched <= cutoff) this.discardShareSet(id);
    }
  }
}

function wipeOrigin(origin: Extract<Origin, { kind: 'bip39' }>): void {
  origin.phrase.fill(0);
  origin.passphrase.fill(0);
}

function shareNotPhrase(): LifeboatError {
  return new LifeboatError(
    'wrong-input-kind',
    'This is a SLIP-39 Shamir share, not a recovery phrase: enter it as a share.',
  );
}
