// One SLIP-39 share: its header fields and value, and its mnemonic form.
//
//   identifier 15 | extendable 1 | iteration exponent 4 | group index 4 | group threshold−1 4
//   | group count−1 4 | member index 4 | member threshold−1 4 | padded value | checksum 30
//
// Big-endian bits cut into 10-bit words. Errors name the word they concern by its 0-based
// `wordIndex` in details, and say it 1-based in the message; they never quote a word.
import { LifeboatError } from '../errors';
import { CHECKSUM_WORDS, rs1024Checksum, rs1024SingleErrorPositions, rs1024Verify } from './rs1024';
import { SLIP39_WORDLIST } from './slip39-wordlist';
import { slip39WordIndex, tokenize } from './slip39-words';

export interface Share {
  /** 15-bit random value shared by every share of one backup. */
  identifier: number;
  extendable: boolean;
  /** PBKDF2 costs 10000·2^e iterations in total. */
  iterationExponent: number;
  /** 0-based x value of the group share. */
  groupIndex: number;
  groupThreshold: number;
  groupCount: number;
  /** 0-based x value of the member share within its group. */
  memberIndex: number;
  memberThreshold: number;
  value: Uint8Array;
}

/** The header fields that every share of one backup has in common. */
export type CommonField =
  'identifier' | 'extendable' | 'iterationExponent' | 'groupThreshold' | 'groupCount' | 'length';

/** The header fields in plain words. */
export const FIELD_NAMES: Record<CommonField | 'memberThreshold' | 'memberIndex', string> = {
  identifier: 'backup identifier',
  extendable: 'extendable flag',
  iterationExponent: 'iteration exponent',
  groupThreshold: 'group threshold',
  groupCount: 'group count',
  length: 'secret length',
  memberThreshold: 'member threshold',
  memberIndex: 'member number',
};

const HEADER_WORDS = 4;
const METADATA_WORDS = HEADER_WORDS + CHECKSUM_WORDS;
export const MIN_SECRET_BYTES = 16;
export const MIN_SHARE_WORDS = METADATA_WORDS + Math.ceil((MIN_SECRET_BYTES * 8) / 10);
// The spec sets no upper bound, but a BIP-32 seed is at most 64 bytes; refusing longer input
// early keeps a pasted wall of text from costing a checksum search over every word.
const MAX_SECRET_BYTES = 64;
const MAX_SHARE_WORDS = METADATA_WORDS + Math.ceil((MAX_SECRET_BYTES * 8) / 10);

function customization(extendable: boolean): string {
  return extendable ? 'shamir_extendable' : 'shamir';
}

/** The extendable flag sits in word 1, so it is known before the checksum is. */
function customizationOf(words: readonly number[]): string {
  return customization((((words[1] ?? 0) >> 4) & 1) === 1);
}

/** Whether a share can have this many words: 20 to 59, with at most 8 padding bits. */
export function isShareLength(words: number): boolean {
  return (
    words >= MIN_SHARE_WORDS &&
    words <= MAX_SHARE_WORDS &&
    ((words - METADATA_WORDS) * 10) % 16 <= 8
  );
}

/** The same error, saying which share (0-based `shareIndex`) it is about. */
export function inShare(error: unknown, shareIndex: number): unknown {
  if (!(error instanceof LifeboatError)) return error;
  return new LifeboatError(
    error.code,
    `Share ${shareIndex + 1}: ${error.message}`,
    { ...error.details, shareIndex },
    { cause: error },
  );
}

export function encodeShare(share: Share): string {
  const { identifier, iterationExponent, groupIndex, memberIndex, value } = share;
  const valueWords = Math.ceil((value.length * 8) / 10);
  const params =
    (groupIndex << 16) |
    ((share.groupThreshold - 1) << 12) |
    ((share.groupCount - 1) << 8) |
    (memberIndex << 4) |
    (share.memberThreshold - 1);
  const data = [
    identifier >> 5,
    ((identifier & 0x1f) << 5) | (share.extendable ? 0x10 : 0) | iterationExponent,
    params >> 10,
    params & 1023,
    ...bytesToWords(value, valueWords),
  ];
  const words = [...data, ...rs1024Checksum(customization(share.extendable), data)];
  return words.map((w) => SLIP39_WORDLIST[w]!).join(' ');
}

