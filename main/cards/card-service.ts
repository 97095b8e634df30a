// The card operations of window.lifeboat.cards, in plain data: sessions live here behind
// opaque ids, one per reader, and every answer is a view that holds no secret. The IPC
// layer maps its handlers onto these methods one to one; the CLI uses them too. Cards are
// reached only through the family seam: what a card can do is asked of its capabilities.
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import type {
  AccountView,
  Attestation,
  CardCapability,
  CardEvent,
  CardKeyView,
  CardSessionView,
  CardStatus,
  FactoryResetConfirmation,
  Scheme,
  UnblockOutcome,
  UnlockOutcome,
} from '../../preload/api';
import type { ErrorCode } from '../../preload/errors';
import { LifeboatError, isLifeboatError } from '../errors';
import { Listeners } from '../listeners';
import { schemePath } from '../secrets/derivation';
import { addressOfPublicKey, deriveAddresses } from './addresses';
import { cardDrivers, type DriverOptions } from './drivers';
import {
  FamilyRegistry,
  type BackupSecret,
  type BackupSecretHeader,
  type BackupSecrets,
  type CardDriver,
  type CardSession,
  type SetUpRequest,
  type SignResult,
  type WalletKeys,
} from './family';
import type { ReaderEvent, Readers } from './readers';
import type { SecretInput } from './secret-input';

export const FACTORY_RESET_CONFIRMATION: FactoryResetConfirmation = 'FACTORY RESET';

export interface CardServiceOptions extends DriverOptions {
  readers: Readers;
  /** The families to recognise, in order; the built-in drivers when omitted. */
  drivers?: readonly CardDriver[];
}

export interface CardSignature {
  /** 0x r ‖ s ‖ v (v = 27 + recoveryId), low-S. */
  signature: string;
  recoveryId: number;
  /** EIP-55 address of the signing key. */
  address: string;
  /** Uncompressed signer key, hex. */
  publicKey: string;
  path: string;
}

interface Entry {
  id: string;
  reader: string;
  cardSeq: number;
  session: CardSession;
  status?: CardStatus;
  attestation?: Attestation;
}

type CloseReason = Extract<CardEvent, { type: 'session-closed' }>['reason'];

const MAX_REMEMBERED_CLOSURES = 64;

/** Failures after which the card connection is unusable and the session must be opened again. */
const CONNECTION_LOST: Partial<Record<ErrorCode, CloseReason>> = {
  'card-removed': 'card-removed',
  'no-card': 'card-removed',
  'reader-not-found': 'reader-removed',
  'no-service': 'service-lost',
  'card-reset': 'closed',
  'card-timeout': 'closed',
  'card-mute': 'closed',
  'reader-error': 'closed',
};

export class CardService {
  private readonly entries = new Map<string, Entry>();
  private readonly events = new Listeners<CardEvent>();
  private readonly opening = new Map<string, Promise<unknown>>();
  private readonly closedBecause = new Map<string, CloseReason>();
  private readonly stopWatching: () => void;
  private readonly registry: FamilyRegistry;

  constructor(private readonly options: CardServiceOptions) {
    this.registry = new FamilyRegistry(options.drivers ?? cardDrivers(options));
    this.stopWatching = options.readers.onEvent((event) => void this.onReaderEvent(event));
  }

  onEvent(listener: (event: CardEvent) => void): () => void {
    return this.events.on(listener);
  }

  /**
   * Connects to the card in `reader` and SELECTs it; reuses a live session for the same card.
   * Opens of one reader run one after the other, so two at once share one session instead of
   * colliding on the reader.
   */
  open(reader: string): Promise<CardSessionView> {
    const previous = this.opening.get(reader) ?? Promise.resolve();
    const run = previous.then(
      () => this.openNow(reader),
      () => this.openNow(reader),
    );
    const settled = run.catch(() => undefined);
    this.opening.set(reader, settled);
    void settled.then(() => {
      if (this.opening.get(reader) === settled) this.opening.delete(reader);
    });
    return run;
  }

  private async openNow(reader: string): Promise<CardSessionView> {
    const cardSeq = this.cardSeq(reader);
    const existing = [...this.entries.values()].find((e) => e.reader === reader);
    if (existing && existing.cardSeq === cardSeq && !existing.session.channel.closed)
      return this.view(existing);
    if (existing) await this.drop(existing, 'closed');
    const session = await this.select(reader);
    const entry: Entry = { id: bytesToHex(randomBytes(16)), reader, cardSeq, session };
    this.entries.set(entry.id, entry);
    return this.changed(entry);
  }

