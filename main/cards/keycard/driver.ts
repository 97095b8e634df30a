// The Keycard behind the card-family seam: its applet AID, its credential rules and
// capabilities as data, and a session that adds to the protocol session (session.ts) what
// the rest of main expects of any card: pairing with the saved pairings, attestation against
// the trusted keys, set-up, loading a wallet from a seed. Keycard-only features (pairing
// slots, the duress PIN, the card's metadata) stay here, behind the seam's optional facets.
import { bytesToHex } from '@noble/hashes/utils.js';
import type {
  Attestation,
  CardCapability,
  CardStatus,
  CredentialRules,
  KeycardInfo,
} from '../../../preload/api';
import { LifeboatError } from '../../errors';
import { masterKeyMaterial } from '../../secrets/derivation';
import type { CardChannel } from '../channel';
import type {
  CardDriver,
  CardLabel,
  CardSession,
  ConnectOptions,
  ExtendedPublicKey,
  PairingSlots,
  SetUpRequest,
  SignResult,
  WalletKeys,
} from '../family';
import type { SecretInput } from '../secret-input';
import { KEYCARD_INSTANCE_AID, hasCapability } from './application-info';
import { attest, keycardTrustedCaKeys } from './attestation';
import { cardKeyOf, secureKeycard } from './connect';
import { PIN_LENGTH, PUK_LENGTH, randomPin } from './credentials';
import { metadataIndices } from './metadata';
import { pairingSecretFromPassword } from './pairing';
import type { PairingStore } from './pairing-store';
import { KeycardSession, PIN_RETRIES, PUK_RETRIES } from './session';

export const KEYCARD_RULES: CredentialRules = Object.freeze({
  pin: Object.freeze({ minLength: PIN_LENGTH, maxLength: PIN_LENGTH, alphabet: 'digits' }),
  puk: Object.freeze({ minLength: PUK_LENGTH, maxLength: PUK_LENGTH, alphabet: 'digits' }),
  pairing: true,
  // What INIT sets when nothing else is asked for are the applet's own defaults.
  pinTries: Object.freeze({ ...PIN_RETRIES, default: 3 }),
  pukTries: Object.freeze({ ...PUK_RETRIES, default: 5 }),
  changePinAsksCurrent: false,
  unblockSetsPin: true,
  pukExhausted: 'locked',
});

/** 8 checksum bits: the longest phrase GENERATE MNEMONIC makes, 24 words. */
const MNEMONIC_CHECKSUM_BITS = 8;

const ALWAYS: readonly CardCapability[] = [
  'attest',
  'accounts',
  'sign',
  'import-seed',
  'generate-key',
  'change-pin',
  'change-puk',
  'unblock',
  'unpair',
  'duress-pin',
];

export interface KeycardDriverOptions {
  pairings: PairingStore;
  /**
   * Hex CA keys the person added, whose certificates count as genuine besides the built-in
   * production key; read at each attestation.
   */
  trustedCaKeys: () => readonly string[];
}

export function keycardDriver(options: KeycardDriverOptions): CardDriver {
  return {
    family: 'keycard',
    aids: [KEYCARD_INSTANCE_AID],
    open: async (channel: CardChannel, { answer }) =>
      new KeycardCard(KeycardSession.fromSelectAnswer(channel, answer), options),
  };
}

class KeycardCard implements CardSession {
  readonly family = 'keycard';
  readonly keys: WalletKeys;
  readonly pairingSlots: PairingSlots;
  /** The channel is open with the pairing saved for this card (not an ephemeral one). */
  private openedWithSaved = false;

  constructor(
    private readonly session: KeycardSession,
    private readonly options: KeycardDriverOptions,
  ) {
    this.keys = {
      exportPublicKey: (path: string): Promise<Uint8Array> => session.exportPublicKey(path),
      exportExtendedPublicKey: (path: string): Promise<ExtendedPublicKey> =>
        session.exportExtendedPublicKey(path),
      sign: (digest: Uint8Array, path: string): Promise<SignResult> => session.sign(digest, path),
      importSeed: (seed) => this.importSeed(seed),
      generateKey: () => session.generateKey(),
    };
    this.pairingSlots = {
      unpair: (index) => this.unpair(index),
      saved: async () =>
        session.info.initialized &&
        (await options.pairings.get(this.uid(), cardKeyOf(session))) !== undefined,
    };
  }

  get channel(): CardChannel {
    return this.session.channel;
  }

  get info(): KeycardInfo {
    const info = this.session.info;
    if (!info.initialized) {
      return {
        family: 'keycard',
        version: '',
        initialized: false,
        instanceUid: '',
        rules: KEYCARD_RULES,
        // A blank card has nothing to reset (the applet refuses it).
        capabilities: [...ALWAYS],
      };
    }
    const keyUid = this.session.keyUid;
    return {
      family: 'keycard',
      version: `${info.version.major}.${info.version.minor}`,
      initialized: true,
      instanceUid: bytesToHex(info.instanceUid),
      ...(keyUid ? { keyUid: bytesToHex(keyUid) } : {}),
      freePairingSlots: info.freePairingSlots,
      rules: KEYCARD_RULES,
      capabilities: hasCapability(info, 'factoryReset')
        ? [...ALWAYS, 'factory-reset']
        : [...ALWAYS],
    };
  }

  get connected(): boolean {
    // A channel dropped after a transmission error is reopened by the next command.
    return this.session.pairing !== undefined;
  }

