import { t } from '../i18n/t';

interface WordSuggestionsProps {
  /** 0-based position of the word being completed. */
  index: number;
  words: readonly string[];
  onPick: (word: string) => void;
}

/** Completions for the word being typed; each is a button, reachable with Tab. */
export function WordSuggestions({ index, words, onPick }: WordSuggestionsProps) {
  if (words.length === 0) return null;
  return (
    <div
      className="suggestions"
      role="group"
      aria-label={t('words.suggestionsFor', { number: index + 1 })}
    >
      {words.map((word) => (
        <button key={word} type="button" className="suggestion" onClick={() => onPick(word)}>
          {word}
        </button>
      ))}
    </div>
  );
}
