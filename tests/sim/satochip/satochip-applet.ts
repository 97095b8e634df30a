// The Satochip applet (CardEdge.java, protocol 0.12, applet 0.6), command by command, with
// the same checks in the same order and the same status words. The commands Lifeboat has
// no use for (key slots, message and transaction parsing/signing, 2FA management, import
// from a Seedkeeper) are not modelled: the simulator answers them 6D00.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  CardEdgeApplet,
  COMMON_INS,
  DEFAULT_PIN,
  pinPolicyAllows,
  type ForcedStatusWord,
} from '../toporin/card-edge';
import { CardLabel } from '../toporin/card-label';
import { signHashDer, writeSignedCoordX, signDer, type EcKeyPair } from '../toporin/ec-keys';
import { hmacSha160, hmacSha512 } from '../toporin/hmac';
import {
  AesCipher,
  ISO_SW,
  OFFSET,
  arrayCopy,
  arrayFill,
  isoError,
  s16,
  s8,
  uncaught,
  type ApduBuffer,
} from '../toporin/javacard';
import { newOwnerPin, type OwnerPin } from '../toporin/owner-pin';
import { CertificateStore, challengeResponse, signCsr } from '../toporin/personalisation';
import { SW } from '../toporin/status-words';
import { Bip32Cache, NULL_OFFSET, OBJECT_SIZE } from './bip32-cache';

const INS = {
  ...COMMON_INS,
  LIST_PINS: 0x48,
  BIP32_IMPORT_SEED: 0x6c,
  BIP32_GET_EXTENDED_KEY: 0x6d,
  SIGN_SHORT_MESSAGE: 0x72,
  BIP32_SET_EXTENDED_PUBKEY: 0x74,
  BIP32_SET_AUTHENTIKEY_PUBKEY: 0x75,
  BIP32_RESET_SEED: 0x77,
  SIGN_TRANSACTION_HASH: 0x7a,
  RESET_TO_FACTORY: 0xff,
} as const;

const PROTOCOL_VERSION = [0, 12] as const;
const APPLET_VERSION = [0, 6] as const;
const MAX_NUM_PINS = 8;
const MAX_NUM_KEYS = 16;
const MAX_RESET_COUNTER = 5;
const MAX_BIP32_DEPTH = 10;
const KEY_SIZE = 32;
const HASH_SIZE = 32;
const HMAC_CHALRESP_2FA = s16(0x8000);
const BITCOIN_SEED = utf8ToBytes('Bitcoin seed');
const N = secp256k1.Point.CURVE().n;
const TWO_256 = 1n << 256n;

// recvBuffer while deriving: [parent chain code | 00 | parent key | path hash (its last 4
// bytes are the cache id) | child key | child chain code | public key | path].
const RECV_BUFFER_SIZE = 268;
const AT = {
  PARENT_CHAINCODE: 0,
  PARENT_SEPARATOR: KEY_SIZE,
  PARENT_KEY: KEY_SIZE + 1,
  INDEX: 2 * KEY_SIZE + 1,
  COLLISION_HASH: 2 * KEY_SIZE + 1 + KEY_SIZE - 4,
  CHILD_KEY: 3 * KEY_SIZE + 1,
  CHILD_CHAINCODE: 4 * KEY_SIZE + 1,
  PUB: 5 * KEY_SIZE + 1,
  PUBX: 5 * KEY_SIZE + 2,
  PUBY: 6 * KEY_SIZE + 2,
  PATH: 7 * KEY_SIZE + 2,
  END: 7 * KEY_SIZE + 2 + 4 * MAX_BIP32_DEPTH,
} as const;

export interface SatochipAppletOptions {
  authentikey: EcKeyPair;
  /** The factory certificate, if the card was personalised (its PKI is then locked). */
  certificate: Uint8Array | undefined;
  forced: ForcedStatusWord;
}

