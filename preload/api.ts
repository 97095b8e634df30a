// The contract between the console (renderer) and main: `window.lifeboat`.
//
// One intent-level method per operation, plain data in and out, failures as data, events
// through subscribe functions. There is deliberately no generic `invoke`, no raw APDU and
// nothing that returns a secret or a signed-but-unsent transaction: the renderer is the least
// trusted process and only ever sees addresses, balances, fees, opaque ids and progress.
//
// This file holds only types and the one frozen method table that the preload, the browser
// harness and main all read, so a method, its channel and its argument shape cannot drift
// apart. It must type-check with DOM-only libs (no Node types) because the renderer imports it.
import type { ErrorCode } from './errors';

// ─── Results, errors, events ────────────────────────────────────────────────────────────────

export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export interface ApiError {
  code: ErrorCode;
  /** Plain words for a person; `ERROR_HELP[code]` holds the longer help text. */
  message: string;
  details?: ErrorDetails;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export type Unsubscribe = () => void;

/** Amounts cross the bridge as decimal strings in base units (wei, token units): no floats. */
export type BaseUnits = string;
/** Timestamps are ISO 8601 strings in UTC. */
export type IsoDate = string;

// ─── Readers ────────────────────────────────────────────────────────────────────────────────

export interface ReaderView {
  name: string;
  state: 'waiting-for-card' | 'card-present' | 'connected' | 'error';
  /** Hex ATR of the card in the reader, when there is one. */
  atr?: string;
  error?: ErrorCode;
  /** Increases on every insertion and removal, so a stale card view can be recognised. */
  cardSeq: number;
}

export interface ReadersSnapshot {
  /** `no-service`: pcscd is not running; `no-reader`: it runs but no reader is plugged in. */
  state: 'no-service' | 'no-reader' | 'ready';
  readers: ReaderView[];
}

// ─── Cards ──────────────────────────────────────────────────────────────────────────────────

/** The card families Lifeboat speaks to; each is recognised by SELECT of its applet. */
export type CardFamily = 'keycard' | 'satochip' | 'seedkeeper';

/** What a PIN or PUK may be, so the console and the CLI can name a mistake before the card does. */
export interface SecretRule {
  /** Lengths in bytes of the UTF-8 text (for digits, the number of digits). */
  minLength: number;
  maxLength: number;
  /** `digits`: ASCII 0–9 only; `any`: any characters. */
  alphabet: 'digits' | 'any';
}

/** The try counts a set-up may choose; `default` is what the card gets when nobody chooses. */
export interface TriesRule {
  min: number;
  max: number;
  default: number;
}

/** A family's credentials, as data: callers read these instead of assuming a Keycard. */
export interface CredentialRules {
  pin: SecretRule;
  /** The code that unblocks a blocked PIN (a Keycard's PUK); null where the family has none. */
  puk: SecretRule | null;
  /** True where a computer pairs with the card (with a pairing password) before the PIN. */
  pairing: boolean;
  pinTries: TriesRule;
  pukTries: TriesRule | null;
  /** Changing the PIN presents the current one to the card again (a wrong one costs a try). */
  changePinAsksCurrent: boolean;
  /** Unblocking sets a new PIN; false where the PIN keeps its value and only gets its tries back. */
  unblockSetsPin: boolean;
  /** What the last wrong PUK does: the card stays locked for good, or it erases itself. */
  pukExhausted: 'locked' | 'wiped';
}

/** What a card can do, so callers ask "can this card sign?" rather than "is this a Keycard?". */
export type CardCapability =
  /** Prove that it is genuine. */
  | 'attest'
  /** Give public keys of a wallet, so its accounts can be listed. */
  | 'accounts'
  | 'sign'
  /** Take a wallet from a BIP-32 seed. */
  | 'import-seed'
  /** Make a wallet key on the card (one that has no recovery phrase). */
  | 'generate-key'
  | 'change-pin'
  | 'change-puk'
  | 'unblock'
  /** Free this computer's pairing slot. */
  | 'unpair'
  | 'factory-reset'
  /** A second PIN that opens a decoy wallet. */
  | 'duress-pin'
  /** A backup card: store, list and read labelled secrets. */
  | 'backup-secrets';

interface CardInfoCommon {
  /** Applet version, e.g. "3.1"; empty when a blank card does not report it. */
  version: string;
  /** False for a blank card that has no PIN yet. */
  initialized: boolean;
  /** Hex SHA-256 of the master public key: the wallet fingerprint. Absent without a key. */
  keyUid?: string;
  /**
   * True where the card holds a wallet key whose `keyUid` it shows only once unlocked (a
   * Satochip); elsewhere a key is there exactly when `keyUid` is.
   */
  keyLoaded?: boolean;
  rules: CredentialRules;
  capabilities: CardCapability[];
}

export interface KeycardInfo extends CardInfoCommon {
  family: 'keycard';
  /** Hex; changes on factory reset. Pairings are remembered per instance UID. */
  instanceUid: string;
  freePairingSlots?: number;
}

export interface SatochipInfo extends CardInfoCommon {
  family: 'satochip';
}

export interface SeedkeeperInfo extends CardInfoCommon {
  family: 'seedkeeper';
}

export type CardInfo = KeycardInfo | SatochipInfo | SeedkeeperInfo;

export interface CardStatus {
  pinTries: number;
  pukTries: number;
  keyInitialized: boolean;
}

/** `needs-unlock`: the card shows its certificate only once set up and unlocked; ask again then. */
export type AttestationVerdict =
  'genuine' | 'unknown-issuer' | 'no-certificate' | 'invalid' | 'needs-unlock';

export interface Attestation {
  verdict: AttestationVerdict;
  /** Plain words explaining the verdict. */
  explanation: string;
  /** Hex compressed public key of the certificate issuer, when it could be recovered. */
  caPublicKey?: string;
}

/** One open connection to one card in one reader, behind an opaque `sessionId`. */
export interface CardSessionView {
  sessionId: string;
  reader: string;
  /** The reader's `cardSeq` when the session was opened. */
  cardSeq: number;
  info: CardInfo;
  attestation?: Attestation;
  paired: boolean;
  /** Known once paired: the tries left are shown before every PIN attempt. */
  status?: CardStatus;
  unlocked: boolean;
}

export type UnlockOutcome =
  | { unlocked: true; session: CardSessionView }
  /** `pinTries` 0 means the PIN is now blocked and only the PUK can unblock it. */
  | { unlocked: false; pinTries: number };

export type UnblockOutcome =
  | { unblocked: true; session: CardSessionView }
  /** `pukTries` 0 means the PUK is blocked: the card can no longer be unlocked. */
  | { unblocked: false; pukTries: number };

export interface CardKeyView {
  keyUid: string;
  /** The first BIP-44 account (m/44'/60'/0'/0/0), EIP-55. */
  address: string;
}

/** Typed by the person before a factory reset; main refuses anything else. */
export type FactoryResetConfirmation = 'FACTORY RESET';

export type CardEvent =
  | { type: 'session-changed'; session: CardSessionView }
  | {
      type: 'session-closed';
      sessionId: string;
      reader: string;
      reason: 'closed' | 'card-removed' | 'reader-removed' | 'service-lost' | 'factory-reset';
    };

// ─── Accounts and derivation ────────────────────────────────────────────────────────────────

/** BIP-44 m/44'/60'/0'/0/i, Ledger Live m/44'/60'/i'/0/0, Ledger legacy m/44'/60'/0'/i. */
export type Scheme = 'bip44' | 'ledger-live' | 'legacy';

export interface AccountView {
  scheme: Scheme;
  index: number;
  path: string;
  /** EIP-55 checksummed. */
  address: string;
}

/** Where keys come from: an unlocked card session, or a rebuilt secret held in main. */
export type SourceRef = { kind: 'card'; sessionId: string } | { kind: 'secret'; secretId: string };

// ─── Secrets (SLIP-39 shares, BIP-39 phrases) ───────────────────────────────────────────────

export type RecoveryKind = 'slip39' | 'bip39';

export interface WordCheck {
  /** 0-based position in the text. */
  index: number;
  word: string;
  /** `prefix`: not a word yet but the start of at least one. */
  status: 'valid' | 'prefix' | 'invalid';
  /** The unique word this resolves to (SLIP-39 words are unique by their first four letters). */
  completion?: string;
}

export interface WordsCheck {
  kind: RecoveryKind | 'unknown';
  words: WordCheck[];
}

/** Why a share or phrase was not accepted, pinpointed where possible. */
export interface RecoveryProblem {
  code: ErrorCode;
  message: string;
  /** For a share from another backup: the header field that differs, e.g. "identifier". */
  field?: string;
  /** 0-based index of the word that is probably wrong. */
  wordIndex?: number;
}

export interface GroupProgress {
  groupIndex: number;
  memberThreshold: number;
  entered: number;
  complete: boolean;
}

export interface ShareSetProgress {
  sharesEntered: number;
  /** Null until the first share is accepted. */
  groupThreshold: number | null;
  groupCount: number | null;
  /** The groups that have at least one share. */
  groups: GroupProgress[];
  groupsComplete: number;
  /** True when `combine` can be called. */
  complete: boolean;
}

export interface ShareCheck {
  accepted: boolean;
  problem?: RecoveryProblem;
  /** Where the accepted share sits in the backup. */
  share?: { groupIndex: number; memberIndex: number };
  progress: ShareSetProgress;
}

export interface PhraseCheck {
  valid: boolean;
  problem?: RecoveryProblem;
  words: WordCheck[];
}

/** A secret rebuilt and held in main's vault. Never the secret itself. */
export interface SecretView {
  secretId: string;
  kind: RecoveryKind;
  keyUid: string;
  /** The first five BIP-44 addresses, EIP-55. */
  addresses: string[];
}

/**
 * A recovery phrase made in main for a key about to be created. It is the one secret that
 * crosses to the console, once, because the person has to write it down; the console shows it
 * and forgets it when it moves on to the check.
 */
export interface NewPhrase {
  draftId: string;
  words: string[];
  /** 0-based positions of the words the person types back to prove the phrase is written down. */
  check: number[];
}

export type PhraseConfirmation =
  | { confirmed: true; secret: SecretView }
  /** The positions (0-based, from `check`) whose typed word was not right. */
  | { confirmed: false; wrong: number[] };

/** One share of a rebuilt Shamir backup, by its place in the set and in the backup. */
export interface ShareRef {
  /** 0-based, in the order the shares were accepted. */
  index: number;
  groupIndex: number;
  memberIndex: number;
}

export type SecretsEvent =
  | { type: 'combine-progress'; shareSetId: string; done: number; total: number }
  | { type: 'secret-released'; secretId: string; reason: 'released' | 'expired' };

// ─── Backup cards ───────────────────────────────────────────────────────────────────────────

/** What a backup card keeps: `other` is a kind of secret Lifeboat does not open. */
export type BackupKind = 'bip39' | 'master-seed' | 'slip39-share' | 'other';

export interface BackupSecretView {
  /** The card's own id of the secret. */
  id: number;
  label: string;
  kind: BackupKind;
  /** Hex fingerprint the card reports, to tell secrets apart without reading them. */
  fingerprint: string;
  /** Whether the card gives it back in plain form, so that Lifeboat can open it. */
  exportable: boolean;
}

// ─── Discovery ──────────────────────────────────────────────────────────────────────────────

export interface DiscoveryRequest {
  source: SourceRef;
  /** Ids from `Settings.networks`; the enabled networks when omitted. */
  networkIds?: string[];
  /** The preference when omitted. */
  schemes?: Scheme[];
  /** Consecutive unused addresses after which a scheme stops being scanned. */
  gapLimit?: number;
}

export interface AssetBalance {
  /** `native`, or the token's EIP-55 contract address. */
  asset: string;
  symbol: string;
  decimals: number;
  balance: BaseUnits;
}

export interface NetworkBalances {
  networkId: string;
  nonce: number;
  assets: AssetBalance[];
}

export interface DiscoveredAccount extends AccountView {
  balances: NetworkBalances[];
}

export interface DiscoveryResult {
  discoveryId: string;
  source: SourceRef;
  /** Only the accounts found in use. */
  accounts: DiscoveredAccount[];
  scanned: { schemes: Scheme[]; networkIds: string[]; addresses: number; tokens: number };
}

/** Whether a wallet was ever used, for telling a wrong passphrase from the right one. */
export interface WalletHistory {
  /** The search behind the answer, on the enabled networks. */
  discovery: DiscoveryResult;
  /** Some balance or a transaction (nonce above 0) on a network searched. */
  used: boolean;
  /** The remembered wallet with this fingerprint, with its drill results. */
  remembered?: WalletRecord;
}

export interface DiscoveryProgress {
  source: SourceRef;
  scheme: Scheme;
  networkId: string;
  scanned: number;
  found: number;
}

// ─── Sending and sweeping ───────────────────────────────────────────────────────────────────

export interface FeeQuote {
  maxFeePerGas: BaseUnits;
  maxPriorityFeePerGas: BaseUnits;
  gasLimit: BaseUnits;
  /** The most this can cost in the native coin (plus `l1Fee` on OP-stack networks). */
  maxCost: BaseUnits;
  l1Fee?: BaseUnits;
}

export interface TransferRequest {
  /** The discovery that found `from`; it also names the source that will sign. */
  discoveryId: string;
  from: string;
  networkId: string;
  to: string;
  /** `native` or a token contract address. */
  asset: string;
  /** `max`: everything the account holds of the asset, less the fee when it is the native coin. */
  amount: BaseUnits | 'max';
}

export interface TransferPlan {
  planId: string;
  networkId: string;
  from: string;
  to: string;
  asset: string;
  symbol: string;
  decimals: number;
  amount: BaseUnits;
  fee: FeeQuote;
}

export interface TransferReceipt {
  txHash: string;
  blockNumber: number;
  explorerUrl?: string;
}

export type Destination =
  | { kind: 'address'; address: string }
  /** A card or rebuilt secret the person holds: its first BIP-44 account receives. */
  | SourceRef;

export interface SweepRequest {
  discoveryId: string;
  destination: Destination;
  /** Limit the sweep to these source addresses; every account found when omitted. */
  addresses?: string[];
  networkIds?: string[];
  /** The fee cap per gas in wei; a plan above it is refused with `fee-cap-exceeded`. */
  maxFeePerGas?: BaseUnits;
  /** Pay missing gas from the destination (which must then be a card or secret). */
  allowTopUp?: boolean;
}

export interface SweepStepView {
  index: number;
  kind: 'token' | 'native' | 'top-up';
  networkId: string;
  /** Who sends the step: for a Safe's step the Safe (whose funds move), not the executor. */
  from: string;
  to: string;
  asset: string;
  symbol: string;
  decimals: number;
  amount: BaseUnits;
  fee: FeeQuote;
}

export interface AssetOutcome {
  networkId: string;
  /** The source account the asset leaves. */
  account: string;
  asset: string;
  symbol: string;
  decimals: number;
  moved: BaseUnits;
  expectedRemainder: BaseUnits;
  /** Filled in by the final verification of a case. */
  actualRemainder?: BaseUnits;
}

/**
 * Why a plan leaves something behind or needs something first. The console and the command
 * line put each code into their own words, with `params`:
 * - `destination-is-contract` (symbol), `destination-delegated` (delegate, symbol): the
 *   destination runs code on receipt, so some of the coin stays behind;
 * - `token-refused` (symbol): simulating the transfer fails, the token stays;
 * - `top-up-needed` (fees, topUp, symbol, decimals): tokens cannot pay their gas and the
 *   destination cannot sign a top-up; `top-up-not-allowed` (topUp, …): it could, if allowed;
 *   `top-up-short` (topUp, available, …): the destination holds too little;
 * - `native-refused` (symbol): the destination's code refuses the coin;
 *   `native-below-fee` (symbol): the coin left is less than the fee to move it;
 * - `remainder-expected` (amount, symbol, decimals, cause: contract | l1-fee | measured-gas).
 */
export type PlanWarningCode =
  | 'destination-is-contract'
  | 'destination-delegated'
  | 'token-refused'
  | 'top-up-needed'
  | 'top-up-not-allowed'
  | 'top-up-short'
  | 'native-refused'
  | 'native-below-fee'
  | 'remainder-expected';

export interface PlanWarning {
  code: PlanWarningCode;
  networkId: string;
  /** The source account the warning is about, when it is about one. */
  account?: string;
  params: Record<string, string>;
}

export interface NetworkFeeView {
  networkId: string;
  symbol: string;
  decimals: number;
  /** The most the network's steps cost at today's fee. */
  maxCost: BaseUnits;
  /** Today's fee per gas (wei). */
  maxFeePerGas: BaseUnits;
  /** The fee cap per gas (wei): no signature, replacements included, ever goes above it. */
  cap: BaseUnits;
  /** The most the network's steps can cost if every one is signed at the cap. */
  maxCostAtCap: BaseUnits;
}

export interface SweepPlanView {
  planId: string;
  destination: string;
  steps: SweepStepView[];
  assets: AssetOutcome[];
  /** Summed per network, in the native coin. */
  totalFees: NetworkFeeView[];
  /** The highest fee per gas quoted now, across the networks (wei). */
  maxFeePerGas: BaseUnits;
  warnings: PlanWarning[];
  createdAt: IsoDate;
}

export type StepState =
  'planned' | 'signed' | 'broadcast' | 'included' | 'confirmed' | 'replaced' | 'failed';

export interface CaseStepView {
  index: number;
  state: StepState;
  txHash?: string;
  blockNumber?: number;
  confirmations?: number;
  error?: ApiError;
}

export interface CaseView {
  caseId: string;
  state: 'running' | 'paused' | 'finished' | 'failed';
  plan: SweepPlanView;
  steps: CaseStepView[];
  /** What the person needs to provide to resume: the source's fingerprint and addresses. */
  source: { keyUid?: string; addresses: string[] };
  updatedAt: IsoDate;
  /** Why the case paused or failed last, when it did. */
  stopped?: ApiError;
  /** A Safe sweep: the Safe it empties (its owners sign, see `safes`). */
  safe?: SafeRef;
}

export interface SweepReport {
  caseId: string;
  createdAt: IsoDate;
  finishedAt?: IsoDate;
  destination: string;
  assets: AssetOutcome[];
  /** Included transactions in plan order; `step` is the index of the plan step it carried out. */
  transactions: { networkId: string; from: string; nonce: number; txHash: string; step: number }[];
  scanned: { schemes: Scheme[]; networkIds: string[]; addresses: number; tokens: number };
  /** The same report as readable text, for saving. */
  text: string;
}

export type SweepEvent =
  | { type: 'step'; caseId: string; step: CaseStepView }
  | { type: 'paused'; caseId: string; error: ApiError }
  | { type: 'finished'; caseId: string; report: SweepReport }
  | { type: 'failed'; caseId: string; error: ApiError };

// ─── Shared wallets (Safe) ──────────────────────────────────────────────────────────────────

/** A Safe on a network. */
export interface SafeRef {
  networkId: string;
  /** EIP-55. */
  address: string;
}

/** An owner of a new Safe: a card or rebuilt wallet the person holds (its first account), or another address. */
export type SafeOwnerInput = SourceRef | { kind: 'address'; address: string };

export interface SafeOwnerView {
  address: string;
  /** Which of the sources the console named holds this owner's key. */
  heldBy?: SourceRef;
}

export interface SafeSignatures {
  /** The owners who have signed, in the order they signed. */
  signed: string[];
  /** How many must sign (the Safe's threshold). */
  needed: number;
  owners: string[];
}

/**
 * What a Safe transaction does:
 * - `send`: an amount of the native coin (`asset` = `native`) or of a token from the Safe;
 * - `replace-owner`: a lost owner's key is replaced by another, the threshold stays;
 * - `add-owner`, `remove-owner`: with the threshold afterwards; `change-threshold`.
 */
export type SafeAction =
  | { kind: 'send'; to: string; asset: string; amount: BaseUnits }
  | { kind: 'replace-owner'; old: string; new: string }
  | { kind: 'add-owner'; owner: string; threshold: number }
  | { kind: 'remove-owner'; owner: string; threshold: number }
  | { kind: 'change-threshold'; threshold: number };

/** A Safe transaction waiting for its owners' signatures, held in main for this session. */
export interface SafeProposalView {
  proposalId: string;
  networkId: string;
  safe: string;
  action: SafeAction;
  /** For a payment: the asset's symbol and decimals. */
  asset?: { symbol: string; decimals: number };
  /** The Safe nonce it is signed for: it can be used once. */
  nonce: number;
  safeTxHash: string;
  ownersBefore: string[];
  thresholdBefore: number;
  ownersAfter: string[];
  thresholdAfter: number;
  signatures: SafeSignatures;
}

export interface SafeView extends SafeRef {
  version: string;
  /** In the Safe's own order. */
  owners: SafeOwnerView[];
  threshold: number;
  nonce: number;
  /** The native coin first, then the listed tokens it holds. */
  balances: AssetBalance[];
  /** Transactions proposed in this session and still waiting for signatures. */
  pending: SafeProposalView[];
}

/** The remembered Safes a card or wallet owns; `unread`: those whose network did not answer. */
export interface SafesOwned {
  safes: SafeView[];
  unread: { safe: SafeRef; error: ApiError }[];
}

/** The owner a held card or wallet signs a job's Safe transactions as; null when it is none. */
export interface HolderOwner {
  source: SourceRef;
  owner: string | null;
}

export interface SafeCreateRequest {
  networkId: string;
  owners: SafeOwnerInput[];
  threshold: number;
  /** Pays the gas: its first account sends the deployment. */
  payer: SourceRef;
}

export interface SafeCreatePlan {
  planId: string;
  networkId: string;
  /** Where the new Safe will be, computed before anything is sent. */
  address: string;
  owners: string[];
  threshold: number;
  /** The account that sends the deployment and pays for it. */
  payer: string;
  fee: FeeQuote;
}

export interface SafeSweepRequest {
  networkId: string;
  safe: string;
  destination: Destination;
  /** Sends every Safe transaction and pays its gas; the Safe pays none. */
  payer: SourceRef;
  maxFeePerGas?: BaseUnits;
}

// ─── Backup drills ──────────────────────────────────────────────────────────────────────────

export interface DrillResult {
  at: IsoDate;
  method: 'card' | RecoveryKind;
  passed: boolean;
  /** The fingerprint the backup opened; equal to the wallet's when `passed`. */
  keyUid: string;
  /** The card of the set that was checked, when it is one. */
  memberId?: string;
  /** The share set that was rebuilt, when it is one of the wallet's. */
  shareSetId?: string;
}

/**
 * A wallet remembered by its fingerprint only: key UID and first address, never keys. A
 * wallet Lifeboat made also lists where its copies are: the cards of its set, its shares, its
 * written phrase.
 */
export interface WalletRecord {
  walletId: string;
  label: string;
  keyUid: string;
  firstAddress: string;
  createdAt: IsoDate;
  results: DrillResult[];
  /** `making`: its copies are being made and its test recovery is not done, so no money yet. */
  state: WalletState;
  format: WalletFormat;
  members: SetMember[];
  shareSets: ShareSetRecord[];
  phrase?: PhraseRecord;
}

export type WalletState = 'ready' | 'making';

/**
 * How a wallet is written down: Shamir shares, a recovery phrase, or not at all (`seed`: only
 * the cards of its set hold it). `unknown` for a wallet only remembered, not made here.
 */
export type WalletFormat = 'slip39' | 'bip39' | 'seed' | 'unknown';

/** A card of a wallet's set. Never a secret: the card's id, the person's label and place. */
export interface SetMember {
  memberId: string;
  family: CardFamily;
  /** The card's own id (a Keycard's instance UID), by which Lifeboat knows it again. */
  instanceId: string;
  label: string;
  /** Where the person keeps it, in their own words. */
  place: string;
  addedAt: IsoDate;
  /** Marked lost: it no longer counts as a copy. */
  lostAt?: IsoDate;
}

export interface ShareRecord {
  /** 0-based, as in the share itself. */
  groupIndex: number;
  memberIndex: number;
  holder: 'card' | 'written';
  /** The backup card that keeps it. */
  card?: { family: CardFamily; instanceId: string };
  label: string;
  place: string;
  lostAt?: IsoDate;
}

export interface ShareSetRecord {
  shareSetId: string;
  /** The SLIP-39 identifier every share of the set carries: tells its shares from others. */
  identifier: number;
  groupThreshold: number;
  groups: { threshold: number; count: number }[];
  shares: ShareRecord[];
  createdAt: IsoDate;
  /** A fresh share set replaced this one: its shares are no longer needed. */
  retiredAt?: IsoDate;
}

export interface PhraseRecord {
  words: number;
  place: string;
  createdAt: IsoDate;
  lostAt?: IsoDate;
}

export interface DrillReminder {
  filename: string;
  /** An iCalendar (.ics) file the console offers for saving. */
  ics: string;
}

// ─── Wallets that survive ───────────────────────────────────────────────────────────────────

/** Typed by the person to make a wallet that exists in one copy only. */
export type SingleCopyConfirmation = 'ONE COPY';

export interface ShareLayoutInput {
  /** How many groups rebuild the wallet. */
  groupThreshold: number;
  /** Per group: how many of its shares rebuild it, and how many are made. */
  groups: { threshold: number; count: number }[];
  /** The first shares (group by group) go onto this many backup cards, one each. */
  onCards: number;
}

/** What a new wallet is made into; one wallet has shares or a phrase, never both. */
export interface WalletPlan {
  label: string;
  /** Wallet cards loaded with it, its set: 0 to 3. */
  cards: number;
  shares?: ShareLayoutInput;
  phrase?: { words: 12 | 24 };
  /** `SingleCopyConfirmation`, where nothing but one card, share set or phrase holds it. */
  singleCopy?: string;
}

/** New copies of a remembered wallet, from the wallet rebuilt from its shares or phrase. */
export interface RepairPlan {
  walletId: string;
  /** It must open this wallet. */
  secretId: string;
  /** New cards to write it onto (in place of lost ones). */
  cards: number;
  /** A fresh share set in place of the active one (a wallet made of shares only). */
  shares?: ShareLayoutInput;
}

export interface DraftMember {
  memberId: string;
  family: CardFamily;
  label: string;
  place: string;
  /** The test recovery: opened afresh with its PIN, it showed this wallet (or another). */
  tested?: 'passed' | 'failed';
}

export interface DraftShare {
  /** 0-based, group by group. */
  index: number;
  groupIndex: number;
  memberIndex: number;
  holder: 'card' | 'written';
  /** Typed back right, or kept on its card and read back. */
  done: boolean;
  label: string;
  place: string;
}

/** What comes next in making the copies; `finish` once every copy is made and tested. */
export type DraftStep =
  | { step: 'card'; index: number }
  | { step: 'share'; index: number; holder: 'card' | 'written' }
  | { step: 'phrase' }
  | { step: 'test-cards' }
  | { step: 'test-shares' }
  | { step: 'finish' };

export interface WalletDraftView {
  draftId: string;
  /** The inventory's record, once something that cannot be undone was done. */
  walletId?: string;
  /** New copies of a remembered wallet, rather than a new wallet. */
  repair: boolean;
  label: string;
  keyUid: string;
  firstAddress: string;
  /** How many cards mixed their own random numbers into a new wallet's. */
  cardEntropy: number;
  cards: { wanted: number; members: DraftMember[] };
  shares?: {
    groupThreshold: number;
    groups: { threshold: number; count: number }[];
    items: DraftShare[];
    /** The test recovery: shares typed again or read back, and whether they rebuilt it. */
    test: { progress: ShareSetProgress | null; rebuilt?: 'passed' | 'failed' };
  };
  phrase?: { words: number; confirmed: boolean };
  next: DraftStep;
}

export type RetypeOutcome =
  | { confirmed: true; draft: WalletDraftView }
  /** 0-based positions of the words that were not right. */
  | { confirmed: false; wrong: number[] };

export interface ShareTestOutcome {
  check: ShareCheck;
  draft: WalletDraftView;
}

/**
 * What to do after a loss, said plainly. `repair`: write a new card from the shares or the
 * phrase. `reshare`: make a fresh share set from the shares kept. `sweep`: move the money to
 * a new wallet: the lost card could be opened by whoever finds it, nothing written down can
 * make a new card, the lost shares alone rebuild the wallet, or the shares kept no longer do.
 */
export type LostAdvice =
  | { action: 'repair'; from: ('shares' | 'phrase')[] }
  | { action: 'reshare' }
  | {
      action: 'sweep';
      reason: 'could-be-opened' | 'no-other-copy' | 'finder-can-rebuild' | 'too-few-shares';
    };

export interface LostOutcome {
  wallet: WalletRecord;
  advice: LostAdvice;
}

// ─── Settings ───────────────────────────────────────────────────────────────────────────────

export type FeeModel = 'eip1559' | 'op-stack' | 'arbitrum' | 'legacy';

export interface NetworkSettings {
  id: string;
  name: string;
  chainId: number;
  nativeSymbol: string;
  decimals: number;
  /** The person's choice; nothing is contacted that is not listed here. */
  rpcUrls: string[];
  explorer?: string;
  feeModel: FeeModel;
  enabled: boolean;
}

export interface TokenSettings {
  networkId: string;
  address: string;
  symbol: string;
  decimals: number;
}

export interface Preferences {
  schemes: Scheme[];
  gapLimit: number;
  /** Fee cap per gas in wei proposed for new plans. */
  maxFeePerGas?: BaseUnits;
  /** Values in US dollars from Chainlink price feeds, read through the person's own RPC. */
  showValues?: boolean;
  /** `system` follows the computer's light or dark setting. */
  theme?: Theme;
  /** The person went through the first-run choice of networks (or put it off). */
  networksChosen?: boolean;
}

export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  networks: NetworkSettings[];
  tokens: TokenSettings[];
  /**
   * Hex compressed public keys of attestation CAs the person added, whose certificates count
   * as genuine besides the built-in ones (AppInfo.builtInCaKeys).
   */
  trustedCaKeys: string[];
  preferences: Preferences;
}

