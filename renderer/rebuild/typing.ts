// Where the person is in a share or phrase while typing, for live feedback and completion.
// Words are separated by whitespace, as the secrets service splits them.

export const PHRASE_LENGTHS: readonly number[] = [12, 15, 18, 21, 24];

export function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** The word being typed (the last one, unless a space already ended it), with its position. */
export function wordBeingTyped(text: string): { index: number; prefix: string } | null {
  if (text.length === 0 || /\s$/.test(text)) return null;
  const list = words(text);
  const prefix = list.at(-1);
  return prefix === undefined ? null : { index: list.length - 1, prefix: prefix.toLowerCase() };
}

/** The text with the word being typed replaced by `word`, ready for the next word. */
export function completeWord(text: string, word: string): string {
  return `${text.replace(/\S+$/, '')}${word} `;
}

/** Whether the number of words is one a complete share or phrase can have. */
export function isCompleteLength(text: string, lengths: readonly number[]): boolean {
  return lengths.includes(words(text).length);
}