/** Parses and verifies one share. Throws a LifeboatError naming what is wrong. */
export function decodeShare(text: string): Share {
  const tokens = tokenize(text);
  const words = tokens.map((token, wordIndex) => {
    const index = slip39WordIndex(token);
    if (index === undefined) {
      throw new LifeboatError(
        'invalid-word',
        `Word ${wordIndex + 1} is not a SLIP-39 word. Check its spelling.`,
        { wordIndex },
      );
    }
    return index;
  });

  if (!isShareLength(words.length)) {
    throw new LifeboatError(
      'invalid-share-length',
      `This share has ${words.length} words; a Shamir share has 20 or 33.`,
      { words: words.length },
    );
  }

  if (!rs1024Verify(customizationOf(words), words)) {
    const wordIndex = likelyWrongWord(words);
    throw new LifeboatError(
      'invalid-share-checksum',
      wordIndex === undefined
        ? 'This share does not pass its checksum: a word is probably mistyped.'
        : `This share does not pass its checksum: word ${wordIndex + 1} is probably mistyped.`,
      wordIndex === undefined ? undefined : { wordIndex },
    );
  }

  const [w0, w1, w2, w3] = words as [number, number, number, number];
  const params = (w2 << 10) | w3;
  const share = {
    identifier: (w0 << 5) | (w1 >> 5),
    extendable: ((w1 >> 4) & 1) === 1,
    iterationExponent: w1 & 0xf,
    groupIndex: (params >> 16) & 0xf,
    groupThreshold: ((params >> 12) & 0xf) + 1,
    groupCount: ((params >> 8) & 0xf) + 1,
    memberIndex: (params >> 4) & 0xf,
    memberThreshold: (params & 0xf) + 1,
  };
  if (share.groupThreshold > share.groupCount) {
    throw new LifeboatError(
      'invalid-share',
      `This share is not valid: it says ${share.groupThreshold} groups are needed out of only ${share.groupCount}.`,
    );
  }

  const valueWords = words.slice(HEADER_WORDS, -CHECKSUM_WORDS);
  const value = wordsToBytes(valueWords, (valueWords.length * 10) % 16);
  if (!value) {
    throw new LifeboatError(
      'invalid-share-padding',
      'This share is not valid (bad padding): a word is probably wrong.',
    );
  }
  return { ...share, value };
}

/** The first field in which two shares show they belong to different backups. */
export function differingField(a: Share, b: Share): CommonField | undefined {
  if (a.identifier !== b.identifier) return 'identifier';
  if (a.extendable !== b.extendable) return 'extendable';
  if (a.iterationExponent !== b.iterationExponent) return 'iterationExponent';
  if (a.groupThreshold !== b.groupThreshold) return 'groupThreshold';
  if (a.groupCount !== b.groupCount) return 'groupCount';
  if (a.value.length !== b.value.length) return 'length';
  return undefined;
}

/**
 * The one word whose replacement would make the checksum valid, if there is exactly one.
 * Word 1 carries the extendable flag, which picks the checksum's customization string, so
 * fixes there are tried one by one instead of through the linear locator.
 */
function likelyWrongWord(words: readonly number[]): number | undefined {
  const positions = new Set(
    rs1024SingleErrorPositions(customizationOf(words), words).filter((i) => i !== 1),
  );
  const candidate = words.slice();
  for (let value = 0; value < 1024; value++) {
    if (value === words[1]) continue;
    candidate[1] = value;
    if (rs1024Verify(customizationOf(candidate), candidate)) {
      positions.add(1);
      break;
    }
  }
  return positions.size === 1 ? [...positions][0] : undefined;
}

/** Packs bytes into 10-bit words, with the zero padding bits in front. */
function bytesToWords(bytes: Uint8Array, wordCount: number): number[] {
  const words: number[] = [];
  let acc = 0;
  let bits = wordCount * 10 - bytes.length * 8;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 10) {
      bits -= 10;
      words.push((acc >> bits) & 1023);
    }
    acc &= (1 << bits) - 1;
  }
  return words;
}

/** Unpacks 10-bit words after `padding` leading bits, which must be zero. */
function wordsToBytes(words: readonly number[], padding: number): Uint8Array | undefined {
  if ((words[0] ?? 0) >> (10 - padding) !== 0) return undefined;
  const bytes = new Uint8Array((words.length * 10 - padding) / 8);
  let acc = 0;
  let bits = -padding;
  let at = 0;
  for (const word of words) {
    acc = (acc << 10) | word;
    bits += 10;
    while (bits >= 8) {
      bits -= 8;
      bytes[at++] = (acc >> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  return bytes;
}
