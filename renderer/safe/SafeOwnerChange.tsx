import { useId, useState } from 'react';
import type { SafeProposalView, SafeView, SourceRef } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StepHeading } from '../components/StepHeading';
import { isValidAddress } from '../format/address';
import { useAction } from '../hooks/useAction';
import { t, type MessageKey } from '../i18n/t';
import { HolderChoice } from './HolderChoice';
import type { Holder } from './holders';
import {
  OWNER_CHANGE_KINDS,
  initialThreshold,
  ownerChangeAction,
  ownerMarks,
  thresholdChoices,
  type OwnerChangeKind,
} from './owner-change';
import { SafeSigning } from './SafeSigning';

const KIND_LABEL: Record<OwnerChangeKind, MessageKey> = {
  'replace-owner': 'safe.kindReplace',
  'add-owner': 'safe.kindAdd',
  'remove-owner': 'safe.kindRemove',
  'change-threshold': 'safe.kindThreshold',
};

const KIND_INTRO: Record<OwnerChangeKind, MessageKey> = {
  'replace-owner': 'safe.replaceIntro',
  'add-owner': 'safe.addIntro',
  'remove-owner': 'safe.removeIntro',
  'change-threshold': 'safe.thresholdIntro',
};

interface SafeOwnerChangeProps {
  safe: SafeView;
  holders: readonly Holder[];
  /** A change proposed before (e.g. before the console was reloaded), at its signatures. */
  pending?: SafeProposalView | undefined;
  /** After the change was sent, or when it was cancelled. */
  onDone: (sent: OwnerChangeKind | null) => void;
}

/**
 * A change of the Safe's owners or of how many must sign: chosen, shown as the owners and
 * threshold before and after, signed by enough of the present owners, sent by the payer.
 */