// ─── Networks and prices ────────────────────────────────────────────────────────────────────

/** A public RPC endpoint Lifeboat offers for a preset network; contacted only once ticked. */
export interface PublicEndpoint {
  /** Who runs it. */
  provider: string;
  url: string;
  /** Where the entry comes from (the chain's documentation, or chainlist's source). */
  source: string;
  /**
   * What its provider states about logs: `none` (nothing that links requests to people, as
   * chainlist records it), `unstated` (no statement).
   */
  tracking: 'none' | 'unstated';
}

/** A network Lifeboat knows by name, with the public endpoints it can offer. */
export interface NetworkPresetView {
  id: string;
  name: string;
  chainId: number;
  nativeSymbol: string;
  explorer?: string;
  endpoints: PublicEndpoint[];
  /** The tokens discovery looks for there without being told, each with its source. */
  tokens: (Omit<TokenSettings, 'networkId'> & { source: string })[];
}

/** One look at one RPC server: is it the right chain, how fast, how fresh. */
export interface EndpointHealth {
  networkId: string;
  url: string;
  /** The chain id the server reports. */
  chainId: number;
  chainMatches: boolean;
  /** The round trip of the check, in milliseconds. */
  latencyMs: number;
  latestBlock: number;
  /** Seconds since the latest block was made, by this computer's clock. */
  blockAgeSeconds: number;
}

