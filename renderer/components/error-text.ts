// An error reaches a person as main's message (what happened, often with specifics) and the
// code's help text (what to do). They often say the same thing in nearly the same words
// ("The phrase does not pass its checksum: word 3 is probably wrong." and "The recovery
// phrase does not pass its checksum: a word is probably wrong."); shown as title and body,
// the person reads it twice. When one says what the other does, only one is shown.
import type { ErrorCode } from '../../preload/errors';
import { ERROR_HELP } from '../../preload/errors';

export interface ErrorText {
  title: string;
  /** The help text when it adds something to the title. */
  help: string | null;
}

/** Nearly all words shared: the same statement, one of them with a detail more. */
const SAME_STATEMENT = 0.75;

/** The words of a text, lower case, without punctuation or quotes. */
function words(text: string): Set<string> {
  const plain = text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return new Set(plain === '' ? [] : plain.split(' '));
}

export function errorText(error: { code: ErrorCode; message: string }): ErrorText {
  const help = ERROR_HELP[error.code];
  const message = words(error.message);
  const advice = words(help);
  const shared = [...message].filter((word) => advice.has(word)).length;
  // The help says everything the message says, and perhaps what to do: it alone is enough.
  if (shared === message.size) return { title: help, help: null };
  // The same statement, the message with its specifics (which word, which share): keep it.
  if (shared >= SAME_STATEMENT * Math.min(message.size, advice.size)) {
    return { title: error.message, help: null };
  }
  return { title: error.message, help };
}
