// The JavaCard side of one command: the 261-byte APDU buffer the applet reads with signed
// byte arithmetic, and the three exceptions that turn into status words. The applet code in
// this folder is ported offset for offset from the Java source, so malformed input fails
// here exactly where it fails on the card (an out-of-bounds read is a 6F00, not a crash).

export const OFFSET_CDATA = 5;
const BUFFER_SIZE = 261;

export const SW = {
  OK: 0x9000,
  WRONG_LENGTH: 0x6700,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  DATA_INVALID: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  WRONG_DATA: 0x6a80,
  FILE_NOT_FOUND: 0x6a82,
  FILE_FULL: 0x6a84,
  INCORRECT_P1P2: 0x6a86,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  WRONG_P1P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  UNKNOWN: 0x6f00,
} as const;

/** javacard.framework.ISOException: the command ends with this status word. */
export class IsoException extends Error {
  constructor(readonly sw: number) {
    super(`ISOException ${sw.toString(16).padStart(4, '0')}`);
  }
}

/** javacard.security.CryptoException; the applet answers 6F00 | reason. */
export class CryptoException extends Error {
  static readonly ILLEGAL_VALUE = 1;
  static readonly ILLEGAL_USE = 5;

  constructor(readonly reason: number) {
    super(`CryptoException ${reason}`);
  }
}

/** java.lang.ArrayIndexOutOfBoundsException, which the applet answers with 6F00. */
export class OutOfBounds extends Error {
  constructor(index: number) {
    super(`array index ${index} out of bounds`);
  }
}

export function isoError(sw: number): never {
  throw new IsoException(sw);
}

/** The status word a JavaCard applet's catch-all gives an exception; anything else is a simulator bug. */
export function statusWordOf(error: unknown): number {
  if (error instanceof IsoException) return error.sw;
  if (error instanceof CryptoException) return SW.UNKNOWN | error.reason;
  if (error instanceof OutOfBounds) return SW.UNKNOWN;
  throw error;
}

export function statusWord(sw: number): Uint8Array {
  return Uint8Array.of(sw >> 8, sw & 0xff);
}

export function withStatus(data: Uint8Array, sw: number = SW.OK): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out.set(statusWord(sw), data.length);
  return out;
}

export class ApduBuffer {
  private readonly bytes = new Uint8Array(BUFFER_SIZE);

  /**
   * Lays a short C-APDU out as the JavaCard runtime does: header at 0..3, P3 (Lc, or Le for
   * a case-2 command) at 4, data from 5. Extended or inconsistent lengths answer 6700.
   */
  constructor(apdu: Uint8Array) {
    if (apdu.length < 4) isoError(SW.WRONG_LENGTH);
    this.bytes.set(apdu.subarray(0, Math.min(apdu.length, 5)), 0);
    if (apdu.length > 5) {
      const lc = apdu[4]!;
      if (lc === 0 || (apdu.length !== 5 + lc && apdu.length !== 6 + lc)) {
        isoError(SW.WRONG_LENGTH);
      }
      this.bytes.set(apdu.subarray(5, 5 + lc), OFFSET_CDATA);
    }
  }

  get cla(): number {
    return this.bytes[0]!;
  }

  get ins(): number {
    return this.bytes[1]!;
  }

  get p1(): number {
    return this.bytes[2]!;
  }

  get p2(): number {
    return this.bytes[3]!;
  }

  /** The P3 byte, unsigned. Secure-channel unwrapping overwrites it with the plaintext length. */
  get lc(): number {
    return this.bytes[4]!;
  }

  /** Java `byte` read: -128..127. */
  s8(index: number): number {
    this.check(index, 1);
    return (this.bytes[index]! << 24) >> 24;
  }

  u8(index: number): number {
    this.check(index, 1);
    return this.bytes[index]!;
  }

  read(offset: number, length: number): Uint8Array {
    this.check(offset, length);
    return this.bytes.slice(offset, offset + length);
  }

  /** The command data, `lc` bytes from OFFSET_CDATA. */
  data(): Uint8Array {
    return this.read(OFFSET_CDATA, this.lc);
  }

  /** Replaces the data in place, as SecureChannel.preprocessAPDU does with the plaintext. */
  replaceData(plaintext: Uint8Array): void {
    this.check(OFFSET_CDATA, plaintext.length);
    this.bytes.fill(0, OFFSET_CDATA);
    this.bytes.set(plaintext, OFFSET_CDATA);
    this.bytes[4] = plaintext.length & 0xff;
  }

  /** The four header bytes a secure-channel MAC covers. */
  header(): Uint8Array {
    return this.bytes.slice(0, 4);
  }

  private check(offset: number, length: number): void {
    if (offset < 0 || length < 0 || offset + length > BUFFER_SIZE) throw new OutOfBounds(offset);
  }
}