/**
 * The price of one asset in US dollars from a Chainlink feed on the asset's network.
 * `stale`: the feed's last update is older than Lifeboat accepts; `missing`: no feed is known
 * for the asset, or the feed gave no usable answer; `unreachable`: the network did not answer.
 */
export type AssetPrice =
  | {
      networkId: string;
      asset: string;
      state: 'ok';
      /** US dollars per whole unit of the asset, as a decimal string. */
      usd: string;
      /** The feed's pair, e.g. "ETH / USD". */
      pair: string;
      updatedAt: IsoDate;
    }
  | { networkId: string; asset: string; state: 'stale'; pair: string; updatedAt: IsoDate }
  | { networkId: string; asset: string; state: 'missing' | 'unreachable' };

// ─── The application ────────────────────────────────────────────────────────────────────────

export interface AppInfo {
  version: string;
  /** `harness`: the development browser harness, never shipped. */
  shell: 'electron' | 'harness';
  /** Plain words on what protects the stored card pairings. */
  pairingProtection: string;
  /** Attestation CA keys trusted whatever the settings say (the production Keycard CA). */
  builtInCaKeys: string[];
  /** The same keys, each with the card family whose authority it is. */
  builtInAuthorities: { family: CardFamily; key: string }[];
}

// ─── window.lifeboat ────────────────────────────────────────────────────────────────────────

