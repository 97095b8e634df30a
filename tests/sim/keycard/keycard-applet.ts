// The Keycard applet (KeycardApplet.java, 3.1.x and 3.2), command by command, with the
// same checks in the same order and the same status words. Errors while a secure channel is
// open come back wrapped in a 9000 answer, except 6982; an error raised before the command
// was unwrapped is wrapped with the card's previous IV, exactly as on the card.
import { bytesToHex, concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import {
  CryptoException,
  IsoException,
  OFFSET_CDATA,
  OutOfBounds,
  SW,
  isoError,
  statusWord,
  statusWordOf,
  withStatus,
  type ApduBuffer,
} from './apdu-buffer';
import { fixS, signPrehashDer } from './ecdsa-der';
import { identifyTemplate } from './identity';
import { OwnerPin } from './owner-pin';
import { CardSecureChannel } from './secure-channel';
import type { SharedMemory } from './shared-memory';
import { SOURCE_CURRENT, SOURCE_PINLESS, WalletKeys } from './wallet-keys';

export type AppletVersion = '3.1' | '3.2';

export interface AppletOptions {
  version: AppletVersion;
  pairingSlots: number;
  instanceUid: Uint8Array;
}

/** What INIT stores, already checked. */
export interface Personalization {
  pin: Uint8Array;
  puk: Uint8Array;
  duressPin: Uint8Array;
  pairingSecret: Uint8Array;
  pinRetries: number;
  pukRetries: number;
}

export const PIN_LENGTH = 6;
export const PUK_LENGTH = 12;
export const PIN_RETRIES = { min: 2, max: 10, default: 3 } as const;
export const PUK_RETRIES = { min: 3, max: 12, default: 5 } as const;

const INS = {
  OPEN_SECURE_CHANNEL: 0x10,
  MUTUALLY_AUTHENTICATE: 0x11,
  PAIR: 0x12,
  UNPAIR: 0x13,
  IDENTIFY_CARD: 0x14,
  VERIFY_PIN: 0x20,
  CHANGE_PIN: 0x21,
  UNBLOCK_PIN: 0x22,
  SIGN: 0xc0,
  SET_PINLESS_PATH: 0xc1,
  EXPORT_KEY: 0xc2,
  GET_DATA: 0xca,
  LOAD_KEY: 0xd0,
  DERIVE_KEY: 0xd1,
  GENERATE_MNEMONIC: 0xd2,
  REMOVE_KEY: 0xd3,
  GENERATE_KEY: 0xd4,
  STORE_DATA: 0xe2,
  GET_STATUS: 0xf2,
  FACTORY_RESET: 0xfd,
  INIT: 0xfe,
} as const;

const CAPABILITIES = 0x1f;
const SECRET_LENGTH = 32;
const HASH_LENGTH = 32;
const INIT_LENGTHS = { plain: 50, withLimits: 52, withDuress: 58 } as const;
const PUBLIC_DATA_SIZE = 128;
/** 3.2's GET DATA P1=01 answers at most one secure-channel payload of the NDEF file. */
const MAX_PLAIN_LENGTH = 223;

const TAG = {
  SIGNATURE_TEMPLATE: 0xa0,
  KEY_TEMPLATE: 0xa1,
  APPLICATION_STATUS: 0xa3,
  APPLICATION_INFO: 0xa4,
  PUBLIC_KEY: 0x80,
  PRIVATE_KEY: 0x81,
  CHAIN_CODE: 0x82,
  CAPABILITIES: 0x8d,
  KEY_UID: 0x8e,
  INSTANCE_UID: 0x8f,
  INT: 0x02,
  BOOL: 0x01,
} as const;

interface Credentials {
  main: OwnerPin;
  alt: OwnerPin;
  puk: OwnerPin;
  /** The applet's `pin` reference: the main PIN after SELECT, the duress PIN once it verified. */
  current: OwnerPin;
}

function signed(byte: number): number {
  return (byte << 24) >> 24;
}

function allDigits(bytes: Uint8Array): boolean {
  return bytes.every((b) => b >= 0x30 && b <= 0x39);
}

export class KeycardApplet {
  private uid: Uint8Array;
  private credentials: Credentials | undefined;
  private secureChannel: CardSecureChannel | undefined;
  private readonly keys = new WalletKeys();
  private readonly publicData = new Uint8Array(PUBLIC_DATA_SIZE);
  /** Whether the last answer went through the secure channel (for fault injection). */
  lastReplyWrapped = false;

  constructor(
    private readonly options: AppletOptions,
    private readonly shared: SharedMemory,
  ) {
    this.uid = options.instanceUid.slice();
  }

  get initialized(): boolean {
    return this.credentials !== undefined;
  }

  get instanceUid(): string {
    return bytesToHex(this.uid);
  }

  get pinTriesLeft(): number {
    return this.credentials?.main.triesRemaining ?? 0;
  }

  get pukTriesLeft(): number {
    return this.credentials?.puk.triesRemaining ?? 0;
  }

  get freePairingSlots(): number {
    return this.secureChannel?.remainingSlots ?? this.options.pairingSlots;
  }

  get keyUid(): string | undefined {
    const uid = this.keys.keyUid;
    return uid && bytesToHex(uid);
  }

  /** SELECT of this applet. */
  select(): Uint8Array {
    this.lastReplyWrapped = false;
    const channel = this.channel();
    const credentials = this.credentials;
    if (!credentials)
      return withStatus(concatBytes(Uint8Array.of(TAG.PUBLIC_KEY, 65), channel.publicKey));
    credentials.alt.reset();
    credentials.main.reset();
    credentials.puk.reset();
    channel.reset();
    credentials.current = credentials.main;
    const keyUid = this.keys.keyUid ?? new Uint8Array(0);
    const body = concatBytes(
      Uint8Array.of(TAG.INSTANCE_UID, this.uid.length),
      this.uid,
      Uint8Array.of(TAG.PUBLIC_KEY, 65),
      channel.publicKey,
      Uint8Array.of(TAG.INT, 2, 0x03, this.options.version === '3.2' ? 0x02 : 0x01),
      Uint8Array.of(TAG.INT, 1, channel.remainingSlots),
      Uint8Array.of(TAG.KEY_UID, keyUid.length),
      keyUid,
      Uint8Array.of(TAG.CAPABILITIES, 1, CAPABILITIES),
    );
    // The applet inserts the 0x81 long-form marker only when a key is loaded (body > 127).
    const header = this.keys.hasKey
      ? Uint8Array.of(TAG.APPLICATION_INFO, 0x81, body.length)
      : Uint8Array.of(TAG.APPLICATION_INFO, body.length);
    return withStatus(concatBytes(header, body));
  }

  /** Another applet was selected, or this one again: CLEAR_ON_DESELECT memory is gone. */
  deselect(): void {
    this.secureChannel?.clearTransient();
  }

  powerLoss(): void {
    this.secureChannel?.clearTransient();
    this.credentials?.main.powerLoss();
    this.credentials?.alt.powerLoss();
    this.credentials?.puk.powerLoss();
    this.keys.powerLoss();
  }

  /** Any command but SELECT. */
  process(buffer: ApduBuffer): Uint8Array {
    this.lastReplyWrapped = false;
    if (!this.credentials) return this.processUninitialized(buffer);
    const channel = this.channel();
    let reply: Uint8Array | undefined;
    try {
      reply = this.dispatch(buffer, channel);
    } catch (error) {
      const sw = statusWordOf(error);
      if (this.secureChannel?.isOpen() && sw !== SW.SECURITY_STATUS_NOT_SATISFIED) {
        return this.wrap(new Uint8Array(0), sw);
      }
      return statusWord(sw);
    }
    if (reply) return reply;
    return this.secureChannel?.isOpen() ? this.wrap(new Uint8Array(0)) : statusWord(SW.OK);
  }

  /** The state change of a successful INIT. */
  personalize(values: Personalization): void {
    this.channel().initSecureChannel(values.pairingSecret);
    const main = new OwnerPin(values.pinRetries, values.pin);
    this.credentials = {
      main,
      alt: new OwnerPin(values.pinRetries, values.duressPin),
      puk: new OwnerPin(values.pukRetries, values.puk),
      current: main,
    };
  }

  /** LOAD KEY P1=03's key store update; `seed` must fit the version's length rule. */
  loadSeed(seed: Uint8Array): Uint8Array {
    return this.keys.loadSeed(seed);
  }

  seedLengthAllowed(length: number): boolean {
    return this.options.version === '3.2' ? length >= 16 && length <= 64 : length === 64;
  }

  private channel(): CardSecureChannel {
    this.secureChannel ??= new CardSecureChannel({
      slots: this.options.pairingSlots,
      ephemeralPairing: this.options.version === '3.2',
    });
    return this.secureChannel;
  }

  private wrap(data: Uint8Array, sw: number = SW.OK): Uint8Array {
    this.lastReplyWrapped = true;
    return this.channel().respond(data, sw);
  }

  /** Plain answer, or wrapped when a channel is open (GET DATA, SIGN, IDENTIFY). */
  private reply(data: Uint8Array): Uint8Array {
    return this.secureChannel?.isOpen() ? this.wrap(data) : withStatus(data);
  }

  /** Before INIT only INIT and IDENTIFY exist; exceptions are not caught by the applet here. */
  private processUninitialized(buffer: ApduBuffer): Uint8Array {
    try {
      if (buffer.ins === INS.INIT) {
        this.init(buffer);
        return statusWord(SW.OK);
      }
      if (buffer.ins === INS.IDENTIFY_CARD) return this.identify(buffer, false);
      isoError(SW.INS_NOT_SUPPORTED);
    } catch (error) {
      // processInit runs outside the applet's try/catch, so the runtime answers 6F00 for
      // anything but an ISOException.
      const sw = statusWordOf(error);
      return statusWord(error instanceof IsoException ? sw : SW.UNKNOWN);
    }
  }

  private dispatch(buffer: ApduBuffer, channel: CardSecureChannel): Uint8Array | undefined {
    switch (buffer.ins) {
      case INS.OPEN_SECURE_CHANNEL:
        return channel.openSecureChannel(buffer);
      case INS.MUTUALLY_AUTHENTICATE:
        return this.wrap(channel.mutuallyAuthenticate(buffer));
      case INS.PAIR:
        return channel.pair(buffer);
      case INS.UNPAIR:
        channel.preprocess(buffer);
        this.requirePin();
        channel.unpair(buffer);
        return undefined;
      case INS.IDENTIFY_CARD:
        return this.identify(buffer, true);
      case INS.GET_STATUS:
        return this.getStatus(buffer, channel);
      case INS.VERIFY_PIN:
        this.verifyPin(buffer, channel);
        return undefined;
      case INS.CHANGE_PIN:
        this.changePin(buffer, channel);
        return undefined;
      case INS.UNBLOCK_PIN:
        this.unblockPin(buffer, channel);
        return undefined;
      case INS.LOAD_KEY:
        return this.loadKey(buffer, channel);
      case INS.DERIVE_KEY:
        this.deriveKey(buffer, channel);
        return undefined;
      case INS.GENERATE_MNEMONIC:
        return this.generateMnemonic(buffer, channel);
      case INS.REMOVE_KEY:
        channel.preprocess(buffer);
        this.requirePin();
        this.keys.clear();
        return undefined;
      case INS.GENERATE_KEY:
        channel.preprocess(buffer);
        this.requirePin();
        return this.wrap(this.keys.loadSeed(randomBytes(64)));
      case INS.SIGN:
        return this.sign(buffer, channel);
      case INS.SET_PINLESS_PATH: {
        const length = channel.preprocess(buffer);
        this.requirePin();
        this.keys.setPinlessPath(buffer.read(OFFSET_CDATA, length));
        return undefined;
      }
      case INS.EXPORT_KEY:
        return this.exportKey(buffer, channel);
      case INS.GET_DATA:
        return this.getData(buffer, channel);
      case INS.STORE_DATA:
        this.storeData(buffer, channel);
        return undefined;
      case INS.FACTORY_RESET:
        return this.factoryReset(buffer);
      default:
        isoError(SW.INS_NOT_SUPPORTED);
    }
  }

  private requirePin(): Credentials {
    const credentials = this.credentials!;
    if (!credentials.current.isValidated) isoError(SW.CONDITIONS_NOT_SATISFIED);
    return credentials;
  }

  private init(buffer: ApduBuffer): void {
    this.channel().oneShotDecrypt(buffer);
    const length = buffer.s8(4);
    const lengths: number[] = Object.values(INIT_LENGTHS);
    if (
      !lengths.includes(length) ||
      !allDigits(buffer.read(OFFSET_CDATA, PIN_LENGTH + PUK_LENGTH))
    ) {
      isoError(SW.WRONG_DATA);
    }
    let pinRetries: number = PIN_RETRIES.default;
    let pukRetries: number = PUK_RETRIES.default;
    // Without an explicit duress PIN the applet takes the first six digits of the PUK.
    let duressOffset = OFFSET_CDATA + PIN_LENGTH;
    if (length >= INIT_LENGTHS.withLimits) {
      pinRetries = buffer.s8(OFFSET_CDATA + INIT_LENGTHS.plain);
      pukRetries = buffer.s8(OFFSET_CDATA + INIT_LENGTHS.plain + 1);
      if (
        pinRetries < PIN_RETRIES.min ||
        pinRetries > PIN_RETRIES.max ||
        pukRetries < PUK_RETRIES.min ||
        pukRetries > PUK_RETRIES.max
      ) {
        isoError(SW.WRONG_DATA);
      }
      if (length === INIT_LENGTHS.withDuress) duressOffset = OFFSET_CDATA + INIT_LENGTHS.withLimits;
    }
    this.personalize({
      pin: buffer.read(OFFSET_CDATA, PIN_LENGTH),
      puk: buffer.read(OFFSET_CDATA + PIN_LENGTH, PUK_LENGTH),
      duressPin: buffer.read(duressOffset, PIN_LENGTH),
      pairingSecret: buffer.read(OFFSET_CDATA + PIN_LENGTH + PUK_LENGTH, SECRET_LENGTH),
      pinRetries,
      pukRetries,
    });
  }

  private identify(buffer: ApduBuffer, initialized: boolean): Uint8Array {
    const open = initialized && this.secureChannel?.isOpen() === true;
    const length = open ? this.channel().preprocess(buffer) : buffer.lc;
    const identity = this.shared.identity;
    if (!identity) isoError(SW.CONDITIONS_NOT_SATISFIED);
    if (length !== HASH_LENGTH) isoError(SW.WRONG_DATA);
    const template = identifyTemplate(identity, buffer.read(OFFSET_CDATA, HASH_LENGTH));
    return open ? this.wrap(template) : withStatus(template);
  }

  private getStatus(buffer: ApduBuffer, channel: CardSecureChannel): Uint8Array {
    channel.preprocess(buffer);
    const credentials = this.credentials!;
    if (buffer.p1 === 0x00) {
      return this.wrap(
        Uint8Array.of(
          TAG.APPLICATION_STATUS,
          9,
          TAG.INT,
          1,
          credentials.current.triesRemaining,
          TAG.INT,
          1,
          credentials.puk.triesRemaining,
          TAG.BOOL,
          1,
          this.keys.hasKey ? 0xff : 0x00,
        ),
      );
    }
    if (buffer.p1 === 0x01) return this.wrap(this.keys.currentPath);
    isoError(SW.INCORRECT_P1P2);
  }

  private verifyPin(buffer: ApduBuffer, channel: CardSecureChannel): void {
    const length = signed(channel.preprocess(buffer));
    const pin = buffer.read(OFFSET_CDATA, Math.max(length, 0));
    if (!(length === PIN_LENGTH && allDigits(pin))) isoError(SW.WRONG_DATA);
    const credentials = this.credentials!;
    // Both PINs are always checked, so a wrong PIN spends a try of each.
    const matches = (credentials.main.check(pin) ? 1 : 0) + (credentials.alt.check(pin) ? 2 : 0);
    if (matches === 0) isoError(0x63c0 | credentials.current.triesRemaining);
    if (matches === 1) {
      this.keys.useChain(false);
      credentials.alt.resetAndUnblock();
      credentials.current = credentials.main;
    } else {
      // The duress PIN wins when both are equal.
      this.keys.useChain(true);
      credentials.main.resetAndUnblock();
      credentials.current = credentials.alt;
    }
  }

  private changePin(buffer: ApduBuffer, channel: CardSecureChannel): void {
    const length = signed(channel.preprocess(buffer));
    const credentials = this.requirePin();
    const value = buffer.read(OFFSET_CDATA, Math.max(length, 0));
    switch (buffer.p1) {
      case 0x00:
        if (!(length === PIN_LENGTH && allDigits(value))) isoError(SW.WRONG_DATA);
        credentials.current.update(value);
        credentials.current.check(value);
        return;
      case 0x01:
        if (!(length === PUK_LENGTH && allDigits(value))) isoError(SW.WRONG_DATA);
        credentials.puk.update(value);
        return;
      case 0x02:
        if (length !== SECRET_LENGTH) isoError(SW.WRONG_DATA);
        channel.updatePairingSecret(value);
        return;
      default:
        isoError(SW.INCORRECT_P1P2);
    }
  }

  private unblockPin(buffer: ApduBuffer, channel: CardSecureChannel): void {
    const length = signed(channel.preprocess(buffer));
    const credentials = this.credentials!;
    if (credentials.current.triesRemaining !== 0) isoError(SW.CONDITIONS_NOT_SATISFIED);
    const value = buffer.read(OFFSET_CDATA, Math.max(length, 0));
    if (!(length === PUK_LENGTH + PIN_LENGTH && allDigits(value))) isoError(SW.WRONG_DATA);
    if (!credentials.puk.check(value.subarray(0, PUK_LENGTH))) {
      isoError(0x63c0 | credentials.puk.triesRemaining);
    }
    const pin = value.subarray(PUK_LENGTH);
    credentials.alt.resetAndUnblock();
    credentials.main.resetAndUnblock();
    credentials.current.update(pin);
    credentials.current.check(pin);
    credentials.puk.reset();
  }

  private loadKey(buffer: ApduBuffer, channel: CardSecureChannel): Uint8Array {
    channel.preprocess(buffer);
    this.requirePin();
    switch (buffer.p1) {
      case 0x01:
      case 0x02:
        return this.wrap(this.loadKeyPair(buffer));
      case 0x03: {
        const length = buffer.s8(4);
        if (!this.seedLengthAllowed(length)) isoError(SW.WRONG_DATA);
        return this.wrap(this.keys.loadSeed(buffer.read(OFFSET_CDATA, length)));
      }
      default:
        isoError(SW.INCORRECT_P1P2);
    }
  }

  /**
   * The TLV walk of loadKeyPair, offset for offset: `A1 [81] LL [80 LL pub] 81 LL priv
   * [82 LL chain]`, reading lengths as signed bytes. Only the presence of tag 82 makes the
   * key extended.
   */
  private loadKeyPair(buffer: ApduBuffer): Uint8Array {
    let publicOffset = OFFSET_CDATA + (buffer.s8(OFFSET_CDATA + 1) === signed(0x81) ? 3 : 2);
    let privateOffset = publicOffset + buffer.s8(publicOffset + 1) + 2;
    let chainOffset = privateOffset + buffer.s8(privateOffset + 1) + 2;
    if (buffer.s8(publicOffset) !== signed(TAG.PUBLIC_KEY)) {
      chainOffset = privateOffset;
      privateOffset = publicOffset;
      publicOffset = -1;
    }
    if (
      buffer.s8(OFFSET_CDATA) !== signed(TAG.KEY_TEMPLATE) ||
      buffer.s8(privateOffset) !== signed(TAG.PRIVATE_KEY)
    ) {
      isoError(SW.WRONG_DATA);
    }
    try {
      const extended = buffer.s8(chainOffset) === signed(TAG.CHAIN_CODE);
      const privateKey = buffer.read(privateOffset + 2, buffer.s8(privateOffset + 1));
      let chainCode: Uint8Array | undefined;
      if (extended) {
        if (buffer.s8(chainOffset + 1) !== 32) isoError(SW.WRONG_DATA);
        chainCode = buffer.read(chainOffset + 2, 32);
      }
      const publicKey =
        publicOffset === -1
          ? undefined
          : buffer.read(publicOffset + 2, buffer.s8(publicOffset + 1));
      return this.keys.loadKeyPair({ privateKey, chainCode, publicKey });
    } catch (error) {
      if (error instanceof CryptoException) isoError(SW.WRONG_DATA);
      throw error;
    }
  }

  private deriveKey(buffer: ApduBuffer, channel: CardSecureChannel): void {
    const length = channel.preprocess(buffer);
    this.requirePin();
    this.keys.updateDerivationPath(buffer.read(OFFSET_CDATA, length), buffer.p1);
    this.keys.commitTmpPath();
  }

  private generateMnemonic(buffer: ApduBuffer, channel: CardSecureChannel): Uint8Array {
    channel.preprocess(buffer);
    const checksumBits = signed(buffer.p1);
    if (checksumBits < 4 || checksumBits > 8) isoError(SW.INCORRECT_P1P2);
    const words = entropyToMnemonic(randomBytes(checksumBits * 4), wordlist).split(' ');
    const indices = new Uint8Array(words.length * 2);
    const view = new DataView(indices.buffer);
    words.forEach((word, i) => view.setUint16(2 * i, wordlist.indexOf(word)));
    return this.wrap(indices);
  }

  private sign(buffer: ApduBuffer, channel: CardSecureChannel): Uint8Array {
    let source = buffer.p1 & 0xc0;
    let usePinless = false;
    let makeCurrent = false;
    switch (buffer.p1 & 0x3f) {
      case 0x00:
        source = SOURCE_CURRENT;
        break;
      case 0x01:
        break;
      case 0x02:
        makeCurrent = true;
        break;
      case 0x03:
        usePinless = true;
        source = SOURCE_PINLESS;
        break;
      default:
        isoError(SW.WRONG_P1P2);
    }
    // Only the PIN-less variant may come in plain, and only while no channel is open.
    const length = usePinless && !channel.isOpen() ? buffer.lc : channel.preprocess(buffer);
    if (usePinless && !this.keys.hasPinlessPath) isoError(SW.REFERENCED_DATA_NOT_FOUND);
    if (length < HASH_LENGTH) isoError(SW.WRONG_DATA);
    this.keys.updateDerivationPath(
      buffer.read(OFFSET_CDATA + HASH_LENGTH, length - HASH_LENGTH),
      source,
    );
    const authorized = this.credentials!.current.isValidated || usePinless || this.keys.isPinless();
    if (!(authorized && this.keys.hasKey)) isoError(SW.CONDITIONS_NOT_SATISFIED);
    this.keys.derive();
    const privateKey = this.keys.derivedPrivateKey();
    const signature = fixS(signPrehashDer(buffer.read(OFFSET_CDATA, HASH_LENGTH), privateKey));
    privateKey.fill(0);
    const body = concatBytes(
      Uint8Array.of(TAG.PUBLIC_KEY, 65),
      this.keys.derivedPublicKey(),
      signature,
    );
    if (makeCurrent) this.keys.commitTmpPath();
    return this.reply(concatBytes(Uint8Array.of(TAG.SIGNATURE_TEMPLATE, 0x81, body.length), body));
  }

  private exportKey(buffer: ApduBuffer, channel: CardSecureChannel): Uint8Array {
    const length = channel.preprocess(buffer);
    if (!this.credentials!.current.isValidated || !this.keys.hasKey) {
      isoError(SW.CONDITIONS_NOT_SATISFIED);
    }
    if (buffer.p2 > 0x02) isoError(SW.INCORRECT_P1P2);
    const publicOnly = buffer.p2 !== 0x00;
    const extendedPublic = buffer.p2 === 0x02;
    let source = buffer.p1 & 0xc0;
    let makeCurrent = false;
    switch (buffer.p1 & 0x3f) {
      case 0x00:
        source = SOURCE_CURRENT;
        break;
      case 0x01:
        break;
      case 0x02:
        makeCurrent = true;
        break;
      default:
        isoError(SW.INCORRECT_P1P2);
    }
    this.keys.updateDerivationPath(buffer.read(OFFSET_CDATA, length), source);
    // Private keys leave the card only under m/43'/60'/1581'/…; extended public keys never do.
    const eip1581 = this.keys.isEip1581();
    if (!(publicOnly || eip1581) || (extendedPublic && eip1581)) {
      isoError(SW.CONDITIONS_NOT_SATISFIED);
    }
    this.keys.derive();
    let body: Uint8Array;
    if (publicOnly) {
      body = concatBytes(Uint8Array.of(TAG.PUBLIC_KEY, 65), this.keys.derivedPublicKey());
      if (extendedPublic) {
        body = concatBytes(body, Uint8Array.of(TAG.CHAIN_CODE, 32), this.keys.derivedChainCode());
      }
    } else {
      body = concatBytes(Uint8Array.of(TAG.PRIVATE_KEY, 32), this.keys.derivedPrivateKey());
    }
    if (makeCurrent) this.keys.commitTmpPath();
    const template = concatBytes(Uint8Array.of(TAG.KEY_TEMPLATE, body.length), body);
    body.fill(0);
    return this.wrap(template);
  }

  private dataFile(p1: number): Uint8Array {
    switch (p1) {
      case 0x00:
        return this.publicData;
      case 0x01:
        return this.shared.ndef;
      case 0x02:
        return this.shared.cash;
      default:
        isoError(SW.INCORRECT_P1P2);
    }
  }

  private getData(buffer: ApduBuffer, channel: CardSecureChannel): Uint8Array {
    if (channel.isOpen()) channel.preprocess(buffer);
    const file = this.dataFile(buffer.p1);
    if (this.options.version === '3.2' && file === this.shared.ndef) {
      const length = Math.min(((file[0]! << 8) | file[1]!) + 2, MAX_PLAIN_LENGTH);
      return this.reply(file.slice(0, length));
    }
    return this.reply(file.slice(1, 1 + file[0]!));
  }

  private storeData(buffer: ApduBuffer, channel: CardSecureChannel): void {
    channel.preprocess(buffer);
    this.requirePin();
    const file = this.dataFile(buffer.p1);
    const length = buffer.lc;
    if (this.options.version === '3.2' && file === this.shared.ndef) {
      // 3.2 writes the NDEF file in segments at offset P2 × 4 (P2 read as a signed byte).
      const offset = signed(buffer.p2) * 4;
      if (length + offset > file.length) isoError(SW.WRONG_DATA);
      const segment = buffer.read(OFFSET_CDATA, length);
      if (offset < 0) throw new OutOfBounds(offset);
      file.set(segment, offset);
      return;
    }
    if (length >= file.length) isoError(SW.WRONG_DATA);
    file[0] = length;
    file.set(buffer.read(OFFSET_CDATA, length), 1);
  }

  private factoryReset(buffer: ApduBuffer): Uint8Array {
    if (buffer.p1 !== 0xaa || buffer.p2 !== 0x55) isoError(SW.INCORRECT_P1P2);
    this.keys.clear();
    this.credentials?.main.wipe();
    this.credentials?.alt.wipe();
    this.credentials?.puk.wipe();
    this.credentials = undefined;
    this.secureChannel?.reset();
    this.secureChannel = undefined;
    this.uid = randomBytes(this.uid.length);
    this.publicData.fill(0);
    return statusWord(SW.OK);
  }
}
