import { useState } from 'react';
import type { ApiError, CardKeyView, CardSessionView, SecretView } from '../../preload/api';
import { ERROR_HELP } from '../../preload/errors';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { shortAddress } from '../format/address';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';
import { CardConnect } from './CardConnect';
import { NewCardAddress } from './NewCardAddress';

export interface NewCard {
  session: CardSessionView;
  key: CardKeyView;
}

interface NewCardStepProps {
  /** Load this rebuilt secret onto the card; without it the card generates its own key. */
  load?: SecretView;
  /** Rebuilt secrets offered besides generating a key (a sweep's destination may be one). */
  alternatives?: readonly SecretView[];
  /** Readers holding cards already used in this job. */
  excludeReaders: readonly string[];
  /** The source's fingerprint: the new card must not hold the same wallet. */
  sourceKeyUid?: string;
  continueLabel: string;
  onDone: (card: NewCard) => void;
}

type Phase =
  | { name: 'connect' }
  | { name: 'key'; session: CardSessionView }
  /** Loading was asked for, but the card already holds another wallet. */
  | { name: 'occupied' }
  | { name: 'address'; card: NewCard; loaded: boolean };

/** Insert, attest and set up the new card, give it its key, and show its address. */
export function NewCardStep({
  load,
  alternatives = [],
  excludeReaders,
  sourceKeyUid,
  continueLabel,
  onDone,
}: NewCardStepProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'connect' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const api = lifeboat();

  const sameAsSource = (keyUid: string) => sourceKeyUid !== undefined && keyUid === sourceKeyUid;

  const cardReady = async (session: CardSessionView) => {
    setError(null);
    if (session.info.keyUid === undefined) return setPhase({ name: 'key', session });
    setBusy(true);
    const accounts = await api.cards.accounts({
      sessionId: session.sessionId,
      scheme: 'bip44',
      start: 0,
      count: 1,
    });
    setBusy(false);
    if (!accounts.ok) return setError(accounts.error);
    const first = accounts.value[0];
    if (!first) return;
    if (load && first.address !== load.addresses[0]) return setPhase({ name: 'occupied' });
    setPhase({
      name: 'address',
      card: { session, key: { keyUid: session.info.keyUid, address: first.address } },
      loaded: false,
    });
  };

  const makeKey = async (session: CardSessionView, secret: SecretView | undefined) => {
    setError(null);
    setBusy(true);
    const result = secret
      ? await api.cards.loadSecret({ sessionId: session.sessionId, secretId: secret.secretId })
      : await api.cards.generateKey({ sessionId: session.sessionId });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setPhase({ name: 'address', card: { session, key: result.value }, loaded: true });
  };

  return (
    <div className="new-card-step">
      <ErrorNotice error={error} />
      <StatusLine>{busy ? t('newCard.working') : ''}</StatusLine>
      {phase.name === 'connect' && (
        <CardConnect
          purpose="new-card"
          instruction={t(excludeReaders.length > 0 ? 'newCard.insertSecond' : 'newCard.insert')}
          excludeReaders={excludeReaders}
          onReady={(session) => void cardReady(session)}
        />
      )}
      {phase.name === 'key' && (
        <>
          <StepHeading>{t(load ? 'newCard.loadTitle' : 'newCard.generateTitle')}</StepHeading>
          <p>{t(load ? 'newCard.loadIntro' : 'newCard.generateIntro')}</p>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void makeKey(phase.session, load)}
          >
            {t(load ? 'newCard.load' : 'newCard.generate')}
          </button>
          {!load &&
            alternatives.map((secret) => (
              <button
                key={secret.secretId}
                type="button"
                disabled={busy}
                onClick={() => void makeKey(phase.session, secret)}
              >
                {t('newCard.loadInstead', { address: shortAddress(secret.addresses[0] ?? '') })}
              </button>
            ))}
        </>
      )}
      {phase.name === 'occupied' && (
        <>
          <StepHeading>{t('newCard.occupiedTitle')}</StepHeading>
          <p>{ERROR_HELP['key-present']}</p>
          <p>{t('newCard.occupiedHelp')}</p>
          <button type="button" onClick={() => setPhase({ name: 'connect' })}>
            {t('connect.otherCard')}
          </button>
        </>
      )}
      {phase.name === 'address' && (
        <>
          <StepHeading>{t('newCard.addressTitle')}</StepHeading>
          {load && phase.card.key.address === load.addresses[0] && (
            <StatusLine tone="good">{t('newCard.matchesSecret')}</StatusLine>
          )}
          {!phase.loaded && <p>{t('newCard.hadKey')}</p>}
          <NewCardAddress address={phase.card.key.address} loaded={load !== undefined} />
          {sameAsSource(phase.card.key.keyUid) ? (
            <StatusLine tone="bad">{t('newCard.sameAsSource')}</StatusLine>
          ) : (
            <button type="button" className="primary" onClick={() => onDone(phase.card)}>
              {continueLabel}
            </button>
          )}
        </>
      )}
    </div>
  );
}