  list(): CardSessionView[] {
    return [...this.entries.values()].map((e) => this.view(e));
  }

  view(entryOrId: Entry | string): CardSessionView {
    const entry = typeof entryOrId === 'string' ? this.entry(entryOrId) : entryOrId;
    const { session } = entry;
    return {
      sessionId: entry.id,
      reader: entry.reader,
      cardSeq: entry.cardSeq,
      info: session.info,
      ...(entry.attestation ? { attestation: entry.attestation } : {}),
      paired: session.connected,
      ...(entry.status ? { status: { ...entry.status } } : {}),
      unlocked: session.unlocked,
    };
  }

  /** Attestation with a fresh challenge against the trusted CA list. */
  identify(sessionId: string): Promise<Attestation> {
    return this.run(sessionId, async (entry) => {
      this.require(entry, 'attest');
      const attestation = await entry.session.attest();
      entry.attestation = attestation;
      this.changed(entry);
      return attestation;
    });
  }

  /**
   * Opens the secure channel; where the family pairs: the saved pairing, else
   * `pairingPassword`, else the default password. Fails with `wrong-pairing-password` when
   * the person has to be asked. `remember` keeps a new pairing for this computer even where
   * the card offers one that ends with the session.
   */
  pair(
    sessionId: string,
    pairingPassword?: SecretInput,
    options: { remember?: boolean } = {},
  ): Promise<CardSessionView> {
    return this.run(sessionId, async (entry) => {
      if (!entry.session.connected) {
        entry.status = await entry.session.connect({
          ...(pairingPassword === undefined ? {} : { pairingPassword }),
          ...(options.remember === undefined ? {} : { remember: options.remember }),
        });
      }
      return this.changed(entry);
    });
  }

  /** The retry counters and key state, read fresh from the card. */
  status(sessionId: string): Promise<CardSessionView> {
    return this.run(sessionId, async (entry) => {
      entry.status = await entry.session.status();
      return this.changed(entry);
    });
  }

  unlock(sessionId: string, pin: SecretInput): Promise<UnlockOutcome> {
    return this.run(sessionId, async (entry) => {
      const status = await this.knownStatus(entry);
      if (status.pinTries === 0) return { unlocked: false, pinTries: 0 };
      try {
        await entry.session.verifyPin(pin);
      } catch (error) {
        if (isLifeboatError(error, 'wrong-pin') || isLifeboatError(error, 'pin-blocked')) {
          const pinTries = Number(error.details?.triesLeft ?? 0);
          entry.status = { ...status, pinTries };
          this.changed(entry);
          return { unlocked: false, pinTries };
        }
        throw error;
      }
      // A correct PIN resets its counter to the card's limit, which only the card knows.
      entry.status = await entry.session.status();
      return { unlocked: true, session: this.changed(entry) };
    });
  }

  /**
   * UNBLOCK PIN with the PUK; only while the PIN is blocked (`pin-not-blocked` otherwise).
   * `newPin` where the family sets one when unblocking (`rules.unblockSetsPin`).
   */
  unblock(sessionId: string, puk: SecretInput, newPin?: SecretInput): Promise<UnblockOutcome> {
    return this.run(sessionId, async (entry) => {
      this.require(entry, 'unblock');
      const status = await this.knownStatus(entry);
      if (status.pukTries === 0) return { unblocked: false, pukTries: 0 };
      if (status.pinTries > 0)
        throw new LifeboatError(
          'pin-not-blocked',
          'The PIN is not blocked, so there is nothing to unblock.',
        );
      try {
        await entry.session.unblockPin(puk, newPin);
      } catch (error) {
        if (isLifeboatError(error, 'wrong-puk') || isLifeboatError(error, 'puk-blocked')) {
          const pukTries = Number(error.details?.triesLeft ?? 0);
          entry.status = { ...status, pukTries };
          this.changed(entry);
          return { unblocked: false, pukTries };
        }
        if (isLifeboatError(error, 'card-wiped')) {
          // The card is blank now: nothing known of the old one still holds.
          delete entry.status;
          delete entry.attestation;
          this.changed(entry);
        }
        throw error;
      }
      entry.status = await entry.session.status();
      return { unblocked: true, session: this.changed(entry) };
    });
  }

