// An error reaches a person as main's message (what happened, often with specifics) and the
// code's help text (what to do). They often begin with the same sentence; shown as title and
// body, that sentence would be read twice. When one says everything the other does, only
// that one is shown.
import type { ErrorCode } from '../../preload/errors';
import { ERROR_HELP } from '../../preload/errors';

export interface ErrorText {
  title: string;
  /** The help text when it adds something to the title. */
  help: string | null;
}

/** Lower case, words only: the same sentence with other punctuation or quotes compares equal. */
function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function errorText(error: { code: ErrorCode; message: string }): ErrorText {
  const help = ERROR_HELP[error.code];
  const message = words(error.message);
  const advice = words(help);
  if (advice.includes(message)) return { title: help, help: null };
  if (message.includes(advice)) return { title: error.message, help: null };
  return { title: error.message, help };
}
