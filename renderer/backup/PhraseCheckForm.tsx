import { useId, useState, type FormEvent } from 'react';
import type { SecretView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { FieldProblem } from '../components/FieldProblem';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';

interface PhraseCheckFormProps {
  draftId: string;
  /** 0-based positions of the words to type back. */
  check: readonly number[];
  onConfirmed: (secret: SecretView) => void;
}

/**
 * Chosen words of the new phrase, typed back from paper. Main compares them; a wrong word is
 * marked where it was typed and the others stay as they are.
 */
export function PhraseCheckForm({ draftId, check, onConfirmed }: PhraseCheckFormProps) {
  const id = useId();
  const [wrong, setWrong] = useState<readonly number[]>([]);
  const confirming = useAction(lifeboat().secrets.confirmPhrase);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const words = check.map((position) => {
      const value = data.get(`word-${position}`);
      return typeof value === 'string' ? value : '';
    });
    const result = await confirming.run({ draftId, words });
    if (!result.ok) return;
    if (!result.value.confirmed) return setWrong(result.value.wrong);
    setWrong([]);
    onConfirmed(result.value.secret);
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <p>{t('backup.checkIntro')}</p>
      {check.map((position, index) => {
        const bad = wrong.includes(position);
        const fieldId = `${id}-word-${position}`;
        return (
          <div key={position} className="stack-tight">
            <label htmlFor={fieldId}>{t('backup.word', { number: position + 1 })}</label>
            <input
              id={fieldId}
              name={`word-${position}`}
              className="mono"
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              autoFocus={index === 0}
              aria-invalid={bad ? true : undefined}
              aria-describedby={bad ? `${fieldId}-problem` : undefined}
              onInput={() => {
                if (bad) setWrong((list) => list.filter((p) => p !== position));
              }}
            />
            <FieldProblem id={`${fieldId}-problem`} problem={bad ? 'backup.wrongWord' : null} />
          </div>
        );
      })}
      <button type="submit" className="primary" disabled={confirming.busy}>
        {t('backup.check')}
      </button>
      <ErrorNotice error={confirming.error} />
    </form>
  );
}
