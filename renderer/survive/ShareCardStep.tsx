import { useState } from 'react';
import type { ApiError, CardSessionView, WalletDraftView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { CardConnect } from '../card/CardConnect';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';
import { CardPlaceForm } from './CardPlaceForm';

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

  const submit = async (where: { label: string; place: string }) => {
    if (!session) return;
    setBusy(true);
    setError(null);
    const result = await api.wallets.storeShare({
      draftId,
      index,
      sessionId: session.sessionId,
      ...where,
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
        <CardPlaceForm
          intro={t('survive.shareCardIntro', { reader: session.reader })}
          defaultLabel={t('survive.shareCardDefaultLabel', { number: index + 1 })}
          submitLabel={t('survive.shareCardStore', { number: index + 1 })}
          busy={busy}
          onSubmit={(where) => void submit(where)}
          onAnother={() => void another()}
        />
      )}
    </section>
  );
}
