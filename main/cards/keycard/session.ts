// One conversation with a Keycard over a CardChannel: SELECT, pairing, the secure channel
// and every applet command, with each status word turned into a typed error. Operations are
// queued, because the secure channel chains every APDU to the one before and two
// interleaved callers would break it.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { equalBytes } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { LifeboatError, isLifeboatError } from '../../errors';
import type { CardChannel } from '../channel';
import type { ExtendedPublicKey, SignResult } from '../family';
import { CLA_KEYCARD, INS, SW_OK, encodeCommand, parseResponse, type ResponseApdu } from './apdu';
import {
  hasCapability,
  parseApplicationInfo,
  selectCommand,
  type ApplicationInfo,
  type InitializedInfo,
} from './application-info';
import { wipe, type SecretInput } from '../secret-input';
import { pinBytes, pukBytes } from './credentials';
import { encodeMetadata, parseMetadata, type CardMetadata } from './metadata';
import { EPHEMERAL_PAIRING_INDEX, pairingCryptogram, type Pairing } from './pairing';
import { PATH_SOURCE, encodePath, toKeyPath, type KeyPath } from './path';
import { uncompressedPublicKey } from './public-key';
import { SecureChannel, deriveSessionKeys, ecdhX, oneShotEncrypt } from './secure-channel';
import { parseSignResponse } from './signature';
import { expectOk, statusError, type CardState, type KeycardCommand } from './status-words';
import { encodeTlv, requireTag, requireTemplate } from './tlv';

export interface InitParams {
  pin: SecretInput;
  puk: SecretInput;
  /** 32 bytes, see pairingSecretFromPassword. */
  pairingSecret: Uint8Array;
  /** 2..10 */
  pinRetries: number;
  /** 3..12 */
  pukRetries: number;
  /** Must differ from the PIN: the applet lets an equal duress PIN shadow the real wallet. */
  duressPin: SecretInput;
}

export interface KeycardStatus {
  pinTries: number;
  pukTries: number;
  keyInitialized: boolean;
}

export type DataSlot = 'public' | 'ndef' | 'cash';
const DATA_SLOT: Record<DataSlot, number> = { public: 0x00, ndef: 0x01, cash: 0x02 };

export const PIN_RETRIES = { min: 2, max: 10 } as const;
export const PUK_RETRIES = { min: 3, max: 12 } as const;

const LOAD_KEY = { extendedKeypair: 0x02, seed: 0x03 } as const;
const EXPORT_KEY = { public: 0x01, extendedPublic: 0x02 } as const;
/** P1 "derive this path without changing the current one" for SIGN and EXPORT KEY. */
const DERIVE_ONLY = 0x01;
const FACTORY_RESET_MAGIC = { p1: 0xaa, p2: 0x55 } as const;
const CHANNEL_LOST: ReadonlySet<number> = new Set([0x6982, 0x6985]);
/**
 * Commands that spend a try or change what the card holds. If the answer to one is lost,
 * the card may have run it, so sending it again could cost a second PIN try (or send a PIN to
 * a card that just blocked) or replace a key: these are never sent twice by the driver.
 */
const NEVER_RESENT: ReadonlySet<KeycardCommand> = new Set([
  'verify-pin',
  'unblock-pin',
  'change-pin',
  'change-puk',
  'change-pairing-secret',
  'unpair',
  'load-key',
  'generate-key',
  'remove-key',
]);
const KEY_COMMANDS: ReadonlySet<KeycardCommand> = new Set([
  'load-key',
  'generate-key',
  'remove-key',
]);
/** Failures that mean the card or the reader is gone, not that an answer went missing. */
const CONNECTION_GONE: ReadonlySet<string> = new Set([
  'card-removed',
  'card-reset',
  'card-timeout',
  'card-mute',
  'no-card',
  'no-service',
  'reader-not-found',
  'reader-error',
]);

function malformed(message: string): LifeboatError {
  return new LifeboatError('malformed-response', message);
}