export class SatochipApplet extends CardEdgeApplet {
  private readonly pins: (OwnerPin | undefined)[] = new Array(MAX_NUM_PINS).fill(undefined);
  private readonly unblockPins: (OwnerPin | undefined)[] = new Array(MAX_NUM_PINS).fill(undefined);
  private readonly label = new CardLabel();
  private readonly certificates: CertificateStore;
  private cache: Bip32Cache | undefined;
  private seeded = false;
  private masterKey: Uint8Array | undefined;
  private masterChainCode: Uint8Array | undefined;
  /** bip32_extendedkey: persistent, and neither a seed reset nor a factory reset clears it. */
  private extendedKey: Uint8Array | undefined;
  private readonly cacheKey = randomBytes(16);
  private readonly cacheCipher = new AesCipher('ecb');
  private twoFactorKey: Uint8Array | undefined;
  private resetCounter = MAX_RESET_COUNTER;
  /** reset_array: CLEAR_ON_RESET, so only a power cycle clears it. */
  private commandSincePowerUp = false;
  private readonly recv = new Uint8Array(RECV_BUFFER_SIZE);

  constructor(options: SatochipAppletOptions) {
    super(options.authentikey, options.certificate !== undefined, options.forced, false);
    this.certificates = CertificateStore.holding(options.certificate);
    const pin = newOwnerPin(3);
    pin.update(DEFAULT_PIN);
    this.pins[0] = pin;
  }

  get isSetUp(): boolean {
    return this.setupDone;
  }

  get isSeeded(): boolean {
    return this.seeded;
  }

  get pinTriesLeft(): number {
    return this.setupDone ? this.pins[0]!.triesRemaining : 0;
  }

  get pukTriesLeft(): number {
    return this.setupDone ? this.unblockPins[0]!.triesRemaining : 0;
  }

  get cardLabel(): Uint8Array {
    return this.label.value;
  }

  get certificate(): Uint8Array {
    return this.certificates.certificate;
  }

  get cacheSlotsUsed(): number {
    return this.cache?.usedCount ?? 0;
  }

  select(): number {
    this.logOutAll();
    this.secureChannel.initialized = false;
    return 0;
  }

  deselect(): void {
    this.logOutAll();
    this.clearTransient();
  }

  powerLoss(): void {
    for (const pin of [...this.pins, ...this.unblockPins]) pin?.powerLoss();
    this.clearTransient();
    this.commandSincePowerUp = false;
  }

  /**
   * The factory reset: INS FF must be the first command the applet processes after each of
   * five power-ups (SELECT does not count); any other command restarts the count, and an FF
   * after another command answers FFFF.
   */
  protected override beforeLengthCheck(ins: number): void {
    if (ins !== INS.RESET_TO_FACTORY) {
      this.resetCounter = MAX_RESET_COUNTER;
      this.commandSincePowerUp = true;
      return;
    }
    if (!this.commandSincePowerUp) {
      this.resetCounter -= 1;
      this.commandSincePowerUp = true;
    } else {
      this.resetCounter = MAX_RESET_COUNTER;
      isoError(SW.RESET_TO_FACTORY + 0xff);
    }
    if (this.resetCounter === 0) {
      this.resetCounter = MAX_RESET_COUNTER;
      this.resetToFactory();
      isoError(SW.RESET_TO_FACTORY);
    }
    isoError(SW.RESET_TO_FACTORY + this.resetCounter);
  }

