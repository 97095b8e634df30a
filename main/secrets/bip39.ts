// BIP-39 recovery phrases through @scure/bip39, in every language it ships. What is added
// here is for people: each word is checked on its own, the language is recognised, and a
// failed checksum names the words that are probably wrong.
import { mnemonicToSeed, validateMnemonic } from '@scure/bip39';
import { wordlist as czech } from '@scure/bip39/wordlists/czech.js';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as french } from '@scure/bip39/wordlists/french.js';
import { wordlist as italian } from '@scure/bip39/wordlists/italian.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as portuguese } from '@scure/bip39/wordlists/portuguese.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';
import { LifeboatError } from '../errors';

export const PHRASE_LENGTHS: readonly number[] = [12, 15, 18, 21, 24];

const WORDLISTS = {
  english,
  czech,
  french,
  italian,
  japanese,
  korean,
  portuguese,
  spanish,
  'simplified-chinese': simplifiedChinese,
  'traditional-chinese': traditionalChinese,
};

export type Bip39Language = keyof typeof WORDLISTS;

export interface Bip39Wordlist {
  language: Bip39Language;
  words: string[];
  has(word: string): boolean;
}

/** English first: when a phrase fits several lists equally well, English wins the tie. */
export const BIP39_WORDLISTS: readonly Bip39Wordlist[] = Object.entries(WORDLISTS).map(
  ([language, words]) => {
    const set = new Set(words);
    return { language: language as Bip39Language, words, has: (word) => set.has(word) };
  },
);

/**
 * Splits a phrase into words the way BIP-39 reads them: NFKD (which also turns the Japanese
 * ideographic space into a plain one), lower case, single spaces.
 */
export function phraseWords(text: string): string[] {
  return text.normalize('NFKD').toLowerCase().split(/\s+/).filter(Boolean);
}

/** The list that knows the most of these words (the whole phrase, for a valid one). */
export function likeliestWordlist(words: readonly string[]): Bip39Wordlist {
  let best = BIP39_WORDLISTS[0]!;
  let bestCount = -1;
  for (const list of BIP39_WORDLISTS) {
    const count = words.filter((w) => list.has(w)).length;
    if (count > bestCount) [best, bestCount] = [list, count];
  }
  return best;
}

export interface ValidPhrase {
  language: Bip39Language;
  /** The canonical phrase: NFKD words joined by single spaces. */
  phrase: string;
  words: number;
}

/** Checks a phrase completely. Throws a LifeboatError naming the word that is wrong. */
export function checkBip39Phrase(text: string): ValidPhrase {
  const words = phraseWords(text);
  const lists = BIP39_WORDLISTS.filter((list) => words.length > 0 && words.every(list.has));
  if (lists.length === 0) {
    const list = likeliestWordlist(words);
    const wordIndex = words.findIndex((w) => !list.has(w));
    if (wordIndex >= 0) {
      throw new LifeboatError(
        'invalid-word',
        `Word ${wordIndex + 1} is not in the BIP-39 word list. Check its spelling.`,
        { wordIndex },
      );
    }
  }
  if (!PHRASE_LENGTHS.includes(words.length)) {
    throw new LifeboatError(
      'invalid-mnemonic-length',
      `This phrase has ${words.length} words; a recovery phrase has 12, 15, 18, 21 or 24.`,
      { words: words.length },
    );
  }
  const phrase = words.join(' ');
  // Chinese simplified and traditional share characters: the phrase is valid if any list
  // containing all its words accepts the checksum.
  const valid = lists.find((list) => validateMnemonic(phrase, list.words));
  if (valid) return { language: valid.language, phrase, words: words.length };

  const suspects = likelyWrongWords(words, lists[0]!);
  throw new LifeboatError(
    'invalid-mnemonic-checksum',
    `The phrase does not pass its checksum: ${describeSuspects(suspects)}.`,
    suspects.length === 1
      ? { wordIndex: suspects[0]!, suspects: suspects.join(',') }
      : suspects.length > 0 && suspects.length <= MAX_SUSPECTS
        ? { suspects: suspects.join(',') }
        : undefined,
  );
}

// Naming more candidates than this would not help anyone find the wrong word.
const MAX_SUSPECTS = 3;

function describeSuspects(suspects: readonly number[]): string {
  if (suspects.length === 0 || suspects.length > MAX_SUSPECTS) return 'a word is probably wrong';
  const names = suspects.map((i) => String(i + 1));
  const last = names.pop()!;
  return `word ${names.length > 0 ? `${names.join(', ')} or ${last}` : last} is probably wrong`;
}

/** The 64-byte BIP-32 seed of a valid phrase (PBKDF2-HMAC-SHA512, 2048 iterations). */
export async function bip39Seed(text: string, passphrase: string): Promise<Uint8Array> {
  const { phrase } = checkBip39Phrase(text);
  return mnemonicToSeed(phrase, passphrase);
}

/**
 * Positions where a one-letter slip (a letter replaced, added or dropped, or two neighbours
 * swapped) would turn the typed word into another word that makes the checksum valid. The 4
 * to 8 checksum bits cannot locate an error on their own; a valid word one slip away from a
 * wrong one is how a typo usually survives the word check.
 */
export function likelyWrongWords(words: readonly string[], list: Bip39Wordlist): number[] {
  return [...words.keys()].filter((index) => {
    const typed = words[index]!;
    // One-character words (Chinese) are each one slip from every other word: no signal.
    if (typed.length < 3) return false;
    return list.words.some(
      (candidate) =>
        oneSlipApart(typed, candidate) &&
        validateMnemonic(words.map((w, i) => (i === index ? candidate : w)).join(' '), list.words),
    );
  });
}

/** Words of `list` that start with `prefix`, in list order. */
export function bip39Completions(prefix: string, list: Bip39Wordlist, limit: number): string[] {
  const p = phraseWords(prefix)[0];
  if (p === undefined) return [];
  return list.words.filter((word) => word.startsWith(p)).slice(0, limit);
}

function oneSlipApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const replaced = a.slice(i + 1) === b.slice(i + 1);
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return replaced || swapped;
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}