  /** `currentPin` where the family asks for it (`rules.changePinAsksCurrent`). */
  changePin(
    sessionId: string,
    newPin: SecretInput,
    currentPin?: SecretInput,
  ): Promise<CardSessionView> {
    return this.run(sessionId, async (entry) => {
      this.require(entry, 'change-pin');
      try {
        await entry.session.changePin(newPin, currentPin);
      } catch (error) {
        // Where the current PIN is sent again, a wrong one costs a try like VERIFY PIN.
        if (isLifeboatError(error, 'wrong-pin') || isLifeboatError(error, 'pin-blocked')) {
          const status = await this.knownStatus(entry);
          entry.status = { ...status, pinTries: Number(error.details?.triesLeft ?? 0) };
          this.changed(entry);
        }
        throw error;
      }
      return this.changed(entry);
    });
  }

  changePuk(sessionId: string, newPuk: SecretInput): Promise<CardSessionView> {
    return this.run(sessionId, async (entry) => {
      this.require(entry, 'change-puk');
      await entry.session.changePuk(newPuk);
      return this.changed(entry);
    });
  }

  /** Sets up a blank card, connects to it (saving a pairing where the family pairs) and unlocks it. */
  initialize(sessionId: string, request: SetUpRequest): Promise<CardSessionView> {
    return this.run(sessionId, async (entry) => {
      entry.status = await entry.session.setUp(request);
      return this.changed(entry);
    });
  }

  /** A key made on the card: it has no recovery phrase, so it can never be backed up. */
  generateKey(sessionId: string, options: { replace?: boolean } = {}): Promise<CardKeyView> {
    return this.run(sessionId, async (entry) => {
      const keys = this.keysOf(entry, 'generate-key');
      if (!keys.generateKey) throw notSupported('generate-key');
      await this.refuseToReplace(entry, options.replace === true);
      await keys.generateKey();
      return this.keyView(entry, keys);
    });
  }

  /** Puts the wallet of a BIP-32 seed (e.g. a rebuilt one) on the card. */
  importSeed(
    sessionId: string,
    seed: Uint8Array,
    options: { replace?: boolean } = {},
  ): Promise<CardKeyView> {
    return this.run(sessionId, async (entry) => {
      const keys = this.keysOf(entry, 'import-seed');
      await this.refuseToReplace(entry, options.replace === true);
      await keys.importSeed(seed);
      return this.keyView(entry, keys);
    });
  }

  accounts(
    sessionId: string,
    query: { scheme: Scheme; start: number; count: number },
  ): Promise<AccountView[]> {
    return this.run(sessionId, async (entry) => {
      const derived = await deriveAddresses(this.keysOf(entry, 'accounts'), query.scheme, query);
      return derived.map((a) => ({ scheme: query.scheme, ...a }));
    });
  }

  /** Signs a 32-byte hash with the key at `path` (for main's own signers, never the renderer). */
  sign(sessionId: string, hash: Uint8Array, path: string): Promise<CardSignature> {
    return this.run(sessionId, async (entry) =>
      signatureView(await this.keysOf(entry, 'sign').sign(hash, path), path),
    );
  }

  /** What an unlocked backup card keeps: labels, kinds and fingerprints, never a secret. */
  listBackups(sessionId: string): Promise<BackupSecretHeader[]> {
    return this.run(sessionId, (entry) => this.backupsOf(entry).list());
  }

  /** Keeps `secret` on the backup card; readable in plain form later only when `exportable`. */
  storeBackup(
    sessionId: string,
    label: string,
    secret: BackupSecret,
    options: { exportable: boolean },
  ): Promise<BackupSecretHeader> {
    return this.run(sessionId, (entry) => this.backupsOf(entry).store(label, secret, options));
  }

  /** A secret read from the backup card; its byte fields are the caller's to wipe. */
  readBackup(sessionId: string, id: number): Promise<BackupSecret> {
    return this.run(sessionId, (entry) => this.backupsOf(entry).read(id));
  }