  protected override dispatch(ins: number, buffer: ApduBuffer): number {
    switch (ins) {
      case INS.SETUP:
        return this.setup(buffer);
      case INS.VERIFY_PIN:
        return this.verifyPin(buffer);
      case INS.CHANGE_PIN:
        return this.changePin(buffer);
      case INS.UNBLOCK_PIN:
        return this.unblockPin(buffer);
      case INS.LOGOUT_ALL:
        return this.logOutAll();
      case INS.LIST_PINS:
        return this.listPins(buffer);
      case INS.GET_STATUS:
        return this.getStatus(buffer);
      case INS.CARD_LABEL:
        this.requirePin();
        return this.label.command(buffer);
      case INS.BIP32_IMPORT_SEED:
        return this.importSeed(buffer);
      case INS.BIP32_RESET_SEED:
        return this.resetSeedCommand(buffer);
      case INS.BIP32_GET_AUTHENTIKEY:
        this.requirePin();
        if (!this.seeded) isoError(SW.BIP32_UNINITIALIZED_SEED);
        return writeSignedCoordX(buffer, this.authentikey.publicKey, this.authentikey.privateKey);
      case INS.BIP32_SET_AUTHENTIKEY_PUBKEY:
      case INS.BIP32_SET_EXTENDED_PUBKEY:
        this.requirePin();
        buffer.setShort(0, this.cache!.freeCount);
        buffer.setShort(2, this.cache!.usedCount);
        return 4;
      case INS.BIP32_GET_EXTENDED_KEY:
        return this.getExtendedKey(buffer);
      case INS.SIGN_SHORT_MESSAGE:
        return isoError(SW.INS_DEPRECATED);
      case INS.SIGN_TRANSACTION_HASH:
        return this.signTransactionHash(buffer);
      case INS.EXPORT_AUTHENTIKEY:
        this.requirePin();
        return writeSignedCoordX(buffer, this.authentikey.publicKey, this.authentikey.privateKey);
      case INS.EXPORT_PKI_PUBKEY:
        this.requirePin();
        buffer.write(0, this.authentikey.publicKey);
        return 65;
      case INS.SIGN_PKI_CSR:
        this.requirePin();
        if (this.personalizationDone) isoError(SW.PKI_ALREADY_LOCKED);
        return signCsr(buffer, this.authentikey);
      case INS.IMPORT_PKI_CERTIFICATE:
        this.requirePin();
        if (this.personalizationDone) isoError(SW.PKI_ALREADY_LOCKED);
        return this.certificates.importChunk(buffer);
      case INS.EXPORT_PKI_CERTIFICATE:
        this.requirePin();
        return this.certificates.exportChunk(buffer);
      case INS.LOCK_PKI:
        this.requirePin();
        this.personalizationDone = true;
        return 0;
      case INS.CHALLENGE_RESPONSE_PKI:
        this.requirePin();
        return challengeResponse(buffer, this.authentikey);
      default:
        return isoError(ISO_SW.INS_NOT_SUPPORTED);
    }
  }

  /**
   * [versions(4) | PIN0, PUK0, PIN1, PUK1 tries | needs 2FA | seeded | set up | needs
   * secure channel]; P1 and P2 must be 00.
   */
  protected getStatus(buffer: ApduBuffer): number {
    if (buffer.s8(OFFSET.P1) !== 0) isoError(SW.INCORRECT_P1);
    if (buffer.s8(OFFSET.P2) !== 0) isoError(SW.INCORRECT_P2);
    const tries = this.setupDone
      ? [this.pins[0]!, this.unblockPins[0]!, this.pins[1]!, this.unblockPins[1]!].map(
          (pin) => pin.triesRemaining,
        )
      : [0, 0, 0, 0];
    buffer.write(
      0,
      Uint8Array.of(
        ...PROTOCOL_VERSION,
        ...APPLET_VERSION,
        ...tries,
        this.twoFactorKey ? 1 : 0,
        this.seeded ? 1 : 0,
        this.setupDone ? 1 : 0,
        1,
      ),
    );
    return 12;
  }

