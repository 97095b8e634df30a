import { useState } from 'react';
import type { CardSessionView, SafeSignatures, SourceRef } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { CardConnect } from '../card/CardConnect';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';
import type { Holder } from './holders';

interface SafeSigningProps {
  jobId: string;
  signatures: SafeSignatures;
  holders: readonly Holder[];
  onSigned: (signatures: SafeSignatures) => void;
}

/**
 * The owners sign one after another: a held card or wallet, or the next card put in a
 * reader. Main refuses a card that is not an owner by its address, and never asks an owner
 * twice.
 */
export function SafeSigning({ jobId, signatures, holders, onSigned }: SafeSigningProps) {
  const [connecting, setConnecting] = useState(0);
  const signing = useAction(lifeboat().safes.sign);

  const sign = async (source: SourceRef) => {
    const result = await signing.run({ jobId, source });
    if (result.ok) onSigned(result.value);
  };
  const cardReady = (session: CardSessionView) => {
    setConnecting(0);
    void sign({ kind: 'card', sessionId: session.sessionId });
  };

  return (
    <section className="stack">
      <StepHeading>{t('safe.signTitle')}</StepHeading>
      <StatusLine tone="info">
        {t('safe.signProgress', { signed: signatures.signed.length, needed: signatures.needed })}
      </StatusLine>
      {signatures.signed.length > 0 && (
        <ul>
          {signatures.signed.map((owner) => (
            <li key={owner}>{t('safe.signedBy', { owner })}</li>
          ))}
        </ul>
      )}
      {connecting > 0 ? (
        <CardConnect
          key={connecting}
          purpose="source"
          instruction={t('safe.insertSigner')}
          onReady={cardReady}
        />
      ) : (
        <div className="actions">
          {holders.map((holder, i) => (
            <button
              key={`${holder.label}-${i}`}
              type="button"
              disabled={signing.busy}
              onClick={() => void sign(holder.source)}
            >
              {t('safe.signWith', { holder: holder.label })}
            </button>
          ))}
          <button type="button" disabled={signing.busy} onClick={() => setConnecting((n) => n + 1)}>
            {t('safe.signNextCard')}
          </button>
        </div>
      )}
      <ErrorNotice error={signing.error} />
    </section>
  );
}
