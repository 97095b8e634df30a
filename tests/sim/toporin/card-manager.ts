// What answers before any applet is selected: the GlobalPlatform card manager. pysatochip
// reads the card's identity here (GET DATA CPLC 9F7F, IIN 0042, CIN 0045) right after
// connecting, and a genuine card's certificate names SHA-1 of those three answers as its
// subject CN. These cards carry no IIN or CIN (6A88), as many JCOP cards ship.
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { ISO_SW, statusWord } from './javacard';

const CPLC_TAG = hexToBytes('9f7f');
const CPLC_LENGTH = 42;
/** NXP JCOP fabricator, type, OS and dates; the IC serial and batch vary per card. */
const CPLC_PREFIX = hexToBytes('479051794700' + '0000' + '0000' + '1231');
const CPLC_SUFFIX_LENGTH = CPLC_LENGTH - CPLC_PREFIX.length - 6;

export class CardManager {
  private readonly cplc: Uint8Array;

  constructor(cplc?: Uint8Array) {
    this.cplc =
      cplc?.slice() ?? concatBytes(CPLC_PREFIX, randomBytes(6), new Uint8Array(CPLC_SUFFIX_LENGTH));
    if (this.cplc.length !== CPLC_LENGTH) throw new RangeError('A CPLC is 42 bytes.');
  }

  /** GET DATA CPLC's answer data (tag, length, value). */
  get cplcData(): Uint8Array {
    return concatBytes(CPLC_TAG, Uint8Array.of(CPLC_LENGTH), this.cplc);
  }

  /** SHA-1 of CPLC ‖ IIN ‖ CIN answers, hex: what a genuine certificate's CN says. */
  get serialNumber(): string {
    return bytesToHex(sha1(this.cplcData));
  }

  /** A command while no applet is selected. */
  answer(apdu: Uint8Array): Uint8Array {
    const [cla, ins, p1, p2] = apdu;
    if ((cla !== 0x00 && cla !== 0x80) || ins !== 0xca) return statusWord(ISO_SW.INS_NOT_SUPPORTED);
    if (p1 === 0x9f && p2 === 0x7f) return concatBytes(this.cplcData, statusWord(ISO_SW.OK));
    return statusWord(ISO_SW.REFERENCED_DATA_NOT_FOUND);
  }
}