  /**
   * [default PIN size | default PIN | PIN0 tries | PUK0 tries | PIN0 size | PIN0 | PUK0 size
   * | PUK0 | PIN1 tries | PUK1 tries | PIN1 size | PIN1 | PUK1 size | PUK1 | secmem size(2)
   * | RFU(2) | RFU(3) | (option flags(2) | 2FA key(20) | amount limit(8))]. The default PIN
   * spends a try of PIN 0 when wrong; PUK 0 and PIN/PUK 1 keep the try limit of the first
   * SETUP forever (they are only created once), as does the BIP-32 cache size.
   */
  private setup(buffer: ApduBuffer): number {
    this.personalizationDone = true;
    let bytesLeft = buffer.lc;
    let base = OFFSET.CDATA;
    let numBytes = buffer.s8(base++);
    bytesLeft -= 1;

    const pin = this.pins[0]!;
    if (!pinPolicyAllows(numBytes)) isoError(SW.INVALID_PARAMETER);
    const triesRemaining = pin.triesRemaining;
    if (triesRemaining === 0) isoError(SW.IDENTITY_BLOCKED);
    if (!pin.check(buffer.read(base, numBytes))) isoError(SW.PIN_FAILED + triesRemaining - 1);
    base += numBytes;
    bytesLeft -= numBytes;

    let pinTries = buffer.s8(base++);
    let unblockTries = buffer.s8(base++);
    numBytes = buffer.s8(base++);
    bytesLeft -= 3;
    if (!pinPolicyAllows(numBytes)) isoError(SW.INVALID_PARAMETER);
    const pin0 = newOwnerPin(pinTries);
    this.pins[0] = pin0;
    pin0.update(buffer.read(base, numBytes));
    base += numBytes;
    bytesLeft -= numBytes;
    numBytes = buffer.s8(base++);
    bytesLeft -= 1;
    if (!pinPolicyAllows(numBytes)) isoError(SW.INVALID_PARAMETER);
    this.unblockPins[0] ??= newOwnerPin(unblockTries);
    this.unblockPins[0].update(buffer.read(base, numBytes));
    base += numBytes;
    bytesLeft -= numBytes;

    pinTries = buffer.s8(base++);
    unblockTries = buffer.s8(base++);
    numBytes = buffer.s8(base++);
    bytesLeft -= 3;
    if (!pinPolicyAllows(numBytes)) isoError(SW.INVALID_PARAMETER);
    this.pins[1] ??= newOwnerPin(pinTries);
    this.pins[1].update(buffer.read(base, numBytes));
    base += numBytes;
    bytesLeft -= numBytes;
    numBytes = buffer.s8(base++);
    bytesLeft -= 1;
    if (!pinPolicyAllows(numBytes)) isoError(SW.INVALID_PARAMETER);
    this.unblockPins[1] ??= newOwnerPin(unblockTries);
    this.unblockPins[1].update(buffer.read(base, numBytes));
    base += numBytes;
    bytesLeft -= numBytes;

    const cacheSlots = buffer.getShort(base);
    base += 2;
    buffer.getShort(base);
    base += 2;
    bytesLeft -= 4;
    for (let i = 0; i < 3; i += 1) buffer.s8(base++);
    bytesLeft -= 3;

    this.cache ??= new Bip32Cache(cacheSlots);
    this.seeded = false;

    if (bytesLeft >= 2) {
      const optionFlags = buffer.getShort(base);
      base += 2;
      if ((optionFlags & HMAC_CHALRESP_2FA) === HMAC_CHALRESP_2FA) {
        this.twoFactorKey = buffer.read(base, 20);
        buffer.read(base + 20, 8);
      }
    }
    this.setupDone = true;
    return 0;
  }

  /** P1 = PIN number (0..7), data = the PIN. A wrong PIN answers 63C0 + tries left. */
  private verifyPin(buffer: ApduBuffer): number {
    const pinNumber = buffer.s8(OFFSET.P1);
    if (pinNumber < 0 || pinNumber >= MAX_NUM_PINS) isoError(SW.INCORRECT_P1);
    const pin = this.pins[pinNumber] ?? isoError(SW.INCORRECT_P1);
    if (buffer.s8(OFFSET.P2) !== 0) isoError(SW.INCORRECT_P2);
    const length = s8(buffer.lc);
    if (!pinPolicyAllows(length)) isoError(SW.INVALID_PARAMETER);
    const triesRemaining = pin.triesRemaining;
    if (triesRemaining === 0) isoError(SW.IDENTITY_BLOCKED);
    if (!pin.check(buffer.read(OFFSET.CDATA, length))) {
      isoError(SW.PIN_FAILED + triesRemaining - 1);
    }
    return 0;
  }

