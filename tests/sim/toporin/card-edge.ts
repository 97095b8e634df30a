// What CardEdge.java (Satochip) and SeedKeeper.java share in process(): the checks every
// command goes through, in the applets' order, around the family's own command switch.
//
//   SELECT with CLA 00 reaching the applet (an AID the card does not know) → 6A82;
//   CLA other than B0 → 6E00; [Satochip: the factory-reset countdown];
//   Lc different from the data received → 6700 (GET STATUS excepted);
//   GET STATUS and INIT SECURE CHANNEL answer in plain; PROCESS SECURE CHANNEL unwraps;
//   anything else in plain → 9C20;
//   before SETUP only SETUP — and, while the PKI is not locked, VERIFY PIN and the PKI
//   personalisation commands — run (9C04); SETUP again → 9C07; [Seedkeeper: the lock];
//   then the command, whose data comes back encrypted unless it is GET STATUS.
import { concatBytes } from '@noble/hashes/utils.js';
import type { EcKeyPair } from './ec-keys';
import { ISO_SW, OFFSET, isoError, statusWord, statusWordOf, type ApduBuffer } from './javacard';
import { SecureChannel } from './secure-channel';
import { CLA, SW } from './status-words';

export const COMMON_INS = {
  SETUP: 0x2a,
  GET_STATUS: 0x3c,
  CARD_LABEL: 0x3d,
  VERIFY_PIN: 0x42,
  CHANGE_PIN: 0x44,
  UNBLOCK_PIN: 0x46,
  LOGOUT_ALL: 0x60,
  BIP32_GET_AUTHENTIKEY: 0x73,
  INIT_SECURE_CHANNEL: 0x81,
  PROCESS_SECURE_CHANNEL: 0x82,
  IMPORT_PKI_CERTIFICATE: 0x92,
  EXPORT_PKI_CERTIFICATE: 0x93,
  SIGN_PKI_CSR: 0x94,
  EXPORT_PKI_PUBKEY: 0x98,
  LOCK_PKI: 0x99,
  CHALLENGE_RESPONSE_PKI: 0x9a,
  EXPORT_AUTHENTIKEY: 0xad,
} as const;

const BEFORE_SETUP = new Set<number>([
  COMMON_INS.VERIFY_PIN,
  COMMON_INS.EXPORT_PKI_PUBKEY,
  COMMON_INS.IMPORT_PKI_CERTIFICATE,
  COMMON_INS.SIGN_PKI_CSR,
  COMMON_INS.LOCK_PKI,
]);

/** PIN_INIT_VALUE: "Muscle00", the PIN before SETUP. */
export const DEFAULT_PIN = Uint8Array.from([0x4d, 0x75, 0x73, 0x63, 0x6c, 0x65, 0x30, 0x30]);
export const PIN_MIN_SIZE = 4;
export const PIN_MAX_SIZE = 16;

/** CheckPINPolicy: only the length counts. `size` is the applet's signed byte. */
export function pinPolicyAllows(size: number): boolean {
  return size >= PIN_MIN_SIZE && size <= PIN_MAX_SIZE;
}

export interface Answer {
  /** Data ‖ SW1 SW2. */
  response: Uint8Array;
  /** Went out through the secure channel (for fault injection). */
  encrypted: boolean;
}

/** Lets the fault schedule answer a chosen INS with a chosen status word. */
export type ForcedStatusWord = (ins: number) => number | undefined;

export abstract class CardEdgeApplet {
  protected setupDone = false;
  protected personalizationDone: boolean;
  protected readonly secureChannel: SecureChannel;

  protected constructor(
    protected readonly authentikey: EcKeyPair,
    personalized: boolean,
    private readonly forced: ForcedStatusWord,
    private readonly appendsAuthentikeyX: boolean,
  ) {
    this.personalizationDone = personalized;
    this.secureChannel = new SecureChannel(() => this.authentikey);
  }

