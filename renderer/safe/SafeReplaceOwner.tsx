import { useId, useState } from 'react';
import type { SafeProposalView, SafeView, SourceRef } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { isValidAddress } from '../format/address';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';
import { HolderChoice } from './HolderChoice';
import type { Holder } from './holders';
import { SafeSigning } from './SafeSigning';

interface SafeReplaceOwnerProps {
  safe: SafeView;
  holders: readonly Holder[];
  onDone: () => void;
}

/**
 * A lost owner replaced by another address: the owners before and after are shown, enough
 * remaining owners sign, and the payer sends it.
 */
export function SafeReplaceOwner({ safe, holders, onDone }: SafeReplaceOwnerProps) {
  const id = useId();
  const api = lifeboat();
  const [old, setOld] = useState(safe.owners[0]?.address ?? '');
  const [replacement, setReplacement] = useState('');
  const [proposal, setProposal] = useState<SafeProposalView | null>(null);
  const [payer, setPayer] = useState<SourceRef | null>(null);
  const [sent, setSent] = useState(false);
  const proposing = useAction(api.safes.propose);
  const executing = useAction(api.safes.execute);

  const propose = async () => {
    const result = await proposing.run({
      networkId: safe.networkId,
      safe: safe.address,
      action: { kind: 'replace-owner', old, new: replacement.trim() },
    });
    if (result.ok) setProposal(result.value);
  };

  const execute = async () => {
    if (!proposal || !payer) return;
    const result = await executing.run({ proposalId: proposal.proposalId, payer, confirmed: true });
    if (result.ok) setSent(true);
  };

  if (sent) {
    return (
      <section className="stack">
        <StatusLine tone="good">{t('safe.replaced')}</StatusLine>
        <button type="button" className="primary" onClick={onDone}>
          {t('safe.showSafe')}
        </button>
      </section>
    );
  }

  if (proposal) {
    const enough = proposal.signatures.signed.length >= proposal.signatures.needed;
    return (
      <>
        <section className="stack">
          <StepHeading>{t('safe.replaceReviewTitle')}</StepHeading>
          <h3>{t('safe.ownersBefore')}</h3>
          <ul>
            {proposal.ownersBefore.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
          <h3>{t('safe.ownersAfter')}</h3>
          <ul>
            {proposal.ownersAfter.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
          <p>
            {t('safe.thresholdOf', {
              threshold: proposal.thresholdAfter,
              count: proposal.ownersAfter.length,
            })}
          </p>
        </section>
        <SafeSigning
          jobId={proposal.proposalId}
          signatures={proposal.signatures}
          holders={holders}
          onSigned={(signatures) => setProposal({ ...proposal, signatures })}
        />
        {enough && (
          <section className="stack">
            <HolderChoice
              legend={t('safe.payerLegend')}
              holders={holders}
              chosen={payer}
              onChoose={setPayer}
            />
            <button
              type="button"
              className="primary"
              disabled={!payer || executing.busy}
              onClick={() => void execute()}
            >
              {t('safe.replaceSend')}
            </button>
            <ErrorNotice error={executing.error} />
          </section>
        )}
      </>
    );
  }

  return (
    <section className="stack">
      <StepHeading>{t('safe.replaceTitle')}</StepHeading>
      <p>{t('safe.replaceIntro')}</p>
      <label htmlFor={`${id}-old`}>{t('safe.replaceOld')}</label>
      <select id={`${id}-old`} value={old} onChange={(e) => setOld(e.target.value)}>
        {safe.owners.map((o) => (
          <option key={o.address} value={o.address}>
            {o.address}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-new`}>{t('safe.replaceNew')}</label>
      <input
        id={`${id}-new`}
        value={replacement}
        onChange={(e) => setReplacement(e.target.value)}
      />
      <button
        type="button"
        className="primary"
        disabled={!isValidAddress(replacement.trim()) || proposing.busy}
        onClick={() => void propose()}
      >
        {t('safe.replacePreview')}
      </button>
      <ErrorNotice error={proposing.error} />
    </section>
  );
}