export interface LifeboatApi {
  app: {
    info(): Promise<Result<AppInfo>>;
    /**
     * Opens an address or a transaction on the network's explorer in the person's browser.
     * Main builds the link from the configured explorer (https only); the console never
     * navigates.
     */
    openExplorer(input: {
      networkId: string;
      kind: 'address' | 'tx';
      value: string;
    }): Promise<Result<null>>;
  };
  readers: {
    list(): Promise<Result<ReadersSnapshot>>;
    watch(listener: (snapshot: ReadersSnapshot) => void): Unsubscribe;
  };
  cards: {
    /** Connects to the card in `reader` and reads what it is; reuses an open session. */
    open(input: { reader: string }): Promise<Result<CardSessionView>>;
    list(): Promise<Result<CardSessionView[]>>;
    /** Proves the card is genuine with a fresh challenge. */
    identify(input: { sessionId: string }): Promise<Result<Attestation>>;
    /** Without a password: the saved pairing, then the default one; `wrong-pairing-password` means ask. */
    pair(input: { sessionId: string; pairingPassword?: string }): Promise<Result<CardSessionView>>;
    unlock(input: { sessionId: string; pin: string }): Promise<Result<UnlockOutcome>>;
    /** `newPin` where the card's rules say unblocking sets one (`rules.unblockSetsPin`). */
    unblock(input: {
      sessionId: string;
      puk: string;
      newPin?: string;
    }): Promise<Result<UnblockOutcome>>;
    /** `currentPin` where the card's rules ask for it (`rules.changePinAsksCurrent`). */
    changePin(input: {
      sessionId: string;
      newPin: string;
      currentPin?: string;
    }): Promise<Result<CardSessionView>>;
    changePuk(input: { sessionId: string; newPuk: string }): Promise<Result<CardSessionView>>;
    /**
     * Sets up a blank card, pairs with it and unlocks it. `puk` and `pairingPassword` where the
     * card's rules have them; without `duressPin` none is usable.
     */
    initialize(input: {
      sessionId: string;
      pin: string;
      puk?: string;
      pairingPassword?: string;
      duressPin?: string;
    }): Promise<Result<CardSessionView>>;
    generateKey(input: { sessionId: string }): Promise<Result<CardKeyView>>;
    /** Loads a rebuilt secret onto the (unlocked, keyless) card. */
    loadSecret(input: { sessionId: string; secretId: string }): Promise<Result<CardKeyView>>;
    accounts(input: {
      sessionId: string;
      scheme: Scheme;
      start: number;
      count: number;
    }): Promise<Result<AccountView[]>>;
    /** Frees this computer's pairing slot on the card and forgets the pairing. */
    unpair(input: { sessionId: string }): Promise<Result<CardSessionView>>;
    factoryReset(input: {
      sessionId: string;
      confirmation: FactoryResetConfirmation;
    }): Promise<Result<CardSessionView>>;
    /** Releases the card; it is reset, so no verified PIN is left behind. */
    close(input: { sessionId: string }): Promise<Result<null>>;
    watch(listener: (event: CardEvent) => void): Unsubscribe;
  };
  secrets: {
    startShareSet(): Promise<Result<{ shareSetId: string }>>;
    addShare(input: { shareSetId: string; share: string }): Promise<Result<ShareCheck>>;
    removeShare(input: { shareSetId: string; index: number }): Promise<Result<ShareSetProgress>>;
    discardShareSet(input: { shareSetId: string }): Promise<Result<null>>;
    /** Live per-word status while typing, for autocomplete and pinpointing. */
    checkWords(input: { text: string }): Promise<Result<WordsCheck>>;
    suggestWords(input: { prefix: string; kind: RecoveryKind }): Promise<Result<string[]>>;
    combine(input: { shareSetId: string; passphrase: string }): Promise<Result<SecretView>>;
    checkPhrase(input: { phrase: string }): Promise<Result<PhraseCheck>>;
    enterPhrase(input: { phrase: string; passphrase: string }): Promise<Result<SecretView>>;
    /** The same shares or phrase with another passphrase; `secretId` is released. */
    reopen(input: { secretId: string; passphrase: string }): Promise<Result<SecretView>>;
    /** A new recovery phrase of 12 or 24 words, for a key about to be created. */
    newPhrase(input: { words: 12 | 24 }): Promise<Result<NewPhrase>>;
    /** The words asked for by `check`, in that order. */
    confirmPhrase(input: { draftId: string; words: string[] }): Promise<Result<PhraseConfirmation>>;
    discardPhrase(input: { draftId: string }): Promise<Result<null>>;
    accounts(input: {
      secretId: string;
      scheme: Scheme;
      start: number;
      count: number;
    }): Promise<Result<AccountView[]>>;
    /** Overwrites the secret in memory. */
    release(input: { secretId: string }): Promise<Result<null>>;
    /** The Shamir shares a rebuilt secret was combined from (none for a phrase); never a share. */
    shares(input: { secretId: string }): Promise<Result<ShareRef[]>>;
    /** The rebuilt secrets main keeps (what they open, never the secret), oldest first. */
    list(): Promise<Result<SecretView[]>>;
    watch(listener: (event: SecretsEvent) => void): Unsubscribe;
  };
  backups: {
    /** What the unlocked backup card keeps: labels, kinds and fingerprints, never a secret. */
    list(input: { sessionId: string }): Promise<Result<BackupSecretView[]>>;
    /** Reads a recovery phrase and its passphrase from the backup card into main, never here. */
    open(input: { sessionId: string; id: number }): Promise<Result<SecretView>>;
    /** Reads a Shamir share from the backup card into a share set being entered. */
    addShare(input: {
      sessionId: string;
      id: number;
      shareSetId: string;
    }): Promise<Result<ShareCheck>>;
    /**
     * Keeps a rebuilt phrase (with its passphrase), or one of the shares it was combined from
     * (`share`, an index from secrets.shares), on the unlocked backup card. `plainExport`: the
     * person chose that it may be read back in plain form.
     */
    store(input: {
      sessionId: string;
      secretId: string;
      label: string;
      plainExport: boolean;
      share?: number;
    }): Promise<Result<BackupSecretView>>;
  };
  discovery: {
    run(input: DiscoveryRequest): Promise<Result<DiscoveryResult>>;
    /** Whether the source's wallet has any history; progress comes as discovery progress. */
    history(input: { source: SourceRef }): Promise<Result<WalletHistory>>;
    watch(listener: (progress: DiscoveryProgress) => void): Unsubscribe;
  };
  transfers: {
    plan(input: TransferRequest): Promise<Result<TransferPlan>>;
    /** Signs with the source and broadcasts; resolves once the transaction is included. */
    send(input: { planId: string; confirmed: true }): Promise<Result<TransferReceipt>>;
  };
  sweep: {
    plan(input: SweepRequest): Promise<Result<SweepPlanView>>;
    /** Persists the case, then signs and broadcasts step by step; progress comes via `watch`. */
    execute(input: { planId: string; confirmed: true }): Promise<Result<{ caseId: string }>>;
    unfinished(): Promise<Result<CaseView[]>>;
    status(input: { caseId: string }): Promise<Result<CaseView>>;
    /**
     * Continues a paused or interrupted case with its source available again (and its
     * destination, when the case pays a gas top-up from it).
     */
    resume(input: {
      caseId: string;
      source: SourceRef;
      destination?: SourceRef;
      /** A higher fee cap per gas (wei) the person accepts; lower caps of the case are raised. */
      maxFeePerGas?: BaseUnits;
    }): Promise<Result<{ caseId: string }>>;
    report(input: { caseId: string }): Promise<Result<SweepReport>>;
    watch(listener: (event: SweepEvent) => void): Unsubscribe;
  };
  drills: {
    list(): Promise<Result<WalletRecord[]>>;
    /** Records a wallet's fingerprint from a card or rebuilt secret. */
    remember(input: { label: string; source: SourceRef }): Promise<Result<WalletRecord>>;
    /** Compares a backup with the wallet's fingerprint and keeps the dated result. */
    check(input: { walletId: string; source: SourceRef }): Promise<Result<DrillResult>>;
    forget(input: { walletId: string }): Promise<Result<null>>;
    reminder(input: { walletId: string; date: string }): Promise<Result<DrillReminder>>;
  };
  safes: {
    /** The remembered Safes, newest first. */
    list(): Promise<Result<SafeRef[]>>;
    /** Reads a Safe and remembers it; `holders` are the cards and wallets to look for among its owners. */
    open(input: {
      networkId: string;
      address: string;
      holders?: SourceRef[];
    }): Promise<Result<SafeView>>;
    forget(input: SafeRef): Promise<Result<null>>;
    /**
     * The remembered Safes this card or wallet is an owner of; a Safe whose network cannot be
     * read is listed in `unread` and does not hide the others.
     */
    owned(input: { source: SourceRef }): Promise<Result<SafesOwned>>;
    planCreate(input: SafeCreateRequest): Promise<Result<SafeCreatePlan>>;
    /** Deploys the planned Safe; resolves once it exists with exactly the planned owners. */
    create(input: { planId: string; confirmed: true }): Promise<Result<SafeView>>;
    propose(input: {
      networkId: string;
      safe: string;
      action: SafeAction;
    }): Promise<Result<SafeProposalView>>;
    /**
     * Adds the signature of the owner this card or wallet holds to a proposal (`jobId` =
     * proposalId) or to every step of a Safe sweep (`jobId` = caseId); `not-an-owner` otherwise.
     */
    sign(input: { jobId: string; source: SourceRef }): Promise<Result<SafeSignatures>>;
    signatures(input: { jobId: string }): Promise<Result<SafeSignatures>>;
    /**
     * Which owner of the job's Safe each held card or wallet signs as; a holder that cannot be
     * read now (a card just taken out) is left out.
     */
    holderOwners(input: { jobId: string; holders: SourceRef[] }): Promise<Result<HolderOwner[]>>;
    /** Sends the signed proposal from the payer's first account, which pays the gas. */
    execute(input: {
      proposalId: string;
      payer: SourceRef;
      confirmed: true;
    }): Promise<Result<TransferReceipt>>;
    discard(input: { proposalId: string }): Promise<Result<null>>;
    planSweep(input: SafeSweepRequest): Promise<Result<SweepPlanView>>;
    /** Persists the sweep as a case; nothing is signed yet. */
    startSweep(input: { planId: string; confirmed: true }): Promise<Result<{ caseId: string }>>;
    /** Runs a signed Safe sweep with its payer; progress comes via `sweep.watch`. */
    runSweep(input: { caseId: string; payer: SourceRef }): Promise<Result<{ caseId: string }>>;
  };
  wallets: {
    /** A new wallet from the computer's randomness and that of the cards in `randomFrom`. */
    start(input: { plan: WalletPlan; randomFrom: string[] }): Promise<Result<WalletDraftView>>;
    repair(input: RepairPlan): Promise<Result<WalletDraftView>>;
    /** The drafts still in memory, e.g. after the console was reloaded. */
    drafts(): Promise<Result<WalletDraftView[]>>;
    /** Loads the wallet onto the unlocked, keyless card and reads its fingerprint back. */
    loadCard(input: {
      draftId: string;
      sessionId: string;
      label: string;
      place: string;
    }): Promise<Result<WalletDraftView>>;
    /** The words of the next written share, for writing down; shown until typed back. */
    showShare(input: { draftId: string; index: number }): Promise<Result<{ words: string[] }>>;
    confirmShare(input: {
      draftId: string;
      index: number;
      share: string;
      place: string;
    }): Promise<Result<RetypeOutcome>>;
    /** The recovery phrase's words, for writing down; shown until typed back. */
    showPhrase(input: { draftId: string }): Promise<Result<{ words: string[] }>>;
    confirmPhrase(input: {
      draftId: string;
      phrase: string;
      place: string;
    }): Promise<Result<RetypeOutcome>>;
    /** The test recovery of a card of the set, opened again and unlocked with its PIN. */
    testCard(input: { draftId: string; sessionId: string }): Promise<Result<WalletDraftView>>;
    /** The test recovery of the shares: one share typed again from where it is kept. */
    testShare(input: { draftId: string; share: string }): Promise<Result<ShareTestOutcome>>;
    /** Writes the next share onto the unlocked backup card and reads it back; never shown. */
    storeShare(input: {
      draftId: string;
      index: number;
      sessionId: string;
      label: string;
      place: string;
    }): Promise<Result<WalletDraftView>>;
    /** The test recovery of a share kept on a backup card, opened again with its PIN. */
    testShareCard(input: { draftId: string; sessionId: string }): Promise<Result<ShareTestOutcome>>;
    /** Once every copy is made and tested: the wallet is ready in the inventory. */
    finish(input: { draftId: string }): Promise<Result<WalletRecord>>;
    /** Forgets the draft; cards already loaded stay listed as not finished. */
    discard(input: { draftId: string }): Promise<Result<null>>;
    /** Marks a card of the set or a share lost, and says whether to repair or to sweep. */
    markLost(input: {
      walletId: string;
      memberId?: string;
      share?: { shareSetId: string; index: number };
      couldBeOpened: boolean;
    }): Promise<Result<LostOutcome>>;
  };
  networks: {
    /** The preset networks and the public endpoints offered for each; contacts nothing. */
    presets(): Promise<Result<NetworkPresetView[]>>;
    /**
     * Checks one server of a network: a listed public endpoint of its preset, or one saved in
     * the settings for it. Nothing else can be contacted this way.
     */
    check(input: { networkId: string; url: string }): Promise<Result<EndpointHealth>>;
  };
  prices: {
    /** Prices of these assets on their networks, through the networks' own RPC servers. */
    read(input: { assets: { networkId: string; asset: string }[] }): Promise<Result<AssetPrice[]>>;
  };
  settings: {
    get(): Promise<Result<Settings>>;
    save(input: Settings): Promise<Result<Settings>>;
    /**
     * Reads a token's symbol and decimals from a saved network's chain; an address without
     * code, or one that does not answer like an ERC-20 token, is `not-a-token`.
     */
    lookUpToken(input: { networkId: string; address: string }): Promise<Result<TokenSettings>>;
  };
}