  /** The answer to SELECT (data length written at offset 0). */
  abstract select(buffer: ApduBuffer): number;
  abstract deselect(): void;
  /** Power loss: transient memory and PIN validation are gone. */
  abstract powerLoss(): void;
  protected abstract getStatus(buffer: ApduBuffer): number;
  /** The family's command switch; answers the length of the data written at offset 0. */
  protected abstract dispatch(ins: number, buffer: ApduBuffer): number;

  /** Satochip's factory-reset countdown runs here, before the length check. */
  protected beforeLengthCheck(_ins: number): void {}

  /** Seedkeeper's multi-APDU lock check runs here, right before the switch. */
  protected beforeDispatch(_ins: number): void {}

  process(buffer: ApduBuffer): Answer {
    try {
      return this.run(buffer);
    } catch (error) {
      return { response: statusWord(statusWordOf(error)), encrypted: false };
    }
  }

  /**
   * Runs an already unwrapped command as if it had come through the secure channel, for
   * the simulator's direct set-up (a personalisation station in the factory).
   */
  provision(buffer: ApduBuffer): { sw: number; data: Uint8Array } {
    try {
      const sizeOut = this.runUnwrapped(buffer.ins, buffer);
      return { sw: ISO_SW.OK, data: buffer.read(0, sizeOut) };
    } catch (error) {
      return { sw: statusWordOf(error), data: new Uint8Array(0) };
    }
  }

  private run(buffer: ApduBuffer): Answer {
    if (buffer.bytes[OFFSET.CLA] === 0 && buffer.ins === 0xa4) isoError(ISO_SW.FILE_NOT_FOUND);
    if (buffer.bytes[OFFSET.CLA] !== CLA) isoError(ISO_SW.CLA_NOT_SUPPORTED);
    let ins = buffer.ins;
    if (ins !== COMMON_INS.PROCESS_SECURE_CHANNEL) this.checkForced(ins);
    this.beforeLengthCheck(ins);
    if (ins !== COMMON_INS.GET_STATUS && buffer.lc !== buffer.received) {
      isoError(ISO_SW.WRONG_LENGTH);
    }
    if (ins === COMMON_INS.GET_STATUS) return this.plain(buffer, this.getStatus(buffer));
    if (ins === COMMON_INS.INIT_SECURE_CHANNEL) {
      return this.plain(buffer, this.secureChannel.initiate(buffer, this.appendsAuthentikeyX));
    }
    if (ins !== COMMON_INS.PROCESS_SECURE_CHANNEL) isoError(SW.SECURE_CHANNEL_REQUIRED);
    this.secureChannel.unwrap(buffer);
    ins = buffer.ins;
    this.checkForced(ins);
    const sizeOut = this.runUnwrapped(ins, buffer);
    if (sizeOut === 0) return { response: statusWord(ISO_SW.OK), encrypted: false };
    if (ins === COMMON_INS.GET_STATUS || ins === COMMON_INS.INIT_SECURE_CHANNEL) {
      return this.plain(buffer, sizeOut);
    }
    const wrapped = this.secureChannel.wrapAnswer(buffer, sizeOut);
    return {
      response: concatBytes(buffer.outgoing(wrapped), statusWord(ISO_SW.OK)),
      encrypted: true,
    };
  }

  private runUnwrapped(ins: number, buffer: ApduBuffer): number {
    if (!this.setupDone && ins !== COMMON_INS.SETUP) {
      if (this.personalizationDone || !BEFORE_SETUP.has(ins)) isoError(SW.SETUP_NOT_DONE);
    }
    if (this.setupDone && ins === COMMON_INS.SETUP) isoError(SW.SETUP_ALREADY_DONE);
    this.beforeDispatch(ins);
    return this.dispatch(ins, buffer);
  }

  private checkForced(ins: number): void {
    const sw = this.forced(ins);
    if (sw !== undefined) isoError(sw);
  }

  private plain(buffer: ApduBuffer, sizeOut: number): Answer {
    return {
      response: concatBytes(buffer.outgoing(sizeOut), statusWord(ISO_SW.OK)),
      encrypted: false,
    };
  }
}
