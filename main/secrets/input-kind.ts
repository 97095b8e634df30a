// The guardrail between the two kinds of backup. A BIP-39 phrase has 12–24 words from one
// BIP-39 list; a SLIP-39 share has 20 or 33 (or another valid share length ≥ 20) words from
// the SLIP-39 list. The lengths never overlap, so the kind is decided from the words alone,
// before anything is derived.
import type { RecoveryKind } from '../../preload/api';
import { BIP39_WORDLISTS, PHRASE_LENGTHS, phraseWords } from './bip39';
import { isShareLength } from './slip39-share';
import { slip39WordIndex, tokenize } from './slip39-words';

export type InputKind = RecoveryKind | 'unknown';

/** Which kind of backup `text` is: SLIP-39 shares one per line, or one BIP-39 phrase. */
export function detectInputKind(text: string): InputKind {
  const lines = text
    .split(/\r?\n/)
    .map(tokenize)
    .filter((words) => words.length > 0);
  if (lines.length > 0 && lines.every(isShareShape)) return 'slip39';
  const words = phraseWords(text);
  if (PHRASE_LENGTHS.includes(words.length) && BIP39_WORDLISTS.some((l) => words.every(l.has))) {
    return 'bip39';
  }
  return 'unknown';
}

function isShareShape(words: readonly string[]): boolean {
  return isShareLength(words.length) && words.every((w) => slip39WordIndex(w) !== undefined);
}
