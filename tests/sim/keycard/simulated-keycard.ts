// A simulated Status Keycard: the card runtime around the applets (ATR, SELECT routing,
// power loss) plus the Keycard and Ident applets and fault bookkeeping. It answers exactly
// what the 3.1/3.2 applet answers; the reader shells in this folder put it behind pcscd or
// an in-process CardChannel.
import { equalBytes } from '@noble/curves/utils.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { mnemonicToSeedSync, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { LifeboatError } from '../../../main/errors';
import { ApduBuffer, SW, statusWord, statusWordOf } from './apdu-buffer';
import { FaultSchedule, type Exchange, type Faults } from './faults';
import { processIdent, selectIdent } from './ident-applet';
import { provisionIdentity, type CertificateKind } from './identity';
import {
  KeycardApplet,
  PIN_LENGTH,
  PIN_RETRIES,
  PUK_LENGTH,
  PUK_RETRIES,
  type AppletVersion,
} from './keycard-applet';
import { createSharedMemory, type SharedMemory } from './shared-memory';

/** The NXP JCOP4 (J3R180) answer to reset Keycards ship on: T=1, TCK 0x0A. */
const ATR = hexToBytes('3bd518ff8191fe1fc38073c821100a');
const KEYCARD_INSTANCE_AID = hexToBytes('a000000804000101' + '01');
const IDENT_INSTANCE_AID = hexToBytes('a000000804000104' + '01');
const INS_SELECT = 0xa4;
const SELECT_BY_NAME = 0x04;
const PAIRING_SALT = 'Keycard Pairing Password Salt';
const PAIRING_ITERATIONS = 50_000;

export interface SimulatedKeycardOptions {
  /** Default '3.1' (SELECT version 03 01 / 03 02). */
  version?: AppletVersion;
  /** Default 5 for 3.1 (3.1.1+ cards have 100), 10 for 3.2 (which adds the ephemeral slot 0xFF). */
  pairingSlots?: number;
  /** Default 'test-ca'. */
  certificate?: CertificateKind;
  /** 16 bytes; default random. */
  instanceUid?: Uint8Array;
}

/** Direct set-up for tests, bypassing INIT/LOAD KEY over APDUs. */
export interface CardSetup {
  pin: string;
  puk: string;
  pairingPassword: string;
  /** Defaults 3 / 5. */
  pinRetries?: number;
  pukRetries?: number;
  /** Default: the first 6 digits of the PUK, exactly like the applet. */
  duressPin?: string;
  /** Loads the BIP-39 seed like LOAD KEY P1=03. */
  mnemonic?: string;
  passphrase?: string;
  /** Or a raw BIP-32 seed (16..64 bytes; exactly 64 on 3.1, like LOAD KEY P1=03). */
  seed?: Uint8Array;
}

export interface SimulatedKeycardState {
  initialized: boolean;
  instanceUid: string;
  pinTriesLeft: number;
  pukTriesLeft: number;
  freePairingSlots: number;
  keyUid: string | undefined;
  apduCount: number;
}

/** PBKDF2-HMAC-SHA256(NFKD(password), "Keycard Pairing Password Salt", 50000) as the clients compute it. */
export function pairingSecretFor(password: string): Uint8Array {
  return pbkdf2(sha256, utf8ToBytes(password.normalize('NFKD')), utf8ToBytes(PAIRING_SALT), {
    c: PAIRING_ITERATIONS,
    dkLen: 32,
  });
}

function digits(value: string, length: number, what: string): Uint8Array {
  if (!new RegExp(`^[0-9]{${length}}$`).test(value)) {
    throw new LifeboatError(
      'invalid-input',
      `The simulated card's ${what} must be ${length} digits.`,
    );
  }
  return utf8ToBytes(value);
}

function retries(
  value: number | undefined,
  range: { min: number; max: number; default: number },
  what: string,
): number {
  const chosen = value ?? range.default;
  if (!Number.isInteger(chosen) || chosen < range.min || chosen > range.max) {
    throw new LifeboatError(
      'invalid-input',
      `The simulated card's ${what} limit must be ${range.min} to ${range.max}.`,
    );
  }
  return chosen;
}

export class SimulatedKeycard {
  readonly atr: Uint8Array = ATR.slice();
  private readonly shared: SharedMemory;
  private readonly applet: KeycardApplet;
  private selected: 'keycard' | 'ident' | undefined;
  private apdus = 0;
  private lastWrapped = false;
  private schedule = new FaultSchedule({});

  constructor(options: SimulatedKeycardOptions = {}) {
    const version = options.version ?? '3.1';
    const instanceUid = options.instanceUid ?? randomBytes(16);
    if (instanceUid.length !== 16) {
      throw new LifeboatError('invalid-input', 'A Keycard instance UID is 16 bytes.');
    }
    const pairingSlots = options.pairingSlots ?? (version === '3.2' ? 10 : 5);
    if (!Number.isInteger(pairingSlots) || pairingSlots < 1 || pairingSlots > 127) {
      throw new LifeboatError('invalid-input', 'A Keycard has 1 to 127 pairing slots.');
    }
    this.shared = createSharedMemory(
      provisionIdentity(options.certificate ?? 'test-ca'),
      version === '3.2' ? 512 : 224,
    );
    this.applet = new KeycardApplet({ version, pairingSlots, instanceUid }, this.shared);
  }