  /** [old size | old PIN | new size | new PIN]; success leaves the PIN not verified. */
  private changePin(buffer: ApduBuffer): number {
    const pinNumber = buffer.s8(OFFSET.P1);
    if (pinNumber < 0 || pinNumber >= MAX_NUM_PINS) isoError(SW.INCORRECT_P1);
    const pin = this.pins[pinNumber] ?? isoError(SW.INCORRECT_P1);
    if (buffer.s8(OFFSET.P2) !== 0) isoError(SW.INCORRECT_P2);
    const bytesLeft = buffer.lc;
    if (bytesLeft < 4) isoError(SW.INVALID_PARAMETER);
    const pinSize = buffer.s8(OFFSET.CDATA);
    if (bytesLeft < s16(1 + pinSize + 1)) isoError(SW.INVALID_PARAMETER);
    if (!pinPolicyAllows(pinSize)) isoError(SW.INVALID_PARAMETER);
    const newPinSize = buffer.s8(OFFSET.CDATA + 1 + pinSize);
    if (bytesLeft < s16(1 + pinSize + 1 + newPinSize)) isoError(SW.INVALID_PARAMETER);
    if (!pinPolicyAllows(newPinSize)) isoError(SW.INVALID_PARAMETER);
    const triesRemaining = pin.triesRemaining;
    if (triesRemaining === 0) isoError(SW.IDENTITY_BLOCKED);
    if (!pin.check(buffer.read(OFFSET.CDATA + 1, pinSize))) {
      isoError(SW.PIN_FAILED + triesRemaining - 1);
    }
    pin.update(buffer.read(OFFSET.CDATA + 1 + pinSize + 1, newPinSize));
    return 0;
  }

  /** Only a blocked PIN can be unblocked (9C03 otherwise); the PUK runs out for good. */
  private unblockPin(buffer: ApduBuffer): number {
    const pinNumber = buffer.s8(OFFSET.P1);
    if (pinNumber < 0 || pinNumber >= MAX_NUM_PINS) isoError(SW.INCORRECT_P1);
    const pin = this.pins[pinNumber];
    const unblockPin = this.unblockPins[pinNumber];
    if (!pin) isoError(SW.INCORRECT_P1);
    if (!unblockPin) isoError(SW.INTERNAL_ERROR);
    if (pin.triesRemaining !== 0) isoError(SW.OPERATION_NOT_ALLOWED);
    if (buffer.s8(OFFSET.P2) !== 0) isoError(SW.INCORRECT_P2);
    const length = s8(buffer.lc);
    if (!pinPolicyAllows(length)) isoError(SW.INVALID_PARAMETER);
    const triesRemaining = unblockPin.triesRemaining;
    if (triesRemaining === 0) isoError(SW.IDENTITY_BLOCKED);
    if (!unblockPin.check(buffer.read(OFFSET.CDATA, length))) {
      isoError(SW.PIN_FAILED + triesRemaining - 1);
    }
    pin.resetAndUnblock();
    return 0;
  }

  private logOutAll(): number {
    for (const pin of this.pins) pin?.reset();
    return 0;
  }

  private listPins(buffer: ApduBuffer): number {
    this.requirePin();
    if (buffer.s8(OFFSET.P1) !== 0) isoError(SW.INCORRECT_P1);
    if (buffer.s8(OFFSET.P2) !== 0) isoError(SW.INCORRECT_P2);
    if (s8(buffer.lc) !== 2) isoError(ISO_SW.WRONG_LENGTH);
    let mask = 0;
    this.pins.forEach((pin, i) => {
      if (pin) mask |= 1 << i;
    });
    buffer.setShort(0, mask);
    return 2;
  }

