import type { WordCheck } from '../../preload/api';
import { t } from '../i18n/t';

/** Only positions and verdicts: the words themselves are not copied out of the field. */
export interface WordStatus {
  index: number;
  status: WordCheck['status'];
}

export function toStatuses(words: readonly WordCheck[]): WordStatus[] {
  return words.map(({ index, status }) => ({ index, status }));
}

/** The word count and every word that is not in the list, announced as they change. */
export function WordFeedback({ statuses, id }: { statuses: readonly WordStatus[]; id: string }) {
  const invalid = statuses.filter((s) => s.status === 'invalid');
  return (
    <div id={id} className="word-feedback" role="status" aria-live="polite">
      {statuses.length > 0 && <p>{t('words.count', { count: statuses.length })}</p>}
      {invalid.length > 0 && (
        <ul className="word-problems">
          {invalid.map((s) => (
            <li key={s.index}>{t('words.notInList', { number: s.index + 1 })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
