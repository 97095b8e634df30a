// The card-family seam. A driver knows one family of cards: the AIDs of its applets and its
// protocol. The registry SELECTs each family's applet in turn on a freshly connected card and
// hands the card to the driver whose applet answered; a card on which no family's applet
// answers is "not a card Lifeboat knows". The session a driver opens is all the rest of main
// sees of a card: what it is (its info, credential rules and capabilities, as data) and the
// operations its family offers. What only some families have sits behind optional facets, so
// callers ask whether a card can do something, never which family it is.
import type { Attestation, CardFamily, CardInfo, CardStatus } from '../../preload/api';
import { LifeboatError, isLifeboatError } from '../errors';
import type { CardChannel } from './channel';
import { wipe, type SecretInput } from './secret-input';

export type { CardFamily } from '../../preload/api';

export interface ExtendedPublicKey {
  /** Uncompressed, 65 bytes. */
  publicKey: Uint8Array;
  chainCode: Uint8Array;
}

/** A signature of a 32-byte digest, low-S, with the recovery id found against the signer's key. */
export interface SignResult {
  r: Uint8Array;
  s: Uint8Array;
  /** 0 or 1 (y parity of R); 2 and 3 are astronomically rare but valid. */
  recoveryId: number;
  /** The signer's uncompressed 65-byte public key. */
  publicKey: Uint8Array;
  /** r ‖ s ‖ v with v = 27 + recoveryId, the form `ecrecover` and ethers take. */
  signature65: Uint8Array;
}

export interface ConnectOptions {
  /** Where the family pairs: tried after a saved pairing and before the family's default. */
  pairingPassword?: SecretInput;
  /**
   * Where the family pairs: keep a pairing for this computer even where the card offers one
   * that ends with the session. Recovery does not ask for this, so it never uses up a slot.
   */
  remember?: boolean;
}

/** What a blank card is given; each field only where the family's rules and capabilities have it. */
export interface SetUpRequest {
  pin: SecretInput;
  puk?: SecretInput;
  pairingPassword?: SecretInput;
  /** Without one where the family has a duress PIN, one that nobody knows is set. */
  duressPin?: SecretInput;
  pinRetries?: number;
  pukRetries?: number;
}

/** The public side of a wallet on a card: enough to list its addresses. */
export interface PublicKeys {
  exportPublicKey(path: string): Promise<Uint8Array>;
  /** Public key and chain code at `path`, for deriving its children locally. */
  exportExtendedPublicKey(path: string): Promise<ExtendedPublicKey>;
}

/** A wallet card's keys (absent on a backup card, which has no accounts). */
export interface WalletKeys extends PublicKeys {
  sign(digest: Uint8Array, path: string): Promise<SignResult>;
  /** Takes the wallet of a BIP-32 seed; returns the key UID the card reports, checked. */
  importSeed(seed: Uint8Array): Promise<Uint8Array>;
  /** A key made on the card: it has no recovery phrase. Absent where the family cannot. */
  generateKey?(): Promise<Uint8Array>;
}

/** Pairing slots on the card, where the family pairs. */
export interface PairingSlots {
  /** Frees a slot (needs the PIN): this computer's own by default, whose pairing is forgotten. */
  unpair(index?: number): Promise<void>;
  /** Whether this computer keeps a pairing for this card. */
  saved(): Promise<boolean>;
}

/** A card name and the wallet accounts in use, kept on the card where the family has a place. */
export interface CardLabel {
  name: string;
  /** Indices i of m/44'/60'/0'/0/i. */
  accountIndices: number[];
}

/** What a backup card keeps, as Lifeboat writes and reads it; byte fields are wiped by their holder. */
export type BackupSecret =
  /** The phrase's words and the passphrase, as UTF-8. */
  | { kind: 'bip39'; phrase: Uint8Array; passphrase: Uint8Array }
  | { kind: 'master-seed'; seed: Uint8Array }
  /** One SLIP-39 share's words, as UTF-8. */
  | { kind: 'slip39-share'; share: Uint8Array };

/** Overwrites the bytes of a secret read from or meant for a backup card. */
export function wipeBackupSecret(secret: BackupSecret): void {
  if (secret.kind === 'bip39') wipe(secret.phrase, secret.passphrase);
  else if (secret.kind === 'master-seed') wipe(secret.seed);
  else wipe(secret.share);
}

export interface BackupSecretHeader {
  /** The card's own id of the secret. */
  id: number;
  label: string;
  /** `other`: a kind Lifeboat does not read. */
  kind: BackupSecret['kind'] | 'other';
  /** Hex fingerprint the card reports, to tell secrets apart without reading them. */
  fingerprint: string;
  /** Whether the card gives the secret back in plain form. */
  exportable: boolean;
}

/** The labelled secrets of a backup card. */
export interface BackupSecrets {
  list(): Promise<BackupSecretHeader[]>;
  /** Readable later in plain form only when `exportable`, which the person chooses. */
  store(
    label: string,
    secret: BackupSecret,
    options: { exportable: boolean },
  ): Promise<BackupSecretHeader>;
  read(id: number): Promise<BackupSecret>;
}

