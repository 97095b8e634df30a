import { useState } from 'react';
import type { ApiError, SecretView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { BackupCardSource } from '../backup-card/BackupCardSource';
import { ErrorNotice } from '../components/ErrorNotice';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';
import { PhraseEntry } from './PhraseEntry';
import { ShareSetEntry } from './ShareSetEntry';

type Mode =
  | { name: 'choose' }
  | { name: 'shares'; shareSetId: string }
  | { name: 'phrase' }
  | { name: 'card' };

interface RecoveryEntryProps {
  onSecret: (secret: SecretView) => void;
  /** Start with reading a backup card rather than with the choice. */
  fromCard?: boolean;
}

/**
 * Shamir shares or a recovery phrase, typed with the same care or read from a backup card;
 * ends with a rebuilt secret.
 */
export function RecoveryEntry({ onSecret, fromCard = false }: RecoveryEntryProps) {
  const [mode, setMode] = useState<Mode>(fromCard ? { name: 'card' } : { name: 'choose' });
  const [error, setError] = useState<ApiError | null>(null);

  const startShares = async () => {
    setError(null);
    const result = await lifeboat().secrets.startShareSet();
    if (result.ok) setMode({ name: 'shares', shareSetId: result.value.shareSetId });
    else setError(result.error);
  };

  return (
    <div className="stack">
      <ErrorNotice error={error} />
      {mode.name === 'choose' && (
        <>
          <StepHeading>{t('recovery.chooseTitle')}</StepHeading>
          <div className="job-grid">
            <button type="button" className="job" onClick={() => void startShares()}>
              <span className="job-title">{t('recovery.shares')}</span>
              <span className="job-text">{t('recovery.sharesText')}</span>
            </button>
            <button type="button" className="job" onClick={() => setMode({ name: 'phrase' })}>
              <span className="job-title">{t('recovery.phrase')}</span>
              <span className="job-text">{t('recovery.phraseText')}</span>
            </button>
            <button type="button" className="job" onClick={() => setMode({ name: 'card' })}>
              <span className="job-title">{t('recovery.card')}</span>
              <span className="job-text">{t('recovery.cardText')}</span>
            </button>
          </div>
        </>
      )}
      {mode.name === 'card' && (
        <>
          <StepHeading>{t('recovery.cardTitle')}</StepHeading>
          <BackupCardSource onSecret={onSecret} />
        </>
      )}
      {mode.name === 'shares' && (
        <>
          <StepHeading>{t('recovery.sharesTitle')}</StepHeading>
          <ShareSetEntry shareSetId={mode.shareSetId} onSecret={onSecret} />
        </>
      )}
      {mode.name === 'phrase' && (
        <>
          <StepHeading>{t('recovery.phraseTitle')}</StepHeading>
          <PhraseEntry onSecret={onSecret} />
        </>
      )}
      {mode.name !== 'choose' && (
        <button type="button" className="link" onClick={() => setMode({ name: 'choose' })}>
          {t('recovery.otherKind')}
        </button>
      )}
    </div>
  );
}