  /**
   * Frees a pairing slot (needs the PIN): by default this computer's own, whose saved
   * pairing is then forgotten; this session stays usable until it is closed.
   */
  unpair(sessionId: string, index?: number): Promise<CardSessionView> {
    return this.run(sessionId, async (entry) => {
      const slots = entry.session.pairingSlots;
      if (!slots || !entry.session.info.capabilities.includes('unpair'))
        throw notSupported('unpair');
      await slots.unpair(index);
      return this.changed(entry);
    });
  }

  /** Wipes the card (keys, PIN, PUK, pairings) after the typed confirmation. */
  factoryReset(sessionId: string, confirmation: string): Promise<CardSessionView> {
    return this.run(sessionId, async (entry) => {
      if (confirmation !== FACTORY_RESET_CONFIRMATION) {
        throw new LifeboatError(
          'confirmation-mismatch',
          `Type ${FACTORY_RESET_CONFIRMATION} exactly to confirm.`,
        );
      }
      this.require(entry, 'factory-reset');
      await entry.session.factoryReset();
      delete entry.status;
      delete entry.attestation;
      return this.changed(entry);
    });
  }

  /**
   * The card's own id, by which a card of a wallet's set is known again; `not-supported`
   * where the family has none.
   */
  instanceId(sessionId: string): Promise<string> {
    return this.run(sessionId, async (entry) => {
      if (!entry.session.instanceId)
        throw new LifeboatError('not-supported', 'This card has no id Lifeboat can read.');
      return entry.session.instanceId();
    });
  }

  /**
   * Random bytes from the card's own generator for a new wallet's entropy, or undefined
   * where the family has no command that gives them without keeping anything.
   */
  randomBytes(sessionId: string): Promise<Uint8Array | undefined> {
    return this.run(sessionId, async (entry) => entry.session.randomBytes?.());
  }

  /**
   * Runs `work` on the card's session with the service's error handling, for main-side
   * callers that need what this facade does not wrap (e.g. a family's own facets).
   */
  withSession<T>(sessionId: string, work: (session: CardSession) => Promise<T>): Promise<T> {
    return this.run(sessionId, (entry) => work(entry.session));
  }