  /** P1 = seed size (≤ 64); answers the authentikey's x-coordinate, self-signed. */
  private importSeed(buffer: ApduBuffer): number {
    this.requirePin();
    if (buffer.s8(OFFSET.P2) !== 0) isoError(SW.INCORRECT_P2);
    if (this.seeded) isoError(SW.BIP32_INITIALIZED_SEED);
    const bytesLeft = buffer.lc;
    const seedSize = buffer.s8(OFFSET.P1);
    if (seedSize < 0 || seedSize > 64) isoError(ISO_SW.WRONG_LENGTH);
    if (bytesLeft < seedSize) isoError(ISO_SW.WRONG_LENGTH);
    const master = hmacSha512(BITCOIN_SEED, buffer.read(OFFSET.CDATA, seedSize));
    this.masterKey = master.slice(0, KEY_SIZE);
    this.masterChainCode = master.slice(KEY_SIZE);
    master.fill(0);
    this.seeded = true;
    return writeSignedCoordX(buffer, this.authentikey.publicKey, this.authentikey.privateKey);
  }

  /** P1 = PIN size, data = the PIN (checked here, not before) [| 2FA HMAC]. */
  private resetSeedCommand(buffer: ApduBuffer): number {
    let bytesLeft = buffer.lc;
    const pinSize = buffer.s8(OFFSET.P1);
    const pin = this.pins[0]!;
    if (bytesLeft < pinSize) isoError(ISO_SW.WRONG_LENGTH);
    if (!pinPolicyAllows(pinSize)) isoError(SW.INVALID_PARAMETER);
    const triesRemaining = pin.triesRemaining;
    if (triesRemaining === 0) isoError(SW.IDENTITY_BLOCKED);
    if (!pin.check(buffer.read(OFFSET.CDATA, pinSize))) {
      isoError(SW.PIN_FAILED + triesRemaining - 1);
    }
    if (!this.seeded) isoError(SW.BIP32_UNINITIALIZED_SEED);
    if (this.twoFactorKey) {
      const offset = OFFSET.CDATA + pinSize;
      bytesLeft -= pinSize;
      if (bytesLeft < 20) isoError(ISO_SW.WRONG_LENGTH);
      const message = new Uint8Array(64).fill(0xff);
      message.set(this.authentikey.publicKey.subarray(1, 33), 0);
      this.checkTwoFactor(message, buffer, offset);
    }
    this.resetSeed();
    this.logOutAll();
    return 0;
  }

