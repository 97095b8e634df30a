// The secret layouts Lifeboat writes to and reads from a Seedkeeper (pure codecs; the bytes
// are what the card fingerprints and stores).
//
// - BIP-39 phrase: type 0x10 (masterseed) subtype 0x01, the "BIP-39 mnemonic v2" layout
//   Satochip's own apps write: `len | seed | wordlist | len | entropy | len | passphrase`.
//   The seed is the phrase's 64-byte BIP-39 seed with the passphrase, so a Satochip can load
//   it directly; the phrase comes back from the entropy and the wordlist byte (0 English,
//   1 Japanese, 2 Korean, 3 Spanish, 4 simplified Chinese, 5 traditional Chinese, 6 French,
//   7 Italian, 8 Czech, 9 Portuguese, as pysatochip numbers them).
// - Older BIP-39 mnemonic, type 0x30 (read only): `len | phrase | len | passphrase`, then
//   an optional wallet descriptor that Lifeboat ignores.
// - Raw master seed: type 0x10 subtype 0x00, `len | seed`.
// - SLIP-39 share: type 0x50 (the applet's SECRET_TYPE_SHAMIR_SECRET_SHARE), subtype 0x00,
//   `len(2) | share`, the share's words in full as UTF-8 lower case separated by single
//   spaces. Text rather than packed 10-bit word indices: any Seedkeeper tool that shows an
//   unknown secret as text or hex shows the share readably, it follows the way the
//   specification stores the other mnemonics, and nothing is lost (the words map one to
//   one to indices; the share's own checksum is verified both ways). The length takes two
//   bytes because a 33-word share is up to 296 characters.
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { concatBytes } from '@noble/hashes/utils.js';
import { LifeboatError, isLifeboatError } from '../../errors';
import {
  BIP39_WORDLISTS,
  bip39Seed,
  checkBip39Phrase,
  type Bip39Language,
} from '../../secrets/bip39';
import { decodeShare, encodeShare } from '../../secrets/slip39-share';
import { wipe } from '../secret-input';
import { ByteReader } from '../toporin/reader';
import { SECRET_TYPE, SUBTYPE, fingerprintOf } from './header';

export type BackupSecret =
  | { kind: 'bip39'; phrase: string; passphrase: string }
  | { kind: 'masterseed'; seed: Uint8Array }
  | { kind: 'slip39-share'; share: string };

export interface EncodedSecret {
  type: number;
  subtype: number;
  bytes: Uint8Array;
}

const WORDLIST_CODES: readonly Bip39Language[] = [
  'english',
  'japanese',
  'korean',
  'spanish',
  'simplified-chinese',
  'traditional-chinese',
  'french',
  'italian',
  'czech',
  'portuguese',
];

const utf8 = new TextEncoder();

function text(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw malformed(`the ${what} is not valid text`);
  }
}

function malformed(reason: string): LifeboatError {
  return new LifeboatError(
    'malformed-response',
    `The secret read from the card is damaged: ${reason}.`,
  );
}

function field8(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.length > 255)
    throw new LifeboatError('invalid-input', `The ${what} is too long for the card.`);
  return concatBytes(Uint8Array.of(bytes.length), bytes);
}

function wordlistOf(language: Bip39Language): string[] {
  return BIP39_WORDLISTS.find((list) => list.language === language)!.words;
}