  /** Releases the card; the PC/SC layer resets it, so no verified PIN stays behind. */
  async close(sessionId: string): Promise<void> {
    const entry = this.entries.get(sessionId);
    if (entry) await this.drop(entry, 'closed');
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => this.drop(e, 'closed')));
  }

  /** Closes every session and stops listening to the readers. */
  async dispose(): Promise<void> {
    this.stopWatching();
    await this.closeAll();
    this.events.clear();
  }

  private entry(sessionId: string): Entry {
    const entry = this.entries.get(sessionId);
    if (entry) return entry;
    // A card pulled mid-operation closes its session as soon as pcscd reports it, which can
    // be before the operation's next command fails; the caller still learns why.
    const reason = this.closedBecause.get(sessionId);
    if (reason === 'card-removed') {
      throw new LifeboatError(
        'card-removed',
        'The card was removed from the reader. Put it back in and unlock it again.',
      );
    }
    if (reason === 'reader-removed' || reason === 'service-lost') {
      throw new LifeboatError(reason === 'service-lost' ? 'no-service' : 'reader-not-found');
    }
    throw new LifeboatError('not-found', 'That card session is closed. Open the card again.');
  }

  private async run<T>(sessionId: string, work: (entry: Entry) => Promise<T>): Promise<T> {
    const entry = this.entry(sessionId);
    try {
      return await work(entry);
    } catch (error) {
      if (isLifeboatError(error, 'answer-lost')) this.countersAfterLostAnswer(entry, error);
      const reason = isLifeboatError(error) ? CONNECTION_LOST[error.code] : undefined;
      if (reason) await this.drop(entry, reason);
      throw error;
    }
  }

  /**
   * A PIN or PUK may have been spent without an answer: the counters the card reported
   * after the loss replace the known ones, or, when it could not say, none are known, so the
   * next attempt reads them before anything is sent.
   */
  private countersAfterLostAnswer(entry: Entry, error: LifeboatError): void {
    const { pinTries, pukTries, keyInitialized } = error.details ?? {};
    if (
      typeof pinTries === 'number' &&
      typeof pukTries === 'number' &&
      typeof keyInitialized === 'boolean'
    ) {
      entry.status = { pinTries, pukTries, keyInitialized };
    } else {
      delete entry.status;
    }
    this.changed(entry);
  }

  private changed(entry: Entry): CardSessionView {
    const session = this.view(entry);
    this.events.emit({ type: 'session-changed', session });
    return session;
  }

  private async knownStatus(entry: Entry): Promise<CardStatus> {
    entry.status ??= await entry.session.status();
    return entry.status;
  }

  /** Connects to the card in `reader` and opens the session of the family it belongs to. */
  private async select(reader: string): Promise<CardSession> {
    const channel = await this.options.readers.connect(reader);
    try {
      return await this.registry.open(channel, {
        reconnect: () => this.options.readers.connect(reader),
      });
    } catch (error) {
      await channel.close().catch(() => undefined);
      throw error;
    }
  }

  private require(entry: Entry, capability: CardCapability): void {
    if (!entry.session.info.capabilities.includes(capability)) throw notSupported(capability);
  }

  private keysOf(entry: Entry, capability: CardCapability): WalletKeys {
    const keys = entry.session.keys;
    if (!keys && entry.session.backupSecrets)
      throw new LifeboatError('not-a-wallet-card', undefined, { reader: entry.reader });
    if (!keys || !entry.session.info.capabilities.includes(capability))
      throw notSupported(capability);
    return keys;
  }

  private backupsOf(entry: Entry): BackupSecrets {
    const backups = entry.session.backupSecrets;
    if (!backups) throw new LifeboatError('not-a-backup-card', undefined, { reader: entry.reader });
    if (!entry.session.info.capabilities.includes('backup-secrets'))
      throw notSupported('backup-secrets');
    return backups;
  }

  private async refuseToReplace(entry: Entry, replace: boolean): Promise<void> {
    const status = await this.knownStatus(entry);
    if (status.keyInitialized && !replace) {
      throw new LifeboatError('key-present', 'This card already holds a wallet key.');
    }
  }

  private async keyView(entry: Entry, keys: WalletKeys): Promise<CardKeyView> {
    const keyUid = entry.session.info.keyUid;
    if (!keyUid) throw new LifeboatError('no-key', 'The card has no wallet key loaded.');
    entry.status = { ...(await this.knownStatus(entry)), keyInitialized: true };
    const address = addressOfPublicKey(await keys.exportPublicKey(schemePath('bip44', 0)));
    this.changed(entry);
    return { keyUid, address };
  }

  private cardSeq(reader: string): number {
    const view = this.options.readers.snapshot().readers.find((r) => r.name === reader);
    if (!view)
      throw new LifeboatError('reader-not-found', 'That card reader is not connected.', { reader });
    return view.cardSeq;
  }

  private async drop(entry: Entry, reason: CloseReason): Promise<void> {
    if (this.entries.get(entry.id) !== entry) return;
    this.entries.delete(entry.id);
    this.closedBecause.set(entry.id, reason);
    // Only the most recent closures matter; keep the map from growing without bound.
    for (const id of this.closedBecause.keys()) {
      if (this.closedBecause.size <= MAX_REMEMBERED_CLOSURES) break;
      this.closedBecause.delete(id);
    }
    await entry.session.close().catch(() => undefined);
    this.events.emit({ type: 'session-closed', sessionId: entry.id, reader: entry.reader, reason });
  }

  private async onReaderEvent(event: ReaderEvent): Promise<void> {
    const reasons: Partial<Record<ReaderEvent['type'], CloseReason>> = {
      'card-removed': 'card-removed',
      'reader-removed': 'reader-removed',
      'service-lost': 'service-lost',
    };
    const reason = reasons[event.type];
    if (!reason) return;
    const affected = [...this.entries.values()].filter(
      (e) => event.type === 'service-lost' || ('reader' in event && e.reader === event.reader),
    );
    await Promise.all(affected.map((e) => this.drop(e, reason)));
  }
}

function notSupported(capability: CardCapability): LifeboatError {
  return new LifeboatError('not-supported', 'This card cannot do that.', { capability });
}

function signatureView(result: SignResult, path: string): CardSignature {
  return {
    signature: `0x${bytesToHex(result.signature65)}`,
    recoveryId: result.recoveryId,
    address: addressOfPublicKey(result.publicKey),
    publicKey: bytesToHex(result.publicKey),
    path,
  };
}
