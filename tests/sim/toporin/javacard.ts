// The JavaCard runtime as the Toporin applets see it: the APDU buffer they read and write
// with signed Java arithmetic, the exceptions that end a command, and the AES cipher
// objects with their update/doFinal block rules. The applet code in this folder and in
// ../satochip and ../seedkeeper is ported offset for offset, so malformed input fails here
// exactly where it fails on the card (an out-of-bounds read is a 6F00, not a crash).
import { cbc, ecb } from '@noble/ciphers/aes.js';
import { concatBytes } from '@noble/hashes/utils.js';

/** ISO 7816 offsets in the APDU buffer. */
export const OFFSET = { CLA: 0, INS: 1, P1: 2, P2: 3, LC: 4, CDATA: 5 } as const;

/** The short-APDU buffer of the cards these applets ship on. */
export const BUFFER_SIZE = 261;
/** The longest answer a short APDU can carry. */
export const MAX_RESPONSE = 256;

export const ISO_SW = {
  OK: 0x9000,
  WRONG_LENGTH: 0x6700,
  FILE_NOT_FOUND: 0x6a82,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  UNKNOWN: 0x6f00,
} as const;

/** javacard.framework.ISOException: the command ends with this status word. */
export class IsoException extends Error {
  constructor(readonly sw: number) {
    super(`ISOException ${sw.toString(16).padStart(4, '0')}`);
  }
}

/**
 * Any other exception the applet does not catch — an array index out of bounds, a
 * CryptoException, a PINException, a NegativeArraySizeException: the runtime answers 6F00.
 */
export class UncaughtException extends Error {}

export function isoError(sw: number): never {
  throw new IsoException(sw & 0xffff);
}

export function uncaught(what: string): never {
  throw new UncaughtException(what);
}

/** The status word the runtime sends for an exception; anything else is a simulator bug. */
export function statusWordOf(error: unknown): number {
  if (error instanceof IsoException) return error.sw;
  if (error instanceof UncaughtException) return ISO_SW.UNKNOWN;
  throw error;
}

export function statusWord(sw: number): Uint8Array {
  return Uint8Array.of((sw >> 8) & 0xff, sw & 0xff);
}

/** Java `(short)` of an int. */
export function s16(value: number): number {
  return (value << 16) >> 16;
}

/** Java `(byte)` of an int. */
export function s8(value: number): number {
  return (value << 24) >> 24;
}

/** Bounds check of a Java array access: a negative length or index is out of bounds too. */
export function checkBounds(array: Uint8Array, offset: number, length: number): void {
  if (offset < 0 || length < 0 || offset + length > array.length) {
    uncaught(`array index ${offset}+${length} out of bounds`);
  }
}

/** Util.arrayCopy(src, srcOff, dest, destOff, length). */
export function arrayCopy(
  src: Uint8Array,
  srcOff: number,
  dest: Uint8Array,
  destOff: number,
  length: number,
): void {
  checkBounds(src, srcOff, length);
  checkBounds(dest, destOff, length);
  dest.set(src.slice(srcOff, srcOff + length), destOff);
}

/** Util.arrayFillNonAtomic(array, offset, length, value). */
export function arrayFill(array: Uint8Array, offset: number, length: number, value: number): void {
  checkBounds(array, offset, length);
  array.fill(value & 0xff, offset, offset + length);
}

/** Util.getShort: a signed big-endian short. */
export function getShort(array: Uint8Array, offset: number): number {
  checkBounds(array, offset, 2);
  return s16((array[offset]! << 8) | array[offset + 1]!);
}

/** Util.setShort. */
export function setShort(array: Uint8Array, offset: number, value: number): void {
  checkBounds(array, offset, 2);
  array[offset] = (value >> 8) & 0xff;
  array[offset + 1] = value & 0xff;
}

/** array[index] as a Java byte. */
export function byteAt(array: Uint8Array, index: number): number {
  checkBounds(array, index, 1);
  return s8(array[index]!);
}

export function setByte(array: Uint8Array, index: number, value: number): void {
  checkBounds(array, index, 1);
  array[index] = value & 0xff;
}

/** Copies out `length` bytes, bounds-checked. */
export function slice(array: Uint8Array, offset: number, length: number): Uint8Array {
  checkBounds(array, offset, length);
  return array.slice(offset, offset + length);
}

/**
 * The APDU buffer. The runtime writes each command over the start of it and leaves the
 * rest as it was, so a handler reading past the data it was sent sees what an earlier
 * command or answer left there — as on the card. Power-up and selection clear it.
 */
