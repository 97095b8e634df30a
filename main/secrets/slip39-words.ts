// Looking up SLIP-39 words as a person types them. Every word is identified by its first
// four letters, so "acad", "acade" and "academic" all mean word 0, while "academix" is a typo.
import { SLIP39_WORDLIST } from './slip39-wordlist';

const BY_PREFIX = new Map(SLIP39_WORDLIST.map((word, index) => [word.slice(0, 4), index]));

/** Splits typed text into lower-case words. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The word's index (its 10-bit value), or undefined when the token is not a SLIP-39 word. */
export function slip39WordIndex(token: string): number | undefined {
  if (token.length < 4) return undefined;
  const index = BY_PREFIX.get(token.slice(0, 4));
  if (index === undefined || !SLIP39_WORDLIST[index]!.startsWith(token)) return undefined;
  return index;
}

/** Words that start with `prefix`, in list order. */
export function slip39Completions(prefix: string, limit: number): string[] {
  const p = prefix.toLowerCase();
  if (p.length === 0) return [];
  const index = slip39WordIndex(p);
  if (index !== undefined) return [SLIP39_WORDLIST[index]!];
  return SLIP39_WORDLIST.filter((word) => word.startsWith(p)).slice(0, limit);
}