  get unlocked(): boolean {
    return this.session.pinVerified;
  }

  attest(): Promise<Attestation> {
    return attest(this.session, keycardTrustedCaKeys(this.options.trustedCaKeys()));
  }

  async connect(options: ConnectOptions = {}): Promise<CardStatus> {
    if (this.session.pairing !== undefined) return this.session.getStatus();
    const secured = await secureKeycard(this.session, {
      pairings: this.options.pairings,
      ...(options.pairingPassword === undefined
        ? {}
        : { pairingPassword: options.pairingPassword }),
      ...(options.remember === undefined ? {} : { remember: options.remember }),
    });
    this.openedWithSaved = secured.pairingStored;
    return secured.status;
  }

  status(): Promise<CardStatus> {
    return this.session.getStatus();
  }

  verifyPin(pin: SecretInput): Promise<void> {
    return this.session.verifyPin(pin);
  }

  async unblockPin(puk: SecretInput, newPin?: SecretInput): Promise<void> {
    if (newPin === undefined)
      throw new LifeboatError('invalid-input', 'A Keycard sets a new PIN when it is unblocked.');
    return this.session.unblockPin(puk, newPin);
  }

  changePin(newPin: SecretInput): Promise<void> {
    return this.session.changePin(newPin);
  }

  changePuk(newPuk: SecretInput): Promise<void> {
    return this.session.changePuk(newPuk);
  }

  /** INIT, then PAIR (saving the pairing), OPEN SECURE CHANNEL and VERIFY PIN. */
  async setUp(request: SetUpRequest): Promise<CardStatus> {
    const { session } = this;
    if (session.info.initialized)
      throw new LifeboatError('already-initialized', 'This card is already set up.');
    if (request.puk === undefined || request.pairingPassword === undefined)
      throw new LifeboatError('invalid-input', 'A Keycard needs a PUK and a pairing password.');
    const pairingSecret = await pairingSecretFromPassword(request.pairingPassword);
    // Without a chosen duress PIN the applet would take the PUK's first six digits, which
    // opens the decoy wallet for anyone who types half their PUK as the PIN.
    const duressPin = request.duressPin ?? randomPin(request.pin);
    try {
      await session.init({
        pin: request.pin,
        puk: request.puk,
        pairingSecret,
        pinRetries: request.pinRetries ?? KEYCARD_RULES.pinTries.default,
        pukRetries: request.pukRetries ?? KEYCARD_RULES.pukTries!.default,
        duressPin,
      });
      // A card this computer sets up keeps its pairing here, so using it later needs no password.
      const pairing = await session.pair(pairingSecret);
      await this.options.pairings.set(this.uid(), pairing, cardKeyOf(session));
      await session.openSecureChannel(pairing);
      this.openedWithSaved = true;
    } finally {
      pairingSecret.fill(0);
      if (duressPin instanceof Uint8Array) duressPin.fill(0);
    }
    await session.verifyPin(request.pin);
    return session.getStatus();
  }

  /**
   * The saved pairing is forgotten only where this session's channel showed that the card is
   * the one it was saved for; otherwise it stays, harmless, since a reset card has a new UID.
   */
  async factoryReset(): Promise<void> {
    const { session } = this;
    const proven = this.openedWithSaved
      ? { uid: this.uid(), cardKey: cardKeyOf(session) }
      : undefined;
    await session.factoryReset();
    this.openedWithSaved = false;
    if (proven) await this.options.pairings.delete(proven.uid, proven.cardKey);
  }

  async readLabel(maxIndices: number): Promise<CardLabel | undefined> {
    const metadata = await this.session.getMetadata();
    return (
      metadata && { name: metadata.name, accountIndices: metadataIndices(metadata, maxIndices) }
    );
  }

  async instanceId(): Promise<string> {
    return this.uid();
  }

  /**
   * GENERATE MNEMONIC's 24 word indices (256 random bits and an 8-bit checksum, as two bytes
   * each): the card's generator answers and loads nothing, unlike GENERATE KEY, whose key
   * stays on the card with no way to copy it.
   */
  async randomBytes(): Promise<Uint8Array> {
    const indices = await this.session.generateMnemonic(MNEMONIC_CHECKSUM_BITS);
    const bytes = new Uint8Array(indices.length * 2);
    indices.forEach((index, i) => {
      bytes[2 * i] = index >> 8;
      bytes[2 * i + 1] = index & 0xff;
    });
    indices.fill(0);
    return bytes;
  }

  close(): Promise<void> {
    return this.session.close();
  }

  /** LOAD KEY with the seed's master key, which every applet version takes. */
  private async importSeed(seed: Uint8Array): Promise<Uint8Array> {
    const key = masterKeyMaterial(seed);
    try {
      return await this.session.loadKey(key);
    } finally {
      key.privateKey.fill(0);
      key.chainCode.fill(0);
    }
  }

  private async unpair(index?: number): Promise<void> {
    const { session } = this;
    const own = session.pairing;
    const target = index ?? own?.index;
    if (target === undefined)
      throw new LifeboatError('not-paired', 'Lifeboat is not paired with this card.');
    await session.unpair(target);
    if (own && target === own.index && this.openedWithSaved) {
      await this.options.pairings.delete(this.uid(), cardKeyOf(session));
      this.openedWithSaved = false;
    }
  }

  private uid(): string {
    return bytesToHex(this.session.initializedInfo.instanceUid);
  }
}