export class ApduBuffer {
  readonly bytes = new Uint8Array(BUFFER_SIZE);
  /** How many data bytes came with the command (setIncomingAndReceive). */
  received = 0;

  /**
   * Lays a short C-APDU out: header at 0..3, P3 at 4 (0 for a 4-byte command), data from 5.
   * Extended or inconsistent lengths answer 6700.
   */
  load(apdu: Uint8Array): void {
    if (apdu.length < 4) isoError(ISO_SW.WRONG_LENGTH);
    if (apdu.length > 5) {
      const lc = apdu[4]!;
      if (lc === 0 || (apdu.length !== 5 + lc && apdu.length !== 6 + lc)) {
        isoError(ISO_SW.WRONG_LENGTH);
      }
      this.bytes.set(apdu.subarray(0, 5 + lc), 0);
      this.received = lc;
      return;
    }
    this.bytes.set(apdu.subarray(0, 4), 0);
    this.bytes[4] = apdu.length === 5 ? apdu[4]! : 0;
    this.received = 0;
  }

  clear(): void {
    this.bytes.fill(0);
    this.received = 0;
  }

  get ins(): number {
    return this.bytes[OFFSET.INS]!;
  }

  /** The P3 byte, unsigned (Util.makeShort(0, buffer[OFFSET_LC])). */
  get lc(): number {
    return this.bytes[OFFSET.LC]!;
  }

  /** buffer[i] as a Java byte. */
  s8(index: number): number {
    return byteAt(this.bytes, index);
  }

  u8(index: number): number {
    return byteAt(this.bytes, index) & 0xff;
  }

  getShort(offset: number): number {
    return getShort(this.bytes, offset);
  }

  setShort(offset: number, value: number): void {
    setShort(this.bytes, offset, value);
  }

  setByte(index: number, value: number): void {
    setByte(this.bytes, index, value);
  }

  read(offset: number, length: number): Uint8Array {
    return slice(this.bytes, offset, length);
  }

  write(offset: number, data: Uint8Array): void {
    checkBounds(this.bytes, offset, data.length);
    this.bytes.set(data, offset);
  }

  /** apdu.setOutgoingAndSend(0, length): the answer's data. */
  outgoing(length: number): Uint8Array {
    if (length < 0 || length > MAX_RESPONSE) uncaught(`APDUException: ${length} bytes out`);
    return this.read(0, length);
  }
}

const BLOCK = 16;

/**
 * javacardx.crypto.Cipher for ALG_AES_BLOCK_128_ECB_NOPAD / _CBC_NOPAD: update() returns
 * whole blocks and keeps the rest for later, doFinal() needs whole blocks in total
 * (CryptoException otherwise) and leaves the cipher as init() left it.
 */
export class AesCipher {
  private key: Uint8Array | undefined;
  private encrypting = true;
  private initialIv = new Uint8Array(BLOCK);
  private iv = new Uint8Array(BLOCK);
  private pending = new Uint8Array(0);

  constructor(private readonly mode: 'ecb' | 'cbc') {}

  init(key: Uint8Array, direction: 'encrypt' | 'decrypt', iv?: Uint8Array): void {
    this.key = key.slice();
    this.encrypting = direction === 'encrypt';
    this.initialIv = iv ? iv.slice() : new Uint8Array(BLOCK);
    this.iv = this.initialIv.slice();
    this.pending = new Uint8Array(0);
  }

  update(input: Uint8Array): Uint8Array {
    const data = concatBytes(this.pending, input);
    const whole = data.length - (data.length % BLOCK);
    this.pending = data.slice(whole);
    return this.run(data.subarray(0, whole));
  }

  doFinal(input: Uint8Array): Uint8Array {
    const data = concatBytes(this.pending, input);
    this.pending = new Uint8Array(0);
    if (data.length % BLOCK !== 0) uncaught('CryptoException ILLEGAL_USE');
    const out = this.run(data);
    this.iv = this.initialIv.slice();
    return out;
  }

  private run(data: Uint8Array): Uint8Array {
    if (!this.key) uncaught('CryptoException UNINITIALIZED_KEY');
    if (data.length === 0) return new Uint8Array(0);
    if (this.mode === 'ecb') {
      const aes = ecb(this.key, { disablePadding: true });
      return this.encrypting ? aes.encrypt(data) : aes.decrypt(data);
    }
    const aes = cbc(this.key, this.iv, { disablePadding: true });
    const out = this.encrypting ? aes.encrypt(data) : aes.decrypt(data);
    this.iv = (this.encrypting ? out : data).slice(-BLOCK);
    return out;
  }
}