// ─── The method table ───────────────────────────────────────────────────────────────────────

/**
 * The cheap structural check the preload applies before sending (it cannot load a schema
 * library); main validates every payload fully with its own schemas anyway.
 */
export type FieldShape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'true'
  | 'object'
  | 'array'
  | 'string?'
  | 'number?'
  | 'boolean?'
  | 'object?'
  | 'array?';

type InvokeMethod = (...args: never[]) => Promise<Result<unknown>>;
type SubscribeMethod = (listener: never) => Unsubscribe;

export type Namespace = keyof LifeboatApi;
export type MethodName<N extends Namespace> = keyof LifeboatApi[N] & string;

export type InvokeSpec<F> = F extends () => Promise<Result<unknown>>
  ? { kind: 'invoke'; channel: string; args: null }
  : F extends (input: infer I) => Promise<Result<unknown>>
    ? { kind: 'invoke'; channel: string; args: { readonly [K in keyof I]-?: FieldShape } }
    : never;

export type MethodSpec<F> = F extends SubscribeMethod
  ? { kind: 'subscribe'; channel: string }
  : F extends InvokeMethod
    ? InvokeSpec<F>
    : never;

export type MethodTable = {
  readonly [N in Namespace]: {
    readonly [M in MethodName<N>]: Readonly<MethodSpec<LifeboatApi[N][M]>>;
  };
};

