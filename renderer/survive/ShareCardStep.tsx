import { useId, useState, type FormEvent } from 'react';
import type { ApiError, CardSessionView, WalletDraftView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { CardConnect } from '../card/CardConnect';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';

interface ShareCardStepProps {
  draftId: string;
  /** 0-based: which share goes onto this card. */
  index: number;
  total: number;
  onStored: (draft: WalletDraftView) => void;
}

/**
 * One share kept on a backup card: insert and unlock the card, name it, and main writes the
 * share onto it and reads it back. The share itself never reaches this page.
 */
export function ShareCardStep({ draftId, index, total, onStored }: ShareCardStepProps) {
  const id = useId();
  const api = lifeboat();
  const [session, setSession] = useState<CardSessionView | null>(null);
  const [stored, setStored] = useState<{ draft: WalletDraftView; reader: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  /** A card refused for this share is not offered for writing again: another card goes in. */
  const refused = error?.code === 'share-card-in-set' || error?.code === 'share-readback-mismatch';

  /** The card is released (and so locked) before another one goes in. */
  const another = async () => {
    if (session) await api.cards.close({ sessionId: session.sessionId });
    setError(null);
    setSession(null);
    setAttempt((n) => n + 1);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!session) return;
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await api.wallets.storeShare({
      draftId,
      index,
      sessionId: session.sessionId,
      label: String(data.get('label') ?? ''),
      place: String(data.get('place') ?? ''),
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    // The test recovery opens the card afresh, as a recovery would.
    await api.cards.close({ sessionId: session.sessionId });
    setSession(null);
    setStored({ draft: result.value, reader: session.reader });
  };

  return (
    <section className="stack">
      <StepHeading>{t('survive.shareCardTitle', { number: index + 1, total })}</StepHeading>
      <ErrorNotice error={error} />
      {stored ? (
        <>
          <StatusLine tone="good">
            {t('survive.shareCardStored', { number: index + 1, reader: stored.reader })}
          </StatusLine>
          <div className="actions">
            <button type="button" className="primary" onClick={() => onStored(stored.draft)}>
              {t('survive.shareCardNext')}
            </button>
          </div>
        </>
      ) : !session ? (
        <CardConnect
          key={attempt}
          purpose="backup-destination"
          instruction={t('survive.shareCardInsert', { number: index + 1 })}
          onReady={setSession}
        />
      ) : refused ? (
        <div className="actions">
          <button type="button" className="primary" onClick={() => void another()}>
            {t('connect.otherCard')}
          </button>
        </div>
      ) : (
        <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
          <p>{t('survive.shareCardIntro', { reader: session.reader })}</p>
          <label htmlFor={`${id}-label`}>{t('survive.cardLabel')}</label>
          <input
            id={`${id}-label`}
            name="label"
            maxLength={100}
            autoComplete="off"
            defaultValue={t('survive.shareCardDefaultLabel', { number: index + 1 })}
          />
          <label htmlFor={`${id}-place`}>{t('survive.placeLabel')}</label>
          <input id={`${id}-place`} name="place" maxLength={200} autoComplete="off" />
          <p className="hint">{t('survive.placeHint')}</p>
          <StatusLine>{busy ? t('newCard.working') : ''}</StatusLine>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('survive.shareCardStore', { number: index + 1 })}
            </button>
            <button type="button" disabled={busy} onClick={() => void another()}>
              {t('connect.otherCard')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
