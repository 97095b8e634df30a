// The Seedkeeper applet (SeedKeeper.java, protocol 0.2, applet 0.1), command by command,
// with the same checks in the same order and the same status words. Not modelled (the
// simulator answers 6D00): BIP-32 derivation of a stored seed, master-password derivation,
// export to a Satochip, and the NDEF file.
import {
  CardEdgeApplet,
  COMMON_INS,
  DEFAULT_PIN,
  pinPolicyAllows,
  type ForcedStatusWord,
} from '../toporin/card-edge';
import { CardLabel } from '../toporin/card-label';
import { writeSignedCoordX, type EcKeyPair } from '../toporin/ec-keys';
import { ISO_SW, OFFSET, isoError, s8, uncaught, type ApduBuffer } from '../toporin/javacard';
import { newOwnerPin, type OwnerPin } from '../toporin/owner-pin';
import { CertificateStore, challengeResponse, signCsr } from '../toporin/personalisation';
import { SW } from '../toporin/status-words';
import { AuditLog, LOG_SIZE } from './audit-log';
import { SECRET_INS, SecretStore } from './secret-store';

const INS = {
  ...COMMON_INS,
  ...SECRET_INS,
  SET_NFC_POLICY: 0x3e,
  GET_SEEDKEEPER_STATUS: 0xa7,
  PRINT_LOGS: 0xa9,
  RESET_TO_FACTORY: 0xff,
} as const;

const PROTOCOL_VERSION = [0, 2] as const;
const APPLET_VERSION = [0, 1] as const;
const NFC_BLOCKED = 2;
/** PRINT LOGS stops adding records once the answer reaches this many bytes. */
const LOGS_PER_ANSWER = 128;

export interface SeedkeeperAppletOptions {
  authentikey: EcKeyPair;
  certificate: Uint8Array | undefined;
  /** OM_SIZE, the install parameter: bytes of secret memory. */
  memorySize: number;
  forced: ForcedStatusWord;
}

export class SeedkeeperApplet extends CardEdgeApplet {
  /** Created by the first SETUP, with that SETUP's try limits, for good. */
  private pin: OwnerPin | undefined;
  private unblockPin: OwnerPin | undefined;
  private readonly log = new AuditLog();
  private readonly label = new CardLabel();
  private readonly certificates: CertificateStore;
  private readonly secrets: SecretStore;
  private nfcPolicy = 0;

  constructor(options: SeedkeeperAppletOptions) {
    super(options.authentikey, options.certificate !== undefined, options.forced, true);
    this.certificates = CertificateStore.holding(options.certificate);
    this.secrets = new SecretStore(options.memorySize, options.authentikey, this.log);
  }

  get isSetUp(): boolean {
    return this.setupDone;
  }

  get pinTriesLeft(): number {
    return this.setupDone ? this.pin!.triesRemaining : 0;
  }

  get pukTriesLeft(): number {
    return this.setupDone ? this.unblockPin!.triesRemaining : 0;
  }

  get cardLabel(): Uint8Array {
    return this.label.value;
  }

  get certificate(): Uint8Array {
    return this.certificates.certificate;
  }

  get memory(): { secrets: number; total: number; free: number } {
    return this.secrets.memory;
  }

  /** SELECT answers GET STATUS (the NFC policy does not apply to a contact reader). */
  select(buffer: ApduBuffer): number {
    this.logOutAll();
    this.secureChannel.initialized = false;
    return this.getStatus(buffer);
  }

  deselect(): void {
    this.logOutAll();
    this.clearTransient();
  }

  powerLoss(): void {
    this.pin?.powerLoss();
    this.unblockPin?.powerLoss();
    this.clearTransient();
  }