  /**
   * P1 = depth (≤ 10), data = 4 bytes per path index; P2 bit 0x80 empties the cache first.
   * Answers [chain code(32) | 00 20 | x(32) | sig size | sig by the derived key | sig size |
   * sig by the authentikey], each signature covering everything before it. There is no
   * xpub option in this applet: clients build the xpub from two of these (child, parent).
   */
  private getExtendedKey(buffer: ApduBuffer): number {
    this.requirePin();
    if (!this.seeded) isoError(SW.BIP32_UNINITIALIZED_SEED);
    const bytesLeft = buffer.lc;
    const depth = buffer.s8(OFFSET.P1);
    if (depth < 0 || depth > MAX_BIP32_DEPTH) isoError(SW.INCORRECT_P1);
    if (bytesLeft < 4 * depth) isoError(SW.INVALID_PARAMETER);
    const cache = this.cache!;
    if ((buffer.s8(OFFSET.P2) & 0x80) === 0x80) cache.reset();

    const recv = this.recv;
    recv.set(this.masterChainCode!, AT.PARENT_CHAINCODE);
    recv.set(this.masterKey!, AT.PARENT_KEY);
    recv[AT.PARENT_SEPARATOR] = 0;
    arrayCopy(buffer.bytes, OFFSET.CDATA, recv, AT.PATH, 4 * depth);

    for (let i = 1; i <= depth; i += 1) {
      recv.set(sha256(recv.subarray(AT.PATH, AT.PATH + 4 * i)), AT.INDEX);
      const base = cache.find(recv, AT.COLLISION_HASH);
      if (base !== NULL_OFFSET) cache.read(recv, AT.COLLISION_HASH, base, OBJECT_SIZE);
      if (base === NULL_OFFSET) {
        const indexAt = AT.PATH + 4 * (i - 1);
        if ((recv[indexAt]! & 0x80) !== 0x80) {
          const parentPublic = this.publicKeyOf(
            recv.subarray(AT.PARENT_KEY, AT.PARENT_KEY + KEY_SIZE),
          );
          recv.set(parentPublic, AT.PUB);
          const compressionByte = (recv[AT.PUBY + 31]! & 0x01) === 0 ? 0x02 : 0x03;
          recv[AT.PUB] = compressionByte;
          recv.copyWithin(AT.PUBY, indexAt, indexAt + 4);
          recv.set(
            hmacSha512(recv.slice(0, KEY_SIZE), recv.slice(AT.PUB, AT.PUB + 1 + KEY_SIZE + 4)),
            AT.CHILD_KEY,
          );
        } else {
          recv[KEY_SIZE] = 0;
          recv.copyWithin(AT.INDEX, indexAt, indexAt + 4);
          recv.set(
            hmacSha512(
              recv.slice(0, KEY_SIZE),
              recv.slice(AT.PARENT_SEPARATOR, AT.PARENT_SEPARATOR + 1 + KEY_SIZE + 4),
            ),
            AT.CHILD_KEY,
          );
        }
        recv.set(this.addParentKey(recv), AT.CHILD_KEY);
        this.cacheCipher.init(this.cacheKey, 'encrypt');
        recv.set(
          this.cacheCipher.doFinal(recv.slice(AT.CHILD_KEY, AT.CHILD_KEY + 2 * KEY_SIZE)),
          AT.CHILD_KEY,
        );
        recv[AT.PUB] = 0x04;
        cache.createObject(recv, AT.COLLISION_HASH);
      }
      this.cacheCipher.init(this.cacheKey, 'decrypt');
      recv.set(
        this.cacheCipher.doFinal(recv.slice(AT.CHILD_KEY, AT.CHILD_KEY + 2 * KEY_SIZE)),
        AT.CHILD_KEY,
      );
      recv.copyWithin(AT.PARENT_CHAINCODE, AT.CHILD_CHAINCODE, AT.CHILD_CHAINCODE + KEY_SIZE);
      recv.copyWithin(AT.PARENT_KEY, AT.CHILD_KEY, AT.CHILD_KEY + KEY_SIZE);
      recv[KEY_SIZE] = 0;
    }

    this.extendedKey = recv.slice(AT.PARENT_KEY, AT.PARENT_KEY + KEY_SIZE);
    buffer.write(0, recv.subarray(AT.PARENT_CHAINCODE, AT.PARENT_CHAINCODE + KEY_SIZE));
    arrayFill(recv, AT.PARENT_CHAINCODE, AT.END, 0);

    buffer.write(33, this.publicKeyOf(this.extendedKey));
    buffer.setShort(KEY_SIZE, KEY_SIZE);
    const selfSigned = signDer(buffer.read(0, 2 * KEY_SIZE + 2), this.signingKey(this.extendedKey));
    buffer.write(2 * KEY_SIZE + 4, selfSigned);
    buffer.setShort(2 * KEY_SIZE + 2, selfSigned.length);
    const signedLength = 2 * KEY_SIZE + selfSigned.length + 4;
    const byAuthentikey = signDer(buffer.read(0, signedLength), this.authentikey.privateKey);
    buffer.write(signedLength + 2, byAuthentikey);
    buffer.setShort(signedLength, byAuthentikey.length);
    return signedLength + 2 + byAuthentikey.length;
  }