  /** A card already through INIT (and LOAD KEY P1=03 when a mnemonic or seed is given). */
  static initialized(setup: CardSetup, options: SimulatedKeycardOptions = {}): SimulatedKeycard {
    const card = new SimulatedKeycard(options);
    const puk = digits(setup.puk, PUK_LENGTH, 'PUK');
    const seed = card.seedFor(setup);
    card.applet.personalize({
      pin: digits(setup.pin, PIN_LENGTH, 'PIN'),
      puk,
      duressPin:
        setup.duressPin === undefined
          ? puk.slice(0, PIN_LENGTH)
          : digits(setup.duressPin, PIN_LENGTH, 'duress PIN'),
      pairingSecret: pairingSecretFor(setup.pairingPassword),
      pinRetries: retries(setup.pinRetries, PIN_RETRIES, 'PIN try'),
      pukRetries: retries(setup.pukRetries, PUK_RETRIES, 'PUK try'),
    });
    if (seed) {
      card.applet.loadSeed(seed);
      seed.fill(0);
    }
    return card;
  }

  /** One C-APDU in, one R-APDU out (data ‖ SW1 SW2), exactly as the 3.1/3.2 applet answers. */
  transmit(apdu: Uint8Array): Uint8Array {
    this.apdus += 1;
    this.lastWrapped = false;
    let buffer: ApduBuffer;
    try {
      buffer = new ApduBuffer(apdu);
    } catch (error) {
      return statusWord(statusWordOf(error));
    }
    if ((buffer.cla & 0x80) === 0 && buffer.ins === INS_SELECT && buffer.p1 === SELECT_BY_NAME) {
      return this.select(buffer.data());
    }
    switch (this.selected) {
      case 'keycard': {
        const response = this.applet.process(buffer);
        this.lastWrapped = this.applet.lastReplyWrapped;
        return response;
      }
      case 'ident':
        try {
          return processIdent(this.shared, buffer);
        } catch (error) {
          return statusWord(statusWordOf(error));
        }
      default:
        // No applet selected (after power-up): the card manager knows none of these commands.
        return statusWord(SW.INS_NOT_SUPPORTED);
    }
  }

  /** Power cycle / reader reset: drops the selection and everything CLEAR_ON_RESET/DESELECT. */
  reset(): void {
    this.applet.powerLoss();
    this.selected = undefined;
  }

  /** Counters count from the moment the faults are set; each counted fault fires once. */
  get faults(): Readonly<Faults> {
    return this.schedule.remaining;
  }

  set faults(faults: Faults) {
    this.schedule = new FaultSchedule(faults);
  }

  /**
   * Puts another wallet on the card, as LOAD KEY P1=03 would, without a command: a card that
   * changed behind the back of whoever loaded it (another program, a faulty card).
   */
  replaceSeed(seed: Uint8Array): void {
    if (!this.applet.seedLengthAllowed(seed.length))
      throw new LifeboatError(
        'invalid-input',
        'This applet version cannot load a seed of that length.',
      );
    this.applet.loadSeed(seed);
  }

  /** Read-only view for assertions. */
  get state(): SimulatedKeycardState {
    return {
      initialized: this.applet.initialized,
      instanceUid: this.applet.instanceUid,
      pinTriesLeft: this.applet.pinTriesLeft,
      pukTriesLeft: this.applet.pukTriesLeft,
      freePairingSlots: this.applet.freePairingSlots,
      keyUid: this.applet.keyUid,
      apduCount: this.apdus,
    };
  }

  /** For the reader shells: the answer to `apdu` after the faults have had their say. */
  exchange(apdu: Uint8Array): Exchange {
    const response = this.transmit(apdu);
    return this.schedule.apply(response, this.lastWrapped);
  }

  private select(aid: Uint8Array): Uint8Array {
    const target = equalBytes(aid, KEYCARD_INSTANCE_AID)
      ? 'keycard'
      : equalBytes(aid, IDENT_INSTANCE_AID)
        ? 'ident'
        : undefined;
    if (!target) return statusWord(SW.FILE_NOT_FOUND);
    if (this.selected === 'keycard') this.applet.deselect();
    this.selected = target;
    return target === 'keycard' ? this.applet.select() : selectIdent(this.shared);
  }

  private seedFor(setup: CardSetup): Uint8Array | undefined {
    if (setup.mnemonic !== undefined && setup.seed !== undefined) {
      throw new LifeboatError(
        'invalid-input',
        'Give the simulated card a mnemonic or a seed, not both.',
      );
    }
    let seed: Uint8Array | undefined;
    if (setup.mnemonic !== undefined) {
      if (!validateMnemonic(setup.mnemonic, wordlist)) {
        throw new LifeboatError(
          'invalid-mnemonic-checksum',
          'The simulated card was given an invalid BIP-39 phrase.',
        );
      }
      seed = mnemonicToSeedSync(setup.mnemonic, setup.passphrase ?? '');
    } else if (setup.seed !== undefined) {
      seed = setup.seed.slice();
    }
    if (seed && !this.applet.seedLengthAllowed(seed.length)) {
      throw new LifeboatError(
        'invalid-input',
        'This applet version cannot load a seed of that length.',
      );
    }
    return seed;
  }
}