  protected override beforeDispatch(ins: number): void {
    this.secrets.checkLock(ins);
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
        return this.unblockPinCommand(buffer);
      case INS.LOGOUT_ALL:
        return this.logOutAll();
      case INS.GET_STATUS:
        return this.getStatus(buffer);
      case INS.GET_SEEDKEEPER_STATUS:
        return this.getSeedkeeperStatus(buffer);
      case INS.CARD_LABEL:
        this.requirePin();
        return this.label.command(buffer);
      case INS.SET_NFC_POLICY:
        return this.setNfcPolicy(buffer);
      case INS.BIP32_GET_AUTHENTIKEY:
      case INS.EXPORT_AUTHENTIKEY:
        return writeSignedCoordX(buffer, this.authentikey.publicKey, this.authentikey.privateKey);
      case INS.GENERATE_MASTERSEED:
        this.requirePin();
        return this.secrets.generateMasterseed(buffer);
      case INS.GENERATE_2FA_SECRET:
        this.requirePin();
        return this.secrets.generateTwoFactorSecret(buffer);
      case INS.GENERATE_RANDOM_SECRET:
        this.requirePin();
        return this.secrets.generateRandomSecret(buffer);
      case INS.IMPORT_SECRET:
        this.requirePin();
        return this.secrets.importSecret(buffer);
      case INS.EXPORT_SECRET:
        this.requirePin();
        return this.secrets.exportSecret(buffer);
      case INS.RESET_SECRET:
        this.requirePin();
        return this.secrets.resetSecret(buffer);
      case INS.LIST_SECRET_HEADERS:
        this.requirePin();
        return this.secrets.listSecretHeaders(buffer);
      case INS.PRINT_LOGS:
        return this.printLogs(buffer);
      case INS.EXPORT_PKI_PUBKEY:
        buffer.write(0, this.authentikey.publicKey);
        return 65;
      case INS.SIGN_PKI_CSR:
        if (this.personalizationDone) isoError(SW.PKI_ALREADY_LOCKED);
        this.requirePinIfSet();
        return signCsr(buffer, this.authentikey);
      case INS.IMPORT_PKI_CERTIFICATE:
        if (this.personalizationDone) isoError(SW.PKI_ALREADY_LOCKED);
        this.requirePinIfSet();
        return this.certificates.importChunk(buffer);
      case INS.EXPORT_PKI_CERTIFICATE:
        this.requirePinIfSet();
        return this.certificates.exportChunk(buffer);
      case INS.LOCK_PKI:
        this.requirePinIfSet();
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
   * [versions(4) | PIN tries | PUK tries | 0 | 0 | 00 (2FA) | 01 (seeded) | set up | 01
   * (secure channel) | NFC policy]. P1 and P2 are not checked.
   */
  protected getStatus(buffer: ApduBuffer): number {
    const tries = this.setupDone
      ? [this.pin!.triesRemaining, this.unblockPin!.triesRemaining, 0, 0]
      : [0, 0, 0, 0];
    buffer.write(
      0,
      Uint8Array.of(
        ...PROTOCOL_VERSION,
        ...APPLET_VERSION,
        ...tries,
        0,
        1,
        this.setupDone ? 1 : 0,
        1,
        this.nfcPolicy,
      ),
    );
    return 13;
  }

  /**
   * The SETUP layout of the Satochip; the default PIN and PIN/PUK 1 are skipped unread.
   * PIN 0 and PUK 0 are created by the first SETUP only, so a factory-reset card keeps
   * the try limits it was first given.
   */
  private setup(buffer: ApduBuffer): number {
    this.personalizationDone = true;
    let bytesLeft = buffer.lc;
    let base = OFFSET.CDATA;
    let numBytes = buffer.s8(base++);
    bytesLeft -= 1;
    base += numBytes;
    bytesLeft -= numBytes;

    const pinTries = buffer.s8(base++);
    const unblockTries = buffer.s8(base++);
    numBytes = buffer.s8(base++);
    bytesLeft -= 3;
    if (!pinPolicyAllows(numBytes)) isoError(SW.INVALID_PARAMETER);
    this.pin ??= newOwnerPin(pinTries);
    this.pin.update(buffer.read(base, numBytes));
    base += numBytes;
    bytesLeft -= numBytes;
    numBytes = buffer.s8(base++);
    bytesLeft -= 1;
    if (!pinPolicyAllows(numBytes)) isoError(SW.INVALID_PARAMETER);
    this.unblockPin ??= newOwnerPin(unblockTries);
    this.unblockPin.update(buffer.read(base, numBytes));
    base += numBytes;
    bytesLeft -= numBytes;

    // PIN 1 and PUK 1 (deprecated) are skipped, their tries and sizes read.
    buffer.s8(base++);
    buffer.s8(base++);
    numBytes = buffer.s8(base++);
    bytesLeft -= 3;
    base += numBytes;
    bytesLeft -= numBytes;
    numBytes = buffer.s8(base++);
    bytesLeft -= 1;
    base += numBytes;
    bytesLeft -= numBytes;

    buffer.getShort(base);
    base += 2;
    buffer.getShort(base);
    base += 2;
    bytesLeft -= 4;
    for (let i = 0; i < 3; i += 1) buffer.s8(base++);
    bytesLeft -= 3;
    if (bytesLeft >= 2) buffer.getShort(base);

    this.secrets.restartIds();
    this.setupDone = true;
    return 0;
  }

  /** Before the first SETUP there is no PIN and VERIFY PIN succeeds without one. */
  private verifyPin(buffer: ApduBuffer): number {
    if (buffer.s8(OFFSET.P1) !== 0) isoError(SW.INCORRECT_P1);
    if (buffer.s8(OFFSET.P2) !== 0) isoError(SW.INCORRECT_P2);
    if (!this.pin) return 0;
    const length = s8(buffer.lc);
    if (!pinPolicyAllows(length)) isoError(SW.INVALID_PARAMETER);
    const triesRemaining = this.pin.triesRemaining;
    if (triesRemaining === 0) isoError(SW.IDENTITY_BLOCKED);
    if (!this.pin.check(buffer.read(OFFSET.CDATA, length))) {
      this.log.create(INS.VERIFY_PIN, -1, -1, SW.PIN_FAILED + triesRemaining - 1);
      isoError(SW.PIN_FAILED + triesRemaining - 1);
    }
    return 0;
  }

  private changePin(buffer: ApduBuffer): number {
    if (buffer.s8(OFFSET.P1) !== 0) isoError(SW.INCORRECT_P1);
    if (buffer.s8(OFFSET.P2) !== 0) isoError(SW.INCORRECT_P2);
    const pin = this.pin ?? isoError(SW.INCORRECT_P1);
    const bytesLeft = buffer.lc;
    if (bytesLeft < 4) isoError(SW.INVALID_PARAMETER);
    const pinSize = buffer.s8(OFFSET.CDATA);
    if (bytesLeft < 1 + pinSize + 1) isoError(SW.INVALID_PARAMETER);
    if (!pinPolicyAllows(pinSize)) isoError(SW.INVALID_PARAMETER);
    const newPinSize = buffer.s8(OFFSET.CDATA + 1 + pinSize);
    if (bytesLeft < 1 + pinSize + 1 + newPinSize) isoError(SW.INVALID_PARAMETER);
    if (!pinPolicyAllows(newPinSize)) isoError(SW.INVALID_PARAMETER);
    const triesRemaining = pin.triesRemaining;
    if (triesRemaining === 0) isoError(SW.IDENTITY_BLOCKED);
    if (!pin.check(buffer.read(OFFSET.CDATA + 1, pinSize))) {
      this.log.create(INS.CHANGE_PIN, -1, -1, SW.PIN_FAILED + triesRemaining - 1);
      isoError(SW.PIN_FAILED + triesRemaining - 1);
    }
    pin.update(buffer.read(OFFSET.CDATA + 1 + pinSize + 1, newPinSize));
    return 0;
  }

  /**
   * Only a blocked PIN can be unblocked (9C03). The wrong PUK that uses up its last try
   * resets the card to factory state and answers FF00 — the Seedkeeper's factory reset.
   */
  private unblockPinCommand(buffer: ApduBuffer): number {
    if (buffer.s8(OFFSET.P1) !== 0) isoError(SW.INCORRECT_P1);
    if (buffer.s8(OFFSET.P2) !== 0) isoError(SW.INCORRECT_P2);
    const pin = this.pin ?? isoError(SW.INCORRECT_P1);
    const unblockPin = this.unblockPin ?? isoError(SW.INTERNAL_ERROR);
    if (pin.triesRemaining !== 0) isoError(SW.OPERATION_NOT_ALLOWED);
    const length = s8(buffer.lc);
    if (!pinPolicyAllows(length)) isoError(SW.INVALID_PARAMETER);
    const triesRemaining = unblockPin.triesRemaining;
    if (triesRemaining === 0) isoError(SW.IDENTITY_BLOCKED);
    if (!unblockPin.check(buffer.read(OFFSET.CDATA, length))) {
      this.log.create(INS.UNBLOCK_PIN, -1, -1, SW.PIN_FAILED + triesRemaining - 1);
      if (unblockPin.triesRemaining === 0) {
        this.resetToFactory();
        isoError(SW.RESET_TO_FACTORY);
      }
      isoError(SW.PIN_FAILED + triesRemaining - 1);
    }
    pin.resetAndUnblock();
    return 0;
  }

  private logOutAll(): number {
    this.pin?.reset();
    return 0;
  }

  /** [secrets(2) | memory(2) | free memory(2) | logs total(2) | log capacity(2) | newest log(7)]. */
  private getSeedkeeperStatus(buffer: ApduBuffer): number {
    this.requirePin();
    const { secrets, total, free } = this.secrets.memory;
    buffer.setShort(0, secrets);
    buffer.setShort(2, total);
    buffer.setShort(4, free);
    if (!this.log.first(buffer.bytes, 6)) buffer.write(10, new Uint8Array(LOG_SIZE));
    return 6 + 4 + LOG_SIZE;
  }

  /** P2 = 01: [total | capacity | newest record]; P2 = 02: older records, up to ~128 bytes. */
  private printLogs(buffer: ApduBuffer): number {
    this.requirePin();
    const op = buffer.s8(OFFSET.P2);
    if (op === 0x01) return this.log.first(buffer.bytes, 0) ? 4 + LOG_SIZE : 4;
    if (op !== 0x02) isoError(SW.INCORRECT_P2);
    let offset = 0;
    while (this.log.next(buffer.bytes, offset)) {
      offset += LOG_SIZE;
      if (offset >= LOGS_PER_ANSWER) break;
    }
    return offset;
  }

  /** P1 = 0 enabled, 1 disabled, 2 blocked for good (until a factory reset). */
  private setNfcPolicy(buffer: ApduBuffer): number {
    this.requirePin();
    if (this.nfcPolicy === NFC_BLOCKED) isoError(SW.NFC_BLOCKED);
    const policy = buffer.s8(OFFSET.P1);
    if (policy < 0 || policy > NFC_BLOCKED) isoError(SW.INCORRECT_P1);
    this.nfcPolicy = policy;
    return 0;
  }

  private resetToFactory(): void {
    this.log.create(INS.RESET_TO_FACTORY, -1, -1, 0);
    this.secrets.eraseAll();
    this.nfcPolicy = 0;
    this.label.clear();
    this.pin!.update(DEFAULT_PIN);
    this.setupDone = false;
    this.log.update(INS.RESET_TO_FACTORY, -1, -1, 0x9000);
  }

  /** The PIN must have been verified (a missing PIN, before SETUP, is a NullPointerException). */
  private requirePin(): void {
    if (!this.pin) uncaught('NullPointerException');
    if (!this.pin.isValidated) isoError(SW.UNAUTHORIZED);
  }

  /** The PKI personalisation commands run without a PIN before the first SETUP. */
  private requirePinIfSet(): void {
    if (this.pin && !this.pin.isValidated) isoError(SW.UNAUTHORIZED);
  }

  private clearTransient(): void {
    this.secureChannel.clearTransient();
    this.secrets.clearTransient();
  }
}