export function SafeOwnerChange({ safe, holders, pending, onDone }: SafeOwnerChangeProps) {
  const api = lifeboat();
  const [proposal, setProposal] = useState<SafeProposalView | null>(pending ?? null);
  const [payer, setPayer] = useState<SourceRef | null>(null);
  const executing = useAction(api.safes.execute);

  if (!proposal) {
    return <OwnerChangeForm safe={safe} onProposed={setProposal} onCancel={() => onDone(null)} />;
  }

  const kind = proposal.action.kind === 'send' ? null : proposal.action.kind;
  const enough = proposal.signatures.signed.length >= proposal.signatures.needed;
  const { leaving, joining } = ownerMarks(proposal);
  const execute = async () => {
    if (!payer) return;
    const result = await executing.run({ proposalId: proposal.proposalId, payer, confirmed: true });
    if (result.ok) onDone(kind);
  };
  const cancel = async () => {
    await api.safes.discard({ proposalId: proposal.proposalId });
    onDone(null);
  };

  return (
    <>
      <section className="stack">
        <StepHeading>{t('safe.replaceReviewTitle')}</StepHeading>
        <h3>{t('safe.ownersBefore')}</h3>
        <ul>
          {proposal.ownersBefore.map((o) => (
            <li key={o} className="mono">
              {leaving.has(o) ? t('safe.ownerLeaving', { address: o }) : o}
            </li>
          ))}
        </ul>
        <p>
          {t('safe.thresholdOf', {
            threshold: proposal.thresholdBefore,
            count: proposal.ownersBefore.length,
          })}
        </p>
        <h3>{t('safe.ownersAfter')}</h3>
        <ul>
          {proposal.ownersAfter.map((o) => (
            <li key={o} className="mono">
              {joining.has(o) ? t('safe.ownerJoining', { address: o }) : o}
            </li>
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
      <div className="actions">
        <button type="button" disabled={executing.busy} onClick={() => void cancel()}>
          {t('safe.changeCancel')}
        </button>
      </div>
    </>
  );
}

interface OwnerChangeFormProps {
  safe: SafeView;
  onProposed: (proposal: SafeProposalView) => void;
  onCancel: () => void;
}

/** Which change, and its owner, address and threshold. */
function OwnerChangeForm({ safe, onProposed, onCancel }: OwnerChangeFormProps) {
  const id = useId();
  const owners = safe.owners.length;
  const [kind, setKind] = useState<OwnerChangeKind>('replace-owner');
  const [owner, setOwner] = useState(safe.owners[0]?.address ?? '');
  const [added, setAdded] = useState('');
  const [threshold, setThreshold] = useState(safe.threshold);
  const proposing = useAction(lifeboat().safes.propose);

  // A refusal is about what was asked; once the person changes it, it no longer applies.
  const edit =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      proposing.clear();
      set(value);
    };
  const choose = edit((next: OwnerChangeKind) => {
    setKind(next);
    setThreshold(initialThreshold(next, owners, safe.threshold));
  });
  const needsAddress = kind === 'replace-owner' || kind === 'add-owner';
  const needsOwner = kind === 'replace-owner' || kind === 'remove-owner';
  const needsThreshold = kind !== 'replace-owner';
  const lastOwner = kind === 'remove-owner' && owners <= 1;
  const unchanged = kind === 'change-threshold' && threshold === safe.threshold;
  const ready =
    !lastOwner && !unchanged && (!needsAddress || isValidAddress(added.trim())) && !proposing.busy;

  const propose = async () => {
    const result = await proposing.run({
      networkId: safe.networkId,
      safe: safe.address,
      action: ownerChangeAction({ kind, owner, added, threshold }),
    });
    if (result.ok) onProposed(result.value);
  };

  return (
    <section className="stack">
      <StepHeading>{t('safe.changeTitle')}</StepHeading>
      <fieldset>
        <legend>{t('safe.changeKindLegend')}</legend>
        {OWNER_CHANGE_KINDS.map((k) => (
          <div className="checkbox" key={k}>
            <input
              id={`${id}-${k}`}
              type="radio"
              name={`${id}-kind`}
              checked={kind === k}
              onChange={() => choose(k)}
            />
            <label htmlFor={`${id}-${k}`}>{t(KIND_LABEL[k])}</label>
          </div>
        ))}
      </fieldset>
      <p>{t(KIND_INTRO[kind])}</p>
      {lastOwner && <p>{t('safe.onlyOwner')}</p>}
      {needsOwner && !lastOwner && (
        <>
          <label htmlFor={`${id}-owner`}>
            {t(kind === 'remove-owner' ? 'safe.removeWhich' : 'safe.replaceOld')}
          </label>
          <select id={`${id}-owner`} value={owner} onChange={(e) => edit(setOwner)(e.target.value)}>
            {safe.owners.map((o) => (
              <option key={o.address} value={o.address}>
                {o.address}
              </option>
            ))}
          </select>
        </>
      )}
      {needsAddress && (
        <>
          <label htmlFor={`${id}-new`}>{t('safe.replaceNew')}</label>
          <input id={`${id}-new`} value={added} onChange={(e) => edit(setAdded)(e.target.value)} />
        </>
      )}
      {needsThreshold && !lastOwner && (
        <>
          <label htmlFor={`${id}-threshold`}>{t('safe.thresholdAfterLabel')}</label>
          <select
            id={`${id}-threshold`}
            value={threshold}
            onChange={(e) => edit(setThreshold)(Number(e.target.value))}
          >
            {thresholdChoices(kind, owners).map((k, _, all) => (
              <option key={k} value={k}>
                {t('safe.thresholdOf', { threshold: k, count: all.length })}
              </option>
            ))}
          </select>
          {unchanged && <p>{t('safe.thresholdUnchanged')}</p>}
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={!ready} onClick={() => void propose()}>
          {t('safe.replacePreview')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('safe.back')}
        </button>
      </div>
      <ErrorNotice error={proposing.error} />
    </section>
  );
}
