import { useId, useState, type FormEvent } from 'react';
import type { ApiError, CardSessionView, Result, WalletDraftView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { CardConnect } from '../card/CardConnect';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';

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
  const id = useId();
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

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!session) return;
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await load(session, {
      label: String(data.get('label') ?? ''),
      place: String(data.get('place') ?? ''),
    });
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
        <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
          <p>{t('survive.cardIntro', { reader: session.reader })}</p>
          <label htmlFor={`${id}-label`}>{t('survive.cardLabel')}</label>
          <input
            id={`${id}-label`}
            name="label"
            maxLength={100}
            autoComplete="off"
            defaultValue={t('survive.cardDefaultLabel', { number: index + 1 })}
          />
          <label htmlFor={`${id}-place`}>{t('survive.placeLabel')}</label>
          <input id={`${id}-place`} name="place" maxLength={200} autoComplete="off" />
          <p className="hint">{t('survive.placeHint')}</p>
          <StatusLine>{busy ? t('newCard.working') : ''}</StatusLine>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('survive.cardLoad')}
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
