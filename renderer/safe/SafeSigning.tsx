import { useEffect, useState } from 'react';
import type {
  ApiError,
  CardSessionView,
  HolderOwner,
  SafeSignatures,
  SourceRef,
} from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { CardConnect } from '../card/CardConnect';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';
import type { Holder } from './holders';
import { holderStandings, thresholdMet } from './signing-holders';

interface SafeSigningProps {
  jobId: string;
  signatures: SafeSignatures;
  holders: readonly Holder[];
  onSigned: (signatures: SafeSignatures) => void;
}

/**
 * The owners sign one after another: a held card or wallet, or the next card put in a
 * reader. Each held card or wallet is shown as signed, able to sign, or not an owner; once
 * enough owners signed, none is asked. Main still refuses a card that is not an owner by its
 * address, and never asks an owner twice.
 */
export function SafeSigning({ jobId, signatures, holders, onSigned }: SafeSigningProps) {
  const [connecting, setConnecting] = useState(0);
  const signing = useAction(lifeboat().safes.sign);
  // Keyed by value: the holders are a new array on every render, the cards in it are not.
  const sourcesKey = JSON.stringify(holders.map((h) => h.source));
  const [answer, setAnswer] = useState<{ key: string; owners: HolderOwner[] } | null>(null);
  const [classifyError, setClassifyError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    void lifeboat()
      .safes.holderOwners({ jobId, holders: JSON.parse(sourcesKey) as SourceRef[] })
      .then((result) => {
        if (!current) return;
        setAnswer({ key: sourcesKey, owners: result.ok ? result.value : [] });
        setClassifyError(result.ok ? null : result.error);
      });
    return () => {
      current = false;
    };
  }, [jobId, sourcesKey]);

  const sign = async (source: SourceRef) => {
    const result = await signing.run({ jobId, source });
    if (result.ok) onSigned(result.value);
  };
  const cardReady = (session: CardSessionView) => {
    setConnecting(0);
    void sign({ kind: 'card', sessionId: session.sessionId });
  };
  const enough = thresholdMet(signatures);
  const standings = holderStandings(
    holders,
    answer?.owners ?? [],
    signatures,
    answer?.key !== sourcesKey,
  );

  return (
    <section className="stack">
      <StepHeading>{t('safe.signTitle')}</StepHeading>
      <StatusLine tone={enough ? 'good' : 'info'}>
        {t('safe.signProgress', { signed: signatures.signed.length, needed: signatures.needed })}
      </StatusLine>
      {signatures.signed.length > 0 && (
        <ul>
          {signatures.signed.map((owner) => (
            <li key={owner}>{t('safe.signedBy', { owner })}</li>
          ))}
        </ul>
      )}
      {enough ? (
        <p>{t('safe.signEnough')}</p>
      ) : connecting > 0 ? (
        <CardConnect
          key={connecting}
          purpose="source"
          instruction={t('safe.insertSigner')}
          onReady={cardReady}
        />
      ) : (
        <>
          {standings.length > 0 && (
            <ul className="choice-list" aria-label={t('safe.heldSigners')}>
              {standings.map(({ holder, standing }, i) => (
                <li key={`${holder.label}-${i}`}>
                  {standing === 'signed' && t('safe.holderSigned', { holder: holder.label })}
                  {standing === 'not-an-owner' &&
                    t('safe.holderNotOwner', { holder: holder.label })}
                  {standing === 'checking' && t('safe.holderChecking', { holder: holder.label })}
                  {standing === 'unreadable' &&
                    t('safe.holderUnreadable', { holder: holder.label })}
                  {standing === 'can-sign' && (
                    <button
                      type="button"
                      disabled={signing.busy}
                      onClick={() => void sign(holder.source)}
                    >
                      {t('safe.signWith', { holder: holder.label })}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button
              type="button"
              disabled={signing.busy}
              onClick={() => setConnecting((n) => n + 1)}
            >
              {t('safe.signNextCard')}
            </button>
          </div>
        </>
      )}
      <ErrorNotice error={classifyError} />
      <ErrorNotice error={signing.error} />
    </section>
  );
}
