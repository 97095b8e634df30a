import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { ApiError, NewPhrase, Result, SecretView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';
import { PhraseCheckForm } from './PhraseCheckForm';

/** Twelve words are easier to write without a slip; 128 bits are as strong as the card's key. */
const WORDS = 12;

type Phase =
  | { name: 'making' }
  /** The only time the words are in the console: dropped when the person goes on. */
  | { name: 'show'; draftId: string; words: string[]; check: number[] }
  | { name: 'check'; draftId: string; check: number[] };

interface PhraseBackupProps {
  /** The phrase was written down and checked; it is a secret in main, ready for the card. */
  onConfirmed: (secret: SecretView) => void;
  onCancel: () => void;
}

/**
 * A backup made before the key: main makes a recovery phrase, the console shows it once, and
 * the person types chosen words back from paper. Only then does the phrase become the wallet.
 */
export function PhraseBackup({ onConfirmed, onCancel }: PhraseBackupProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'making' });
  const [error, setError] = useState<ApiError | null>(null);
  const draft = useRef<string | null>(null);

  const discard = () => {
    if (draft.current) void lifeboat().secrets.discardPhrase({ draftId: draft.current });
    draft.current = null;
  };
  /** Counts requests for a phrase: an answer to an earlier one (or after leaving) is dropped. */
  const ticket = useRef(0);
  const generate = () => {
    const mine = ++ticket.current;
    return lifeboat()
      .secrets.newPhrase({ words: WORDS })
      .then((result: Result<NewPhrase>) => {
        if (mine !== ticket.current) {
          if (result.ok) void lifeboat().secrets.discardPhrase({ draftId: result.value.draftId });
          return;
        }
        if (!result.ok) return setError(result.error);
        draft.current = result.value.draftId;
        setPhase({ name: 'show', ...result.value });
      });
  };
  const first = useEffectEvent(generate);

  useEffect(() => {
    void first();
    return () => {
      ticket.current += 1;
      discard();
    };
  }, []);

  /** A phrase that was not written down is thrown away; the next one is new. */
  const makeAnother = () => {
    discard();
    setError(null);
    setPhase({ name: 'making' });
    void generate();
  };

  const confirmed = (secret: SecretView) => {
    draft.current = null;
    onConfirmed(secret);
  };

  return (
    <div className="stack phrase-backup">
      {phase.name === 'making' && (
        <>
          <StatusLine>{error ? '' : t('backup.making')}</StatusLine>
          <ErrorNotice error={error} />
          {error && (
            <button type="button" onClick={makeAnother}>
              {t('common.tryAgain')}
            </button>
          )}
        </>
      )}
      {phase.name === 'show' && (
        <>
          <StepHeading>{t('backup.writeTitle', { count: phase.words.length })}</StepHeading>
          <div className="notice notice-warning">
            <p className="notice-title">{t('backup.once')}</p>
            <p>{t('backup.private')}</p>
          </div>
          <ol className="phrase-words">
            {phase.words.map((word, index) => (
              <li key={index}>
                <span className="phrase-number">{index + 1}</span>{' '}
                <span className="mono">{word}</span>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button type="button" onClick={onCancel}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() =>
                setPhase({ name: 'check', draftId: phase.draftId, check: phase.check })
              }
            >
              {t('backup.written', { count: phase.words.length })}
            </button>
          </div>
        </>
      )}
      {phase.name === 'check' && (
        <>
          <StepHeading>{t('backup.checkTitle')}</StepHeading>
          <PhraseCheckForm draftId={phase.draftId} check={phase.check} onConfirmed={confirmed} />
          <div className="actions">
            <button type="button" className="link" onClick={makeAnother}>
              {t('backup.startAgain')}
            </button>
            <button type="button" className="link" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
