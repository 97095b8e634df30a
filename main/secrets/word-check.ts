// Word-by-word feedback while a person types a share or a phrase: which words are fine,
// which are the start of a word, which are wrong, and what to suggest next.
import type { RecoveryKind, WordCheck, WordsCheck } from '../../preload/api';
import {
  BIP39_WORDLISTS,
  bip39Completions,
  likeliestWordlist,
  phraseWords,
  type Bip39Wordlist,
} from './bip39';
import { SLIP39_WORDLIST } from './slip39-wordlist';
import { slip39Completions, slip39WordIndex } from './slip39-words';

const SUGGESTIONS = 8;

/**
 * Checks each word against the kind of input it most looks like: the SLIP-39 list or the
 * BIP-39 list that knows the most of them. Until one is ahead, words are checked against both.
 */
export function checkWords(text: string): WordsCheck {
  const words = phraseWords(text);
  const kind = likelyKind(words);
  const bip39 = likeliestWordlist(words);
  const check = (word: string, index: number): WordCheck => {
    if (kind === 'slip39') return slip39Word(word, index);
    if (kind === 'bip39') return bip39Word(word, index, bip39);
    const slip = slip39Word(word, index);
    return slip.status === 'valid' ? slip : bip39Word(word, index, bip39);
  };
  return { kind, words: words.map(check) };
}

/** The words of a BIP-39 phrase checked against the list that knows most of them. */
export function checkBip39Words(words: readonly string[]): WordCheck[] {
  const list = likeliestWordlist(words);
  return words.map((word, index) => bip39Word(word, index, list));
}

/** Completions for a word being typed: SLIP-39, or the first BIP-39 list that has any. */
export function suggestWords(prefix: string, kind: RecoveryKind): string[] {
  if (kind === 'slip39') return slip39Completions(prefix, SUGGESTIONS);
  for (const list of BIP39_WORDLISTS) {
    const found = bip39Completions(prefix, list, SUGGESTIONS);
    if (found.length > 0) return found;
  }
  return [];
}

function likelyKind(words: readonly string[]): WordsCheck['kind'] {
  const slip = words.filter((w) => slip39WordIndex(w) !== undefined).length;
  const list = likeliestWordlist(words);
  const bip = words.filter((w) => list.has(w)).length;
  if (slip > bip) return 'slip39';
  if (bip > slip) return 'bip39';
  // Words in both lists: only a length that just one kind allows decides.
  if (words.length > 24) return 'slip39';
  return 'unknown';
}

function slip39Word(word: string, index: number): WordCheck {
  const found = slip39WordIndex(word);
  if (found !== undefined)
    return { index, word, status: 'valid', completion: SLIP39_WORDLIST[found]! };
  const starts = word.length < 4 && SLIP39_WORDLIST.some((w) => w.startsWith(word));
  return { index, word, status: starts ? 'prefix' : 'invalid' };
}

function bip39Word(word: string, index: number, list: Bip39Wordlist): WordCheck {
  if (list.has(word)) return { index, word, status: 'valid' };
  const matches = list.words.filter((w) => w.startsWith(word));
  if (matches.length === 0) return { index, word, status: 'invalid' };
  return matches.length === 1
    ? { index, word, status: 'prefix', completion: matches[0]! }
    : { index, word, status: 'prefix' };
}