/** One open conversation with one card, behind the seam. */
export interface CardSession {
  readonly family: CardFamily;
  readonly channel: CardChannel;
  /** What the card is, as it last reported. */
  readonly info: CardInfo;
  /** The secure channel is open (paired first, where the family pairs). */
  readonly connected: boolean;
  /** The PIN was verified in this session. */
  readonly unlocked: boolean;
  /** Proves with a fresh challenge that the card is genuine. */
  attest(): Promise<Attestation>;
  /**
   * Opens the secure channel (pairing where the family pairs) and reads the tries left
   * before anyone is asked for a PIN. Fails with `wrong-pairing-password` when a password
   * has to be asked for.
   */
  connect(options?: ConnectOptions): Promise<CardStatus>;
  /** The tries left and key state, read fresh. */
  status(): Promise<CardStatus>;
  /** Fails with `wrong-pin` (details.triesLeft) or `pin-blocked`; never sent twice by itself. */
  verifyPin(pin: SecretInput): Promise<void>;
  /**
   * Only while the PIN is blocked; `wrong-puk` or `puk-blocked` like verifyPin. `newPin`
   * exactly where the family's rules say unblocking sets one (`unblockSetsPin`).
   */
  unblockPin(puk: SecretInput, newPin?: SecretInput): Promise<void>;
  /** `currentPin` exactly where the family's rules ask for it (`changePinAsksCurrent`). */
  changePin(newPin: SecretInput, currentPin?: SecretInput): Promise<void>;
  changePuk(newPuk: SecretInput): Promise<void>;
  /** Sets up a blank card, connects and unlocks it. */
  setUp(request: SetUpRequest): Promise<CardStatus>;
  /** Wipes the card; the session stays open on the blank card. */
  factoryReset(): Promise<void>;
  /** Releases the card; the reader resets it, so no verified PIN stays behind. */
  close(): Promise<void>;
  readonly keys?: WalletKeys;
  readonly backupSecrets?: BackupSecrets;
  readonly pairingSlots?: PairingSlots;
  /** The card's own label with at most `maxIndices` accounts, where the family keeps one. */
  readLabel?(maxIndices: number): Promise<CardLabel | undefined>;
  /**
   * This card's own id as hex, the same until a factory reset: how a card of a wallet's set
   * is known again. Where the family shows it only to an unlocked card, the PIN comes first.
   */
  instanceId?(): Promise<string>;
  /**
   * Numbers from the card's own random generator that the card keeps nothing of, for mixing
   * into a new wallet's entropy; absent where the family has no such command.
   */
  randomBytes?(): Promise<Uint8Array>;
}

export interface SelectedApplet {
  aid: Uint8Array;
  /** The data of the SELECT answer (without its status word). */
  answer: Uint8Array;
}

/** What a session may need of the reader besides its channel. */
export interface ReaderAccess {
  /**
   * A new channel to the same card, once the session's own is closed: a family whose factory
   * reset spans several power-ups of the card (a Satochip) asks for one per step.
   */
  reconnect(): Promise<CardChannel>;
}

export interface CardDriver {
  readonly family: CardFamily;
  /** The applet AIDs to SELECT, in order. */
  readonly aids: readonly Uint8Array[];
  /**
   * A session on `channel`, whose applet just answered SELECT with 9000; `reader` where the
   * channel has a reader behind it (an in-process card has none).
   */
  open(channel: CardChannel, selected: SelectedApplet, reader?: ReaderAccess): Promise<CardSession>;
}

const SW_OK = 0x9000;
const SW_FILE_NOT_FOUND = 0x6a82;

/** SELECT by name (ISO 7816-4), asking for whatever the applet answers (Le = 00). */
export function selectCommand(aid: Uint8Array): Uint8Array {
  if (aid.length < 5 || aid.length > 16)
    throw new LifeboatError('invalid-request', 'An applet AID is 5 to 16 bytes.');
  const apdu = new Uint8Array(6 + aid.length);
  apdu.set([0x00, 0xa4, 0x04, 0x00, aid.length]);
  apdu.set(aid, 5);
  return apdu;
}

function statusText(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** Picks the family of the card on a channel by SELECT of each family's applets, in order. */
export class FamilyRegistry {
  constructor(private readonly drivers: readonly CardDriver[]) {}

  get families(): CardFamily[] {
    return this.drivers.map((d) => d.family);
  }

  /**
   * The session of the first family whose applet answers SELECT with 9000. A card on which
   * every applet is missing (6A82) or refused is `card-not-supported`, naming the status the
   * card gave, so an unfamiliar answer is reported in words rather than as a bare number.
   */
  async open(channel: CardChannel, reader?: ReaderAccess): Promise<CardSession> {
    let refused: number | undefined;
    for (const driver of this.drivers) {
      for (const aid of driver.aids) {
        const response = await transmit(channel, selectCommand(aid));
        if (response.length < 2) {
          throw new LifeboatError(
            'malformed-response',
            'The card answered with less than a status word.',
          );
        }
        const sw = (response[response.length - 2]! << 8) | response[response.length - 1]!;
        if (sw === SW_OK) {
          const answer = response.subarray(0, response.length - 2);
          return driver.open(channel, { aid, answer }, reader);
        }
        if (sw !== SW_FILE_NOT_FOUND) refused ??= sw;
      }
    }
    const sw = refused ?? SW_FILE_NOT_FOUND;
    throw new LifeboatError(
      'card-not-supported',
      `This is not a card Lifeboat knows (status ${statusText(sw)}).`,
      { sw: statusText(sw).toLowerCase() },
    );
  }
}

async function transmit(channel: CardChannel, apdu: Uint8Array): Promise<Uint8Array> {
  try {
    return await channel.transmit(apdu);
  } catch (error) {
    if (isLifeboatError(error)) throw error;
    throw new LifeboatError('reader-error', 'The card reader failed.', undefined, { cause: error });
  }
}
