import { useState } from 'react';
import type { ApiError, CardSessionView, Result, WalletDraftView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { CardConnect } from '../card/CardConnect';
import { ErrorNotice } from '../components/ErrorNotice';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';
import { CardPlaceForm } from './CardPlaceForm';

interface SetCardStepProps {
  /** 0-based: which card of the set this is. */
  index: number;
  total: number;
  /** The card, when it is already unlocked (the new card of another job). */
  session?: CardSessionView;
  /**
   * Puts the wallet onto the unlocked card (a new wallet is made first, with this card's
   * random numbers mixed in, when this is the first card).
   */
  load: (
    session: CardSessionView,
    where: { label: string; place: string },
  ) => Promise<Result<WalletDraftView>>;
  onLoaded: (draft: WalletDraftView) => void;
}

/** One card of the set: insert and unlock it, name it, and write the wallet onto it. */
export function SetCardStep({ index, total, session: given, load, onLoaded }: SetCardStepProps) {
  const [session, setSession] = useState<CardSessionView | null>(given ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  /** A card of the set starts empty: one that holds a wallet is never written over here. */
  const occupied = session?.info.keyUid !== undefined || error?.code === 'key-present';

  const another = async () => {
    if (session) await lifeboat().cards.close({ sessionId: session.sessionId });
    setError(null);
    setSession(null);
  };

  const submit = async (where: { label: string; place: string }) => {
    if (!session) return;
    setBusy(true);
    setError(null);
    const result = await load(session, where);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    // The test recovery opens the card afresh, as a recovery would.
    await lifeboat().cards.close({ sessionId: session.sessionId });
    onLoaded(result.value);
  };

  return (
    <section className="stack">
      <StepHeading>{t('survive.cardTitle', { number: index + 1, total })}</StepHeading>
      {error?.code !== 'key-present' && <ErrorNotice error={error} />}
      {!session ? (
        <CardConnect
          key={index}
          purpose="new-card"
          instruction={t('survive.cardInsert', { number: index + 1 })}
          onReady={setSession}
        />
      ) : occupied ? (
        <div className="stack">
          <div className="notice notice-warning">
            <p className="notice-title">{t('survive.cardHasWalletTitle')}</p>
            <p>{t('survive.cardHasWallet')}</p>
          </div>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void another()}>
              {t('connect.otherCard')}
            </button>
          </div>
        </div>
      ) : (
        <CardPlaceForm
          intro={t('survive.cardIntro', { reader: session.reader })}
          defaultLabel={t('survive.cardDefaultLabel', { number: index + 1 })}
          submitLabel={t('survive.cardLoad')}
          busy={busy}
          onSubmit={(where) => void submit(where)}
          onAnother={() => void another()}
        />
      )}
    </section>
  );
}