  /**
   * IL + parent key mod n, as Biginteger.add_carry and the applet's reductions compute it:
   * IL ≥ n, or a zero result without a carry, is 9C0E.
   */
  private addParentKey(recv: Uint8Array): Uint8Array {
    const il = bytesToNumberBE(recv.subarray(AT.CHILD_KEY, AT.CHILD_KEY + KEY_SIZE));
    if (il >= N) isoError(SW.BIP32_DERIVATION_ERROR);
    let sum = il + bytesToNumberBE(recv.subarray(AT.PARENT_KEY, AT.PARENT_KEY + KEY_SIZE));
    const carry = sum >= TWO_256;
    if (sum >= N) sum -= N;
    if (!carry && sum === 0n) isoError(SW.BIP32_DERIVATION_ERROR);
    return numberToBytesBE(sum, KEY_SIZE);
  }

  /** P1 = FF (the last derived key) or a key slot; data = [hash(32) | 2FA flags(2) | HMAC(20)]. */
  private signTransactionHash(buffer: ApduBuffer): number {
    this.requirePin();
    const keyNumber = buffer.s8(OFFSET.P1);
    if (keyNumber !== -1 && (keyNumber < 0 || keyNumber >= MAX_NUM_KEYS)) {
      isoError(SW.INCORRECT_P1);
    }
    const bytesLeft = buffer.lc;
    if (bytesLeft < HASH_SIZE) isoError(ISO_SW.WRONG_LENGTH);
    if (keyNumber === -1 && !this.seeded) isoError(SW.BIP32_UNINITIALIZED_SEED);
    if (this.twoFactorKey) {
      if (bytesLeft < HASH_SIZE + 20 + 2) isoError(ISO_SW.WRONG_LENGTH);
      if (buffer.getShort(OFFSET.CDATA + HASH_SIZE) !== HMAC_CHALRESP_2FA) {
        isoError(SW.INCORRECT_ALG);
      }
      const message = new Uint8Array(64).fill(0xcc);
      message.set(buffer.read(OFFSET.CDATA, HASH_SIZE), 0);
      this.checkTwoFactor(message, buffer, OFFSET.CDATA + HASH_SIZE + 2);
    }
    // The key slots of IMPORT KEY are not modelled: they are always empty here.
    if (keyNumber !== -1) isoError(SW.INCORRECT_P1);
    const signature = signHashDer(
      buffer.read(OFFSET.CDATA, HASH_SIZE),
      this.signingKey(this.extendedKey),
    );
    buffer.write(0, signature);
    return signature.length;
  }

  private checkTwoFactor(message: Uint8Array, buffer: ApduBuffer, offset: number): void {
    const expected = hmacSha160(this.twoFactorKey!, message.length, () => message);
    const sent = buffer.read(offset, 20);
    if (sent.some((b, i) => b !== expected[i])) isoError(SW.SIGNATURE_INVALID);
  }

  private resetSeed(): void {
    this.cache?.reset();
    this.seeded = false;
    this.masterKey?.fill(0);
    this.masterChainCode?.fill(0);
    this.masterKey = undefined;
    this.masterChainCode = undefined;
  }

  private resetToFactory(): void {
    this.twoFactorKey = undefined;
    this.resetSeed();
    this.label.clear();
    this.pins[0]!.update(DEFAULT_PIN);
    this.setupDone = false;
  }

  private requirePin(): void {
    if (!this.pins[0]!.isValidated) isoError(SW.UNAUTHORIZED);
  }

  /** An ECPrivateKey that was never set (or holds 0 or ≥ n) cannot sign: CryptoException. */
  private signingKey(key: Uint8Array | undefined): Uint8Array {
    if (!key || !secp256k1.utils.isValidSecretKey(key)) uncaught('CryptoException');
    return key;
  }

  private publicKeyOf(privateKey: Uint8Array): Uint8Array {
    return secp256k1.getPublicKey(this.signingKey(privateKey), false);
  }

  private clearTransient(): void {
    this.recv.fill(0);
    this.secureChannel.clearTransient();
  }
}
