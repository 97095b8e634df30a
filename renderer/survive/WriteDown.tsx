import { useEffect, useEffectEvent, useId, useState, type FormEvent } from 'react';
import type { ApiError, RetypeOutcome, Result, WalletDraftView } from '../../preload/api';
import { ErrorNotice } from '../components/ErrorNotice';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';

interface WriteDownProps {
  /** "Share 2 of 3" or "The recovery phrase". */
  title: string;
  /** Asks main for the words: the only time they are in the console. */
  show: () => Promise<Result<{ words: string[] }>>;
  confirm: (typed: string, place: string) => Promise<Result<RetypeOutcome>>;
  onConfirmed: (draft: WalletDraftView) => void;
}

/**
 * One share or the phrase: shown for writing down, then hidden and typed back from paper.
 * The next one is shown only once this one was typed back right.
 */
export function WriteDown({ title, show, confirm, onConfirmed }: WriteDownProps) {
  const id = useId();
  const [words, setWords] = useState<string[] | null>(null);
  const [typing, setTyping] = useState(false);
  const [wrong, setWrong] = useState<number[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const reveal = async () => {
    const result = await show();
    if (!result.ok) return setError(result.error);
    setWords(result.value.words);
    setTyping(false);
  };

  const first = useEffectEvent(show);
  useEffect(() => {
    let current = true;
    void first().then((result) => {
      if (!current) return;
      if (result.ok) setWords(result.value.words);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const typed = String(data.get('typed') ?? '');
    const place = String(data.get('place') ?? '');
    setBusy(true);
    const result = await confirm(typed, place);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    if (!result.value.confirmed) return setWrong(result.value.wrong);
    onConfirmed(result.value.draft);
  };

  return (
    <section className="stack">
      <StepHeading>{title}</StepHeading>
      <ErrorNotice error={error} />
      {words && !typing && (
        <>
          <p>{t('survive.writeIntro')}</p>
          <ol className="phrase-words">
            {words.map((word, index) => (
              <li key={index}>
                <span className="phrase-number">{index + 1}</span>{' '}
                <span className="mono">{word}</span>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                setWords(null);
                setTyping(true);
              }}
            >
              {t('survive.writtenDown')}
            </button>
          </div>
        </>
      )}
      {typing && (
        <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
          <p>{t('survive.retypeIntro')}</p>
          <label htmlFor={`${id}-typed`}>{t('survive.retypeLabel')}</label>
          <textarea
            id={`${id}-typed`}
            name="typed"
            className="mono"
            rows={4}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-invalid={wrong.length > 0 ? true : undefined}
            aria-describedby={wrong.length > 0 ? `${id}-wrong` : undefined}
          />
          {wrong.length > 0 && (
            <p id={`${id}-wrong`} className="status status-bad" role="alert">
              {t('survive.retypeWrong', {
                count: wrong.length,
                words: wrong.map((i) => i + 1).join(', '),
              })}
            </p>
          )}
          <label htmlFor={`${id}-place`}>{t('survive.placeLabel')}</label>
          <input id={`${id}-place`} name="place" maxLength={200} autoComplete="off" />
          <p className="hint">{t('survive.placeHint')}</p>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('survive.retypeCheck')}
            </button>
            <button type="button" onClick={() => void reveal()}>
              {t('survive.showAgain')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