/** The input of an invoke method (`undefined` for methods without one). */
export type MethodInput<N extends Namespace, M extends MethodName<N>> = LifeboatApi[N][M] extends (
  input: infer I,
) => Promise<Result<unknown>>
  ? I
  : undefined;

/** The value of a successful invoke method. */
export type MethodOutput<N extends Namespace, M extends MethodName<N>> = LifeboatApi[N][M] extends (
  ...args: never[]
) => Promise<Result<infer O>>
  ? O
  : never;

/** The payload a subscribe method's listener receives. */
export type EventPayload<N extends Namespace, M extends MethodName<N>> = LifeboatApi[N][M] extends (
  listener: (event: infer E) => void,
) => Unsubscribe
  ? E
  : never;

const session = { sessionId: 'string' } as const;
const secret = { secretId: 'string' } as const;

/** Every method, its one fixed channel and its argument shape. */
export const API_METHODS: MethodTable = deepFreeze({
  app: {
    info: { kind: 'invoke', channel: 'lifeboat:app.info', args: null },
    openExplorer: {
      kind: 'invoke',
      channel: 'lifeboat:app.openExplorer',
      args: { networkId: 'string', kind: 'string', value: 'string' },
    },
  },
  readers: {
    list: { kind: 'invoke', channel: 'lifeboat:readers.list', args: null },
    watch: { kind: 'subscribe', channel: 'lifeboat:readers.changed' },
  },
  cards: {
    open: { kind: 'invoke', channel: 'lifeboat:cards.open', args: { reader: 'string' } },
    list: { kind: 'invoke', channel: 'lifeboat:cards.list', args: null },
    identify: { kind: 'invoke', channel: 'lifeboat:cards.identify', args: session },
    pair: {
      kind: 'invoke',
      channel: 'lifeboat:cards.pair',
      args: { ...session, pairingPassword: 'string?' },
    },
    unlock: {
      kind: 'invoke',
      channel: 'lifeboat:cards.unlock',
      args: { ...session, pin: 'string' },
    },
    unblock: {
      kind: 'invoke',
      channel: 'lifeboat:cards.unblock',
      args: { ...session, puk: 'string', newPin: 'string?' },
    },
    changePin: {
      kind: 'invoke',
      channel: 'lifeboat:cards.changePin',
      args: { ...session, newPin: 'string', currentPin: 'string?' },
    },
    changePuk: {
      kind: 'invoke',
      channel: 'lifeboat:cards.changePuk',
      args: { ...session, newPuk: 'string' },
    },
    initialize: {
      kind: 'invoke',
      channel: 'lifeboat:cards.initialize',
      args: {
        ...session,
        pin: 'string',
        puk: 'string?',
        pairingPassword: 'string?',
        duressPin: 'string?',
      },
    },
    generateKey: { kind: 'invoke', channel: 'lifeboat:cards.generateKey', args: session },
    loadSecret: {
      kind: 'invoke',
      channel: 'lifeboat:cards.loadSecret',
      args: { ...session, secretId: 'string' },
    },
    accounts: {
      kind: 'invoke',
      channel: 'lifeboat:cards.accounts',
      args: { ...session, scheme: 'string', start: 'number', count: 'number' },
    },
    unpair: { kind: 'invoke', channel: 'lifeboat:cards.unpair', args: session },
    factoryReset: {
      kind: 'invoke',
      channel: 'lifeboat:cards.factoryReset',
      args: { ...session, confirmation: 'string' },
    },
    close: { kind: 'invoke', channel: 'lifeboat:cards.close', args: session },
    watch: { kind: 'subscribe', channel: 'lifeboat:cards.event' },
  },
  secrets: {
    startShareSet: { kind: 'invoke', channel: 'lifeboat:secrets.startShareSet', args: null },
    addShare: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.addShare',
      args: { shareSetId: 'string', share: 'string' },
    },
    removeShare: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.removeShare',
      args: { shareSetId: 'string', index: 'number' },
    },
    discardShareSet: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.discardShareSet',
      args: { shareSetId: 'string' },
    },
    checkWords: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.checkWords',
      args: { text: 'string' },
    },
    suggestWords: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.suggestWords',
      args: { prefix: 'string', kind: 'string' },
    },
    combine: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.combine',
      args: { shareSetId: 'string', passphrase: 'string' },
    },
    checkPhrase: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.checkPhrase',
      args: { phrase: 'string' },
    },
    enterPhrase: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.enterPhrase',
      args: { phrase: 'string', passphrase: 'string' },
    },
    reopen: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.reopen',
      args: { ...secret, passphrase: 'string' },
    },
    newPhrase: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.newPhrase',
      args: { words: 'number' },
    },
    confirmPhrase: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.confirmPhrase',
      args: { draftId: 'string', words: 'array' },
    },
    discardPhrase: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.discardPhrase',
      args: { draftId: 'string' },
    },
    accounts: {
      kind: 'invoke',
      channel: 'lifeboat:secrets.accounts',
      args: { ...secret, scheme: 'string', start: 'number', count: 'number' },
    },
    release: { kind: 'invoke', channel: 'lifeboat:secrets.release', args: secret },
    shares: { kind: 'invoke', channel: 'lifeboat:secrets.shares', args: secret },
    list: { kind: 'invoke', channel: 'lifeboat:secrets.list', args: null },
    watch: { kind: 'subscribe', channel: 'lifeboat:secrets.event' },
  },
  backups: {
    list: { kind: 'invoke', channel: 'lifeboat:backups.list', args: session },
    open: {
      kind: 'invoke',
      channel: 'lifeboat:backups.open',
      args: { ...session, id: 'number' },
    },
    addShare: {
      kind: 'invoke',
      channel: 'lifeboat:backups.addShare',
      args: { ...session, id: 'number', shareSetId: 'string' },
    },
    store: {
      kind: 'invoke',
      channel: 'lifeboat:backups.store',
      args: {
        ...session,
        secretId: 'string',
        label: 'string',
        plainExport: 'boolean',
        share: 'number?',
      },
    },
  },
  discovery: {
    run: {
      kind: 'invoke',
      channel: 'lifeboat:discovery.run',
      args: { source: 'object', networkIds: 'array?', schemes: 'array?', gapLimit: 'number?' },
    },
    history: {
      kind: 'invoke',
      channel: 'lifeboat:discovery.history',
      args: { source: 'object' },
    },
    watch: { kind: 'subscribe', channel: 'lifeboat:discovery.progress' },
  },
  transfers: {
    plan: {
      kind: 'invoke',
      channel: 'lifeboat:transfers.plan',
      args: {
        discoveryId: 'string',
        from: 'string',
        networkId: 'string',
        to: 'string',
        asset: 'string',
        amount: 'string',
      },
    },
    send: {
      kind: 'invoke',
      channel: 'lifeboat:transfers.send',
      args: { planId: 'string', confirmed: 'true' },
    },
  },
  sweep: {
    plan: {
      kind: 'invoke',
      channel: 'lifeboat:sweep.plan',
      args: {
        discoveryId: 'string',
        destination: 'object',
        addresses: 'array?',
        networkIds: 'array?',
        maxFeePerGas: 'string?',
        allowTopUp: 'boolean?',
      },
    },
    execute: {
      kind: 'invoke',
      channel: 'lifeboat:sweep.execute',
      args: { planId: 'string', confirmed: 'true' },
    },
    unfinished: { kind: 'invoke', channel: 'lifeboat:sweep.unfinished', args: null },
    status: { kind: 'invoke', channel: 'lifeboat:sweep.status', args: { caseId: 'string' } },
    resume: {
      kind: 'invoke',
      channel: 'lifeboat:sweep.resume',
      args: { caseId: 'string', source: 'object', destination: 'object?', maxFeePerGas: 'string?' },
    },
    report: { kind: 'invoke', channel: 'lifeboat:sweep.report', args: { caseId: 'string' } },
    watch: { kind: 'subscribe', channel: 'lifeboat:sweep.event' },
  },
  drills: {
    list: { kind: 'invoke', channel: 'lifeboat:drills.list', args: null },
    remember: {
      kind: 'invoke',
      channel: 'lifeboat:drills.remember',
      args: { label: 'string', source: 'object' },
    },
    check: {
      kind: 'invoke',
      channel: 'lifeboat:drills.check',
      args: { walletId: 'string', source: 'object' },
    },
    forget: { kind: 'invoke', channel: 'lifeboat:drills.forget', args: { walletId: 'string' } },
    reminder: {
      kind: 'invoke',
      channel: 'lifeboat:drills.reminder',
      args: { walletId: 'string', date: 'string' },
    },
  },
  safes: {
    list: { kind: 'invoke', channel: 'lifeboat:safes.list', args: null },
    open: {
      kind: 'invoke',
      channel: 'lifeboat:safes.open',
      args: { networkId: 'string', address: 'string', holders: 'array?' },
    },
    forget: {
      kind: 'invoke',
      channel: 'lifeboat:safes.forget',
      args: { networkId: 'string', address: 'string' },
    },
    owned: { kind: 'invoke', channel: 'lifeboat:safes.owned', args: { source: 'object' } },
    planCreate: {
      kind: 'invoke',
      channel: 'lifeboat:safes.planCreate',
      args: { networkId: 'string', owners: 'array', threshold: 'number', payer: 'object' },
    },
    create: {
      kind: 'invoke',
      channel: 'lifeboat:safes.create',
      args: { planId: 'string', confirmed: 'true' },
    },
    propose: {
      kind: 'invoke',
      channel: 'lifeboat:safes.propose',
      args: { networkId: 'string', safe: 'string', action: 'object' },
    },
    sign: {
      kind: 'invoke',
      channel: 'lifeboat:safes.sign',
      args: { jobId: 'string', source: 'object' },
    },
    signatures: {
      kind: 'invoke',
      channel: 'lifeboat:safes.signatures',
      args: { jobId: 'string' },
    },
    holderOwners: {
      kind: 'invoke',
      channel: 'lifeboat:safes.holderOwners',
      args: { jobId: 'string', holders: 'array' },
    },
    execute: {
      kind: 'invoke',
      channel: 'lifeboat:safes.execute',
      args: { proposalId: 'string', payer: 'object', confirmed: 'true' },
    },
    discard: {
      kind: 'invoke',
      channel: 'lifeboat:safes.discard',
      args: { proposalId: 'string' },
    },
    planSweep: {
      kind: 'invoke',
      channel: 'lifeboat:safes.planSweep',
      args: {
        networkId: 'string',
        safe: 'string',
        destination: 'object',
        payer: 'object',
        maxFeePerGas: 'string?',
      },
    },
    startSweep: {
      kind: 'invoke',
      channel: 'lifeboat:safes.startSweep',
      args: { planId: 'string', confirmed: 'true' },
    },
    runSweep: {
      kind: 'invoke',
      channel: 'lifeboat:safes.runSweep',
      args: { caseId: 'string', payer: 'object' },
    },
  },
  wallets: {
    start: {
      kind: 'invoke',
      channel: 'lifeboat:wallets.start',
      args: { plan: 'object', randomFrom: 'array' },
    },
    repair: {
      kind: 'invoke',
      channel: 'lifeboat:wallets.repair',
      args: { walletId: 'string', secretId: 'string', cards: 'number', shares: 'object?' },
    },
    drafts: { kind: 'invoke', channel: 'lifeboat:wallets.drafts', args: null },
    loadCard: {
      kind: 'invoke',
      channel: 'lifeboat:wallets.loadCard',
      args: { draftId: 'string', ...session, label: 'string', place: 'string' },
    },
    showShare: {
      kind: 'invoke',
      channel: 'lifeboat:wallets.showShare',
      args: { draftId: 'string', index: 'number' },
    },
    confirmShare: {
      kind: 'invoke',
      channel: 'lifeboat:wallets.confirmShare',
      args: { draftId: 'string', index: 'number', share: 'string', place: 'string' },
    },
    showPhrase: {
      kind: 'invoke',
      channel: 'lifeboat:wallets.showPhrase',
      args: { draftId: 'string' },
    },
    confirmPhrase: {
      kind: 'invoke',
      channel: 'lifeboat:wallets.confirmPhrase',
      args: { draftId: 'string', phrase: 'string', place: 'string' },
    },
    testCard: {
      kind: 'invoke',
      channel: 'lifeboat:wallets.testCard',
      args: { draftId: 'string', ...session },
    },
    testShare: {
      kind: 'invoke',
      channel: 'lifeboat:wallets.testShare',
      args: { draftId: 'string', share: 'string' },
    },
    storeShare: {
      kind: 'invoke',
      channel: 'lifeboat:wallets.storeShare',
      args: { draftId: 'string', index: 'number', ...session, label: 'string', place: 'string' },
    },
    testShareCard: {
      kind: 'invoke',
      channel: 'lifeboat:wallets.testShareCard',
      args: { draftId: 'string', ...session },
    },
    finish: { kind: 'invoke', channel: 'lifeboat:wallets.finish', args: { draftId: 'string' } },
    discard: { kind: 'invoke', channel: 'lifeboat:wallets.discard', args: { draftId: 'string' } },
    markLost: {
      kind: 'invoke',
      channel: 'lifeboat:wallets.markLost',
      args: {
        walletId: 'string',
        memberId: 'string?',
        share: 'object?',
        couldBeOpened: 'boolean',
      },
    },
  },
  networks: {
    presets: { kind: 'invoke', channel: 'lifeboat:networks.presets', args: null },
    check: {
      kind: 'invoke',
      channel: 'lifeboat:networks.check',
      args: { networkId: 'string', url: 'string' },
    },
  },
  prices: {
    read: { kind: 'invoke', channel: 'lifeboat:prices.read', args: { assets: 'array' } },
  },
  settings: {
    get: { kind: 'invoke', channel: 'lifeboat:settings.get', args: null },
    save: {
      kind: 'invoke',
      channel: 'lifeboat:settings.save',
      args: { networks: 'array', tokens: 'array', trustedCaKeys: 'array', preferences: 'object' },
    },
    lookUpToken: {
      kind: 'invoke',
      channel: 'lifeboat:settings.lookUpToken',
      args: { networkId: 'string', address: 'string' },
    },
  },
});

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
  }
  return Object.freeze(value);
}

declare global {
  interface Window {
    readonly lifeboat: LifeboatApi;
  }
}