/** The bytes Lifeboat stores for a secret. A BIP-39 phrase needs its seed, hence async. */
export async function encodeSecret(secret: BackupSecret): Promise<EncodedSecret> {
  switch (secret.kind) {
    case 'bip39': {
      const { phrase, language } = checkBip39Phrase(secret.phrase);
      const seed = await bip39Seed(phrase, secret.passphrase);
      const entropy = mnemonicToEntropy(phrase, wordlistOf(language));
      try {
        return {
          type: SECRET_TYPE.masterseed,
          subtype: SUBTYPE.bip39,
          bytes: concatBytes(
            field8(seed, 'seed'),
            Uint8Array.of(WORDLIST_CODES.indexOf(language)),
            field8(entropy, 'entropy'),
            field8(utf8.encode(secret.passphrase.normalize('NFKD')), 'passphrase'),
          ),
        };
      } finally {
        wipe(seed, entropy);
      }
    }
    case 'masterseed':
      if (secret.seed.length < 16 || secret.seed.length > 64)
        throw new LifeboatError('invalid-secret', 'A master seed is 16 to 64 bytes.');
      return {
        type: SECRET_TYPE.masterseed,
        subtype: SUBTYPE.default,
        bytes: field8(secret.seed, 'seed'),
      };
    case 'slip39-share': {
      const share = decodeShare(secret.share);
      const words = utf8.encode(encodeShare(share));
      share.value.fill(0);
      return {
        type: SECRET_TYPE.shamirShare,
        subtype: SUBTYPE.default,
        bytes: concatBytes(Uint8Array.of(words.length >> 8, words.length & 0xff), words),
      };
    }
  }
}

/**
 * The fingerprint a card shows for this secret stored by Lifeboat: a drill can check a
 * backup card against a phrase or share without reading the secret off the card.
 */
export async function expectedFingerprint(secret: BackupSecret): Promise<string> {
  const { bytes } = await encodeSecret(secret);
  try {
    return fingerprintOf(bytes);
  } finally {
    wipe(bytes);
  }
}

function decodeBip39v2(bytes: Uint8Array): BackupSecret {
  const reader = new ByteReader(bytes, 'stored secret');
  const seed = reader.field8();
  const wordlistCode = reader.u8();
  const entropy = reader.field8();
  const passphrase = text(reader.field8(), 'passphrase');
  if (entropy.length === 0) return { kind: 'masterseed', seed: seed.slice() };
  const language = WORDLIST_CODES[wordlistCode];
  if (!language) throw malformed('its word list is unknown');
  try {
    const phrase = checkBip39Phrase(entropyToMnemonic(entropy, wordlistOf(language))).phrase;
    return { kind: 'bip39', phrase, passphrase };
  } catch {
    throw malformed('its entropy is not a valid phrase length');
  }
}

function decodeBip39Mnemonic(bytes: Uint8Array): BackupSecret {
  const reader = new ByteReader(bytes, 'stored secret');
  const words = text(reader.field8(), 'phrase');
  const passphrase = reader.remaining > 0 ? text(reader.field8(), 'passphrase') : '';
  try {
    return { kind: 'bip39', phrase: checkBip39Phrase(words).phrase, passphrase };
  } catch (error) {
    if (isLifeboatError(error)) throw malformed('the stored phrase is not a valid BIP-39 phrase');
    throw error;
  }
}

function decodeShareText(bytes: Uint8Array): BackupSecret {
  const reader = new ByteReader(bytes, 'stored secret');
  const stored = text(reader.field16(), 'share');
  reader.end();
  try {
    const share = decodeShare(stored);
    const canonical = encodeShare(share);
    share.value.fill(0);
    return { kind: 'slip39-share', share: canonical };
  } catch (error) {
    if (isLifeboatError(error)) throw malformed('the stored share is not a valid SLIP-39 share');
    throw error;
  }
}

/** The secret in bytes read from the card, by the header's type and subtype. */
export function decodeSecret(type: number, subtype: number, bytes: Uint8Array): BackupSecret {
  if (type === SECRET_TYPE.masterseed && subtype === SUBTYPE.bip39) return decodeBip39v2(bytes);
  if (type === SECRET_TYPE.masterseed) {
    const reader = new ByteReader(bytes, 'stored secret');
    const seed = reader.field8().slice();
    reader.end();
    return { kind: 'masterseed', seed };
  }
  if (type === SECRET_TYPE.bip39Mnemonic) return decodeBip39Mnemonic(bytes);
  if (type === SECRET_TYPE.shamirShare) return decodeShareText(bytes);
  throw new LifeboatError(
    'not-supported',
    'This secret is of a kind Lifeboat does not read (only phrases, seeds and Shamir shares).',
  );
}

/** The stored seed of a BIP-39 v2 secret, to check it against its phrase and passphrase. */
export function storedBip39Seed(bytes: Uint8Array): Uint8Array {
  return new ByteReader(bytes, 'stored secret').field8().slice();
}