async function selectApplet(channel: CardChannel): Promise<ApplicationInfo> {
  const response = parseResponse(await transmit(channel, selectCommand()));
  return parseApplicationInfo(expectOk(response, 'select'));
}

async function transmit(channel: CardChannel, apdu: Uint8Array): Promise<Uint8Array> {
  try {
    return await channel.transmit(apdu);
  } catch (error) {
    if (isLifeboatError(error)) throw error;
    throw new LifeboatError('reader-error', 'The card reader failed.', undefined, { cause: error });
  }
}

export class KeycardSession {
  private currentInfo: ApplicationInfo;
  private secure: SecureChannel | undefined;
  /** The pairing the current channel was opened with, kept to reopen it after a reset. */
  private openedWith: Pairing | undefined;
  private pinOk = false;
  /** The tries left as the card last reported them; unknown after a reset of a counter. */
  private tries: { pin?: number; puk?: number } = {};
  private keyUidValue: Uint8Array | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly channel: CardChannel,
    info: ApplicationInfo,
  ) {
    this.currentInfo = info;
    this.keyUidValue = info.initialized ? info.keyUid : undefined;
  }

  /** SELECTs the Keycard applet on a fresh channel. */
  static async select(channel: CardChannel): Promise<KeycardSession> {
    return new KeycardSession(channel, await selectApplet(channel));
  }

  /** A session on a channel whose Keycard applet was just selected and gave `answer`. */
  static fromSelectAnswer(channel: CardChannel, answer: Uint8Array): KeycardSession {
    return new KeycardSession(channel, parseApplicationInfo(answer));
  }

  /** The card's answer to the last SELECT. */
  get info(): ApplicationInfo {
    return this.currentInfo;
  }

  get initializedInfo(): InitializedInfo {
    if (!this.currentInfo.initialized)
      throw new LifeboatError('not-initialized', 'This card is blank: it has no PIN yet.');
    return this.currentInfo;
  }

  get secureChannelOpen(): boolean {
    return this.secure !== undefined;
  }

  get pairing(): Pairing | undefined {
    return this.openedWith;
  }

  get pinVerified(): boolean {
    return this.pinOk;
  }

  /** SHA-256 of the master public key, kept current through LOAD/GENERATE/REMOVE KEY. */
  get keyUid(): Uint8Array | undefined {
    return this.keyUidValue;
  }

  /** Sets PIN, PUK, pairing secret, retry limits and duress PIN on a blank card, then SELECTs again. */
  init(params: InitParams): Promise<ApplicationInfo> {
    return this.exclusive(async () => {
      if (this.currentInfo.initialized)
        throw new LifeboatError('already-initialized', 'This card is already set up.');
      const { pinRetries, pukRetries, pairingSecret } = params;
      if (!inRange(pinRetries, PIN_RETRIES) || !inRange(pukRetries, PUK_RETRIES)) {
        throw new LifeboatError(
          'invalid-input',
          `The PIN allows ${PIN_RETRIES.min} to ${PIN_RETRIES.max} tries and the PUK ${PUK_RETRIES.min} to ${PUK_RETRIES.max}.`,
        );
      }
      if (pairingSecret.length !== 32)
        throw new LifeboatError('invalid-input', 'A pairing secret is 32 bytes.');
      const pin = pinBytes(params.pin);
      let puk: Uint8Array | undefined;
      let duress: Uint8Array | undefined;
      let payload: Uint8Array | undefined;
      try {
        puk = pukBytes(params.puk);
        duress = pinBytes(params.duressPin, 'A duress PIN');
        if (equalBytes(pin, duress))
          throw new LifeboatError('invalid-input', 'The duress PIN must differ from the PIN.');
        payload = concatBytes(
          pin,
          puk,
          pairingSecret,
          Uint8Array.of(pinRetries, pukRetries),
          duress,
        );
        await this.plain(
          'init',
          INS.init,
          0,
          0,
          oneShotEncrypt(this.currentInfo.secureChannelPublicKey, payload),
        );
      } finally {
        wipe(pin, puk, duress, payload);
      }
      return this.reselect();
    });
  }

  /** PAIR in two steps. A wrong password is caught by the card's cryptogram, before step 2. */
  pair(pairingSecret: Uint8Array, options: { ephemeral?: boolean } = {}): Promise<Pairing> {
    return this.exclusive(async () => {
      const info = this.initializedInfo;
      if (this.secure)
        throw new LifeboatError('invalid-request', 'Pair before opening the secure channel.');
      if (
        options.ephemeral &&
        (info.version.major < 3 || (info.version.major === 3 && info.version.minor < 2))
      )
        throw new LifeboatError(
          'not-supported',
          'Ephemeral pairing needs Keycard applet 3.2 or newer.',
        );
      const challenge = randomBytes(32);
      const step1 = await this.plain(
        'pair',
        INS.pair,
        0x00,
        options.ephemeral ? 0x01 : 0x00,
        challenge,
      );
      if (step1.length !== 64) throw malformed('The card’s pairing answer has the wrong size.');
      if (!equalBytes(step1.subarray(0, 32), pairingCryptogram(pairingSecret, challenge)))
        throw new LifeboatError(
          'wrong-pairing-password',
          'The card did not accept the pairing password.',
        );
      const step2 = await this.plain(
        'pair-confirm',
        INS.pair,
        0x01,
        0x00,
        pairingCryptogram(pairingSecret, step1.subarray(32, 64)),
      );
      if (step2.length !== 33) throw malformed('The card’s pairing answer has the wrong size.');
      const index = step2[0]!;
      if (index !== EPHEMERAL_PAIRING_INDEX && index >= 128)
        throw malformed('The card returned an impossible pairing slot.');
      return { index, key: sha256(concatBytes(pairingSecret, step2.subarray(1, 33))) };
    });
  }

  /** Frees a pairing slot (needs the PIN). Unpairing our own slot keeps this session open. */
  unpair(index: number): Promise<void> {
    return this.exclusive(async () => {
      if (!Number.isInteger(index) || index < 0 || index > 0xff)
        throw new LifeboatError('invalid-input', 'A pairing slot is a number from 0 to 255.');
      await this.wrapped('unpair', INS.unpair, index, 0);
    });
  }

  /** OPEN SECURE CHANNEL + MUTUALLY AUTHENTICATE. */
  openSecureChannel(pairing: Pairing): Promise<void> {
    return this.exclusive(() => this.openChannel(pairing));
  }

  getStatus(): Promise<KeycardStatus> {
    return this.exclusive(() => this.readStatus());
  }

  /**
   * Fails with `wrong-pin` (details.triesLeft) or `pin-blocked`, or `answer-lost` (with the
   * tries read again) when the card's answer went missing. A card known to be blocked is
   * refused here, without sending the PIN.
   */
  verifyPin(pin: SecretInput): Promise<void> {
    return this.exclusive(async () => {
      if (this.tries.pin === 0)
        throw new LifeboatError(
          'pin-blocked',
          'The PIN is blocked; nothing was sent to the card.',
          {
            command: 'verify-pin',
            triesLeft: 0,
          },
        );
      const bytes = pinBytes(pin);
      try {
        this.pinOk = false;
        await this.counted('pin', () => this.wrapped('verify-pin', INS.verifyPin, 0, 0, bytes));
        this.pinOk = true;
        // A right PIN resets the counter to a limit only the card knows.
        delete this.tries.pin;
      } finally {
        wipe(bytes);
      }
    });
  }

  changePin(newPin: SecretInput): Promise<void> {
    return this.exclusive(() =>
      this.sendSecret('change-pin', INS.changePin, 0x00, pinBytes(newPin)),
    );
  }

  changePuk(newPuk: SecretInput): Promise<void> {
    return this.exclusive(() =>
      this.sendSecret('change-puk', INS.changePin, 0x01, pukBytes(newPuk)),
    );
  }

  /** Existing pairings keep working; only new PAIRs need the new secret. */
  changePairingSecret(pairingSecret: Uint8Array): Promise<void> {
    return this.exclusive(async () => {
      if (pairingSecret.length !== 32)
        throw new LifeboatError('invalid-input', 'A pairing secret is 32 bytes.');
      await this.sendSecret('change-pairing-secret', INS.changePin, 0x02, pairingSecret.slice());
    });
  }

  /**
   * Only while the PIN is blocked. Fails with `wrong-puk` (details.triesLeft) or
   * `puk-blocked`, or `answer-lost` like verifyPin; a card whose PUK is known to be blocked is
   * refused here.
   */
  unblockPin(puk: SecretInput, newPin: SecretInput): Promise<void> {
    return this.exclusive(async () => {
      if (this.tries.puk === 0)
        throw new LifeboatError(
          'puk-blocked',
          'The PUK is blocked; nothing was sent to the card.',
          {
            command: 'unblock-pin',
            triesLeft: 0,
          },
        );
      const pukDigits = pukBytes(puk);
      let pinDigits: Uint8Array | undefined;
      let data: Uint8Array | undefined;
      try {
        pinDigits = pinBytes(newPin);
        data = concatBytes(pukDigits, pinDigits);
        const sent = data;
        await this.counted('puk', () => this.wrapped('unblock-pin', INS.unblockPin, 0, 0, sent));
        this.pinOk = true;
        this.tries = {};
      } finally {
        wipe(pukDigits, pinDigits, data);
      }
    });
  }

  /**
   * LOAD KEY with an extended keypair (every applet version). Returns the key UID after
   * checking that it is the one of the key that was sent.
   */
  loadKey(key: { privateKey: Uint8Array; chainCode: Uint8Array }): Promise<Uint8Array> {
    return this.exclusive(async () => {
      if (
        key.privateKey.length !== 32 ||
        key.chainCode.length !== 32 ||
        !secp256k1.utils.isValidSecretKey(key.privateKey)
      )
        throw new LifeboatError('invalid-secret', 'That is not a valid extended private key.');
      const expected = sha256(secp256k1.getPublicKey(key.privateKey, false));
      const inner = concatBytes(encodeTlv(0x81, key.privateKey), encodeTlv(0x82, key.chainCode));
      const data = encodeTlv(0xa1, inner);
      wipe(inner);
      return this.loadAndCheck(LOAD_KEY.extendedKeypair, data, expected);
    });
  }

  /** LOAD KEY with a BIP-32 seed: 64 bytes on 3.0/3.1, 16..64 bytes from 3.2. */
  loadSeed(seed: Uint8Array): Promise<Uint8Array> {
    return this.exclusive(async () => {
      const { version } = this.initializedInfo;
      const anyLength = version.major > 3 || (version.major === 3 && version.minor >= 2);
      if (seed.length !== 64 && !(anyLength && seed.length >= 16 && seed.length <= 64)) {
        throw new LifeboatError(
          'not-supported',
          anyLength
            ? 'A seed is 16 to 64 bytes.'
            : 'This card takes only 64-byte seeds; load the extended key instead.',
        );
      }
      const master = HDKey.fromMasterSeed(seed);
      const expected = sha256(secp256k1.Point.fromBytes(master.publicKey!).toBytes(false));
      master.wipePrivateData();
      return this.loadAndCheck(LOAD_KEY.seed, seed.slice(), expected);
    });
  }

  /** An on-card random key: it has no recovery phrase, so it can never be backed up. */
  generateKey(): Promise<Uint8Array> {
    return this.exclusive(async () => {
      const keyUid = await this.wrapped('generate-key', INS.generateKey, 0, 0);
      if (keyUid.length !== 32) throw malformed('The card returned a key UID of the wrong size.');
      this.keyUidValue = keyUid.slice();
      return keyUid.slice();
    });
  }

  /**
   * BIP-39 word indices (0..2047) from the card's random generator; checksumBits 4..8 give
   * 12..24 words. Nothing is loaded on the card.
   */
  generateMnemonic(checksumBits: number): Promise<number[]> {
    return this.exclusive(async () => {
      if (!Number.isInteger(checksumBits) || checksumBits < 4 || checksumBits > 8)
        throw new LifeboatError(
          'invalid-input',
          'A recovery phrase has 12, 15, 18, 21 or 24 words.',
        );
      const data = await this.wrapped('generate-mnemonic', INS.generateMnemonic, checksumBits, 0);
      const words = 3 * checksumBits;
      if (data.length !== 2 * words)
        throw malformed('The card returned a recovery phrase of the wrong length.');
      const view = new DataView(data.buffer, data.byteOffset, data.length);
      const indices = Array.from({ length: words }, (_, i) => view.getUint16(2 * i));
      wipe(data);
      if (indices.some((i) => i > 2047))
        throw malformed('The card returned an invalid word index.');
      return indices;
    });
  }

  removeKey(): Promise<void> {
    return this.exclusive(async () => {
      await this.wrapped('remove-key', INS.removeKey, 0, 0);
      this.keyUidValue = undefined;
    });
  }

  /** The uncompressed public key at `path`; the card's current path is left unchanged. */
  exportPublicKey(path: string | KeyPath): Promise<Uint8Array> {
    return this.exclusive(async () => {
      const fields = await this.exportKey(toKeyPath(path), EXPORT_KEY.public);
      return uncompressedPublicKey(
        requireTag(fields, 0x80, 'public key', { length: 65 }),
        'exported key',
      );
    });
  }

  /** Public key and chain code at `path` (applet 3.1+), for deriving children locally. */
  exportExtendedPublicKey(path: string | KeyPath): Promise<ExtendedPublicKey> {
    return this.exclusive(async () => {
      const fields = await this.exportKey(toKeyPath(path), EXPORT_KEY.extendedPublic);
      return {
        publicKey: uncompressedPublicKey(
          requireTag(fields, 0x80, 'public key', { length: 65 }),
          'exported key',
        ),
        chainCode: requireTag(fields, 0x82, 'chain code', { length: 32 }).slice(),
      };
    });
  }

  /**
   * Signs a 32-byte hash with the key at `path`. The result is low-S, with the recovery id
   * found by recovery and checked against the key the card reports (`signature-invalid`).
   */
  sign(hash: Uint8Array, path: string | KeyPath): Promise<SignResult> {
    return this.exclusive(async () => {
      if (hash.length !== 32)
        throw new LifeboatError('invalid-input', 'A hash to sign is 32 bytes.');
      const keyPath = toKeyPath(path);
      const data = await this.wrapped(
        'sign',
        INS.sign,
        DERIVE_ONLY | PATH_SOURCE[keyPath.start],
        0x00,
        concatBytes(hash, encodePath(keyPath.indices)),
      );
      const signature = parseSignResponse(data, hash);
      return {
        ...signature,
        signature65: concatBytes(
          signature.r,
          signature.s,
          Uint8Array.of(27 + signature.recoveryId),
        ),
      };
    });
  }

  /** GET DATA: wrapped when a secure channel is open, plain otherwise (no PIN needed). */
  getData(slot: DataSlot): Promise<Uint8Array> {
    return this.exclusive(() => this.getDataNow(slot));
  }

  storeData(slot: DataSlot, data: Uint8Array): Promise<void> {
    return this.exclusive(async () => {
      await this.wrapped('store-data', INS.storeData, DATA_SLOT[slot], 0, data);
    });
  }

  /** The card name and account list in the public data slot, if the card has one. */
  getMetadata(): Promise<CardMetadata | undefined> {
    return this.exclusive(async () => parseMetadata(await this.getDataNow('public')));
  }

  storeMetadata(metadata: CardMetadata): Promise<void> {
    return this.exclusive(async () => {
      await this.wrapped(
        'store-data',
        INS.storeData,
        DATA_SLOT.public,
        0,
        encodeMetadata(metadata),
      );
    });
  }

  /** IDENTIFY CARD with a 32-byte challenge; the raw answer, checked by certificate.ts. */
  identify(challenge: Uint8Array): Promise<Uint8Array> {
    return this.exclusive(async () => {
      if (challenge.length !== 32)
        throw new LifeboatError('invalid-input', 'A challenge is 32 bytes.');
      return this.secure
        ? this.wrapped('identify', INS.identify, 0, 0, challenge)
        : this.plain('identify', INS.identify, 0, 0, challenge);
    });
  }

  /**
   * FACTORY RESET (applet 3.1+, no PIN): wipes keys, PIN, PUK, pairings and gives the card a
   * new instance UID. SELECTs again and returns the blank card's info.
   */
  factoryReset(): Promise<ApplicationInfo> {
    return this.exclusive(async () => {
      const info = this.currentInfo;
      if (info.initialized && !hasCapability(info, 'factoryReset'))
        throw new LifeboatError(
          'not-supported',
          'This card’s applet is older than 3.1 and cannot factory-reset itself.',
        );
      this.dropChannel();
      this.openedWith = undefined;
      await this.plain(
        'factory-reset',
        INS.factoryReset,
        FACTORY_RESET_MAGIC.p1,
        FACTORY_RESET_MAGIC.p2,
      );
      return this.reselect();
    });
  }

  /** Forgets the channel keys and releases the card (the PC/SC layer resets it on release). */
  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.dropChannel();
    this.openedWith = undefined;
    this.pinOk = false;
    await this.channel.close();
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private state(): CardState {
    return {
      initialized: this.currentInfo.initialized,
      pinVerified: this.pinOk,
      keyLoaded: this.keyUidValue !== undefined,
    };
  }

  private async exchange(apdu: Uint8Array): Promise<ResponseApdu> {
    try {
      return parseResponse(await transmit(this.channel, apdu));
    } catch (error) {
      // Whatever the card did with this command, our view of its channel is gone.
      this.dropChannel();
      throw error;
    }
  }

  private async plain(
    command: KeycardCommand,
    ins: number,
    p1: number,
    p2: number,
    data?: Uint8Array,
  ): Promise<Uint8Array> {
    const apdu = encodeCommand({ cla: CLA_KEYCARD, ins, p1, p2, data });
    try {
      return expectOk(await this.exchange(apdu), command, this.state());
    } finally {
      wipe(apdu);
    }
  }

  private async getDataNow(slot: DataSlot): Promise<Uint8Array> {
    return this.secure
      ? this.wrapped('get-data', INS.getData, DATA_SLOT[slot], 0)
      : this.plain('get-data', INS.getData, DATA_SLOT[slot], 0);
  }

  private async exportKey(path: KeyPath, format: number) {
    const data = await this.wrapped(
      'export-key',
      INS.exportKey,
      DERIVE_ONLY | PATH_SOURCE[path.start],
      format,
      encodePath(path.indices),
    );
    return requireTemplate(data, 0xa1, 'key template');
  }

  private async sendSecret(
    command: KeycardCommand,
    ins: number,
    p1: number,
    secret: Uint8Array,
  ): Promise<void> {
    try {
      await this.wrapped(command, ins, p1, 0, secret);
    } finally {
      wipe(secret);
    }
  }

  private async loadAndCheck(
    p1: number,
    data: Uint8Array,
    expectedKeyUid: Uint8Array,
  ): Promise<Uint8Array> {
    let keyUid: Uint8Array;
    try {
      keyUid = await this.wrapped('load-key', INS.loadKey, p1, 0, data);
    } finally {
      wipe(data);
    }
    if (!equalBytes(keyUid, expectedKeyUid)) {
      throw new LifeboatError(
        'card-error',
        'The card reports a different key than the one that was loaded.',
      );
    }
    this.keyUidValue = keyUid.slice();
    return keyUid.slice();
  }

  private async readStatus(): Promise<KeycardStatus> {
    const fields = requireTemplate(
      await this.wrapped('get-status', INS.getStatus, 0, 0),
      0xa3,
      'status',
    );
    const pinTries = requireTag(fields, 0x02, 'PIN tries', { length: 1 })[0]!;
    const pukTries = requireTag(fields, 0x02, 'PUK tries', { occurrence: 1, length: 1 })[0]!;
    const keyInitialized = requireTag(fields, 0x01, 'key status', { length: 1 })[0] !== 0;
    if (!keyInitialized) this.keyUidValue = undefined;
    this.tries = { pin: pinTries, puk: pukTries };
    return { pinTries, pukTries, keyInitialized };
  }

  /** Runs a PIN or PUK command, keeping the tries left that a wrong entry reports. */
  private async counted<T>(which: 'pin' | 'puk', send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      const triesLeft = isLifeboatError(error) ? error.details?.triesLeft : undefined;
      if (typeof triesLeft === 'number') this.tries[which] = triesLeft;
      throw error;
    }
  }

  /**
   * The answer to a command that is never resent went missing: the card dropped the channel
   * (6982/6985) or its answer did not verify. The card may or may not have run it. Reopening
   * the channel spends nothing, so it is reopened and the counters are read again; the
   * person then decides whether to try again. A card that left the reader is reported as such.
   */
  private async answerLost(command: KeycardCommand): Promise<never> {
    this.dropChannel();
    this.tries = {};
    let status: KeycardStatus | undefined;
    const pairing = this.openedWith;
    try {
      if (pairing) {
        await this.openChannel(pairing);
        status = await this.readStatus();
        if (KEY_COMMANDS.has(command)) await this.refreshKeyUid(status.keyInitialized);
      }
    } catch (error) {
      if (isLifeboatError(error) && CONNECTION_GONE.has(error.code)) throw error;
      status = undefined;
    }
    const counts = status
      ? ` The card reports ${status.pinTries} PIN ${status.pinTries === 1 ? 'try' : 'tries'} and ${status.pukTries} PUK ${status.pukTries === 1 ? 'try' : 'tries'} left.`
      : '';
    throw new LifeboatError(
      'answer-lost',
      `The card’s answer was lost, so it is not known whether the command was carried out. It was not sent again.${counts}`,
      {
        command,
        ...(status
          ? {
              pinTries: status.pinTries,
              pukTries: status.pukTries,
              keyInitialized: status.keyInitialized,
            }
          : {}),
      },
    );
  }

  /** The key UID after a key command whose answer was lost: from the master public key. */
  private async refreshKeyUid(keyInitialized: boolean): Promise<void> {
    this.keyUidValue = undefined;
    if (!keyInitialized) return;
    try {
      const fields = await this.exportKey(toKeyPath('m'), EXPORT_KEY.public);
      const master = uncompressedPublicKey(
        requireTag(fields, 0x80, 'public key', { length: 65 }),
        'exported key',
      );
      this.keyUidValue = sha256(master);
    } catch (error) {
      if (isLifeboatError(error) && CONNECTION_GONE.has(error.code)) throw error;
    }
  }

  private async reselect(): Promise<ApplicationInfo> {
    this.dropChannel();
    this.openedWith = undefined;
    this.pinOk = false;
    this.tries = {};
    this.currentInfo = await selectApplet(this.channel);
    this.keyUidValue = this.currentInfo.initialized ? this.currentInfo.keyUid : undefined;
    return this.currentInfo;
  }

  private dropChannel(): void {
    this.secure?.destroy();
    this.secure = undefined;
  }

  private async openChannel(pairing: Pairing): Promise<void> {
    const info = this.initializedInfo;
    this.dropChannel();
    const ephemeral = secp256k1.utils.randomSecretKey();
    const cardData = await this.plain(
      'open-secure-channel',
      INS.openSecureChannel,
      pairing.index,
      0,
      secp256k1.getPublicKey(ephemeral, false),
    );
    if (cardData.length !== 48) {
      wipe(ephemeral);
      throw malformed('The card’s secure channel answer has the wrong size.');
    }
    const secret = ecdhX(ephemeral, info.secureChannelPublicKey);
    wipe(ephemeral);
    this.secure = new SecureChannel(deriveSessionKeys(secret, pairing.key, cardData));
    wipe(secret);
    const answer = await this.wrappedOnce(
      'mutually-authenticate',
      INS.mutuallyAuthenticate,
      0,
      0,
      randomBytes(32),
    );
    if (answer === 'channel-lost') {
      // The card could not check our MAC: its pairing key for this slot is not ours.
      this.openedWith = undefined;
      throw statusError(0x6982, 'mutually-authenticate');
    }
    if (answer.length !== 32) {
      this.dropChannel();
      throw new LifeboatError(
        'secure-channel-failed',
        'The card’s authentication answer has the wrong size.',
      );
    }
    this.openedWith = { index: pairing.index, key: pairing.key.slice() };
  }

  /**
   * A command through the secure channel. If the card dropped the channel (6982 after a
   * MAC failure, or 6985 "not open"), a genuine card did not run the command, so the channel
   * is reopened with the same pairing and a command that changes nothing is sent once more.
   * What says the channel was dropped is not authenticated, though: a command that spends a
   * try or changes the card is never sent again (see answerLost).
   */
  private async wrapped(
    command: KeycardCommand,
    ins: number,
    p1: number,
    p2: number,
    data: Uint8Array = new Uint8Array(0),
  ): Promise<Uint8Array> {
    if (!this.secure) {
      if (!this.openedWith)
        throw new LifeboatError('not-paired', 'Open a secure channel with the card first.');
      await this.openChannel(this.openedWith);
    }
    const once = NEVER_RESENT.has(command);
    let first: Uint8Array | 'channel-lost';
    try {
      first = await this.wrappedOnce(command, ins, p1, p2, data);
    } catch (error) {
      if (once && isLifeboatError(error, 'secure-channel-failed')) return this.answerLost(command);
      throw error;
    }
    if (first !== 'channel-lost') return first;
    if (once) return this.answerLost(command);
    const pairing = this.openedWith;
    if (!pairing) throw statusError(0x6982, command);
    await this.openChannel(pairing);
    const second = await this.wrappedOnce(command, ins, p1, p2, data);
    if (second === 'channel-lost') throw statusError(0x6982, command);
    return second;
  }

  private async wrappedOnce(
    command: KeycardCommand,
    ins: number,
    p1: number,
    p2: number,
    data: Uint8Array,
  ): Promise<Uint8Array | 'channel-lost'> {
    const channel = this.secure;
    if (!channel)
      throw new LifeboatError('not-paired', 'Open a secure channel with the card first.');
    const apdu = channel.wrap(CLA_KEYCARD, ins, p1, p2, data);
    let response: ResponseApdu;
    try {
      response = await this.exchange(apdu);
    } finally {
      wipe(apdu);
    }
    if (response.sw !== SW_OK) {
      this.dropChannel();
      if (CHANNEL_LOST.has(response.sw)) return 'channel-lost';
      throw statusError(response.sw, command, this.state());
    }
    let inner: ResponseApdu;
    try {
      inner = channel.unwrap(response.data);
    } catch (error) {
      // The command may have run; only the answer is unusable. The next command reopens.
      this.dropChannel();
      throw error;
    }
    return expectOk(inner, command, this.state());
  }
}

function inRange(value: number, range: { min: number; max: number }): boolean {
  return Number.isInteger(value) && value >= range.min && value <= range.max;
}
