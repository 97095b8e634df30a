import { useEffect, useId, useState } from 'react';
import type { SafeProposalView, SafeRef, SafeView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { useApp } from '../app/AppContext';
import type { SafeSweepCase } from '../app/screens';
import { useLive } from '../app/LiveContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeading } from '../components/ScreenHeading';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { isValidAddress } from '../format/address';
import { useAction } from '../hooks/useAction';
import { t, type MessageKey } from '../i18n/t';
import { heldSources } from './holders';
import { SafeCreate } from './SafeCreate';
import { SafeDetails } from './SafeDetails';
import { isOwnerChange, type OwnerChangeKind } from './owner-change';
import { SafeOwnerChange } from './SafeOwnerChange';
import { SafeSweep } from './SafeSweep';

type View =
  | { name: 'start' }
  | { name: 'create' }
  | { name: 'safe'; safe: SafeView; changed?: OwnerChangeKind }
  | { name: 'sweep'; safe: SafeView; resume?: SafeSweepCase }
  | { name: 'owner-change'; safe: SafeView; pending?: SafeProposalView };

const CHANGED: Record<OwnerChangeKind, MessageKey> = {
  'replace-owner': 'safe.replaced',
  'add-owner': 'safe.added',
  'remove-owner': 'safe.removed',
  'change-threshold': 'safe.thresholdChanged',
};

interface SafeScreenProps {
  resume?: SafeSweepCase | undefined;
  /** Shown at once, then read again with every held card and wallet. */
  safe?: SafeView | undefined;
}

/**
 * Shared wallets: the remembered Safes, one opened by address, a new one, emptying one,
 * changing its owners (a change still waiting for signatures is offered to go on).
 */
export function SafeScreen({ resume, safe }: SafeScreenProps) {
  const id = useId();
  const { secrets, settings } = useApp();
  const { sessions } = useLive();
  const [view, setView] = useState<View>(safe ? { name: 'safe', safe } : { name: 'start' });
  const [remembered, setRemembered] = useState<SafeRef[]>([]);
  const [address, setAddress] = useState('');
  const networks = settings?.networks.filter((n) => n.enabled) ?? [];
  const [chosenNetwork, setNetworkId] = useState('');
  const networkId = chosenNetwork || networks[0]?.id || '';
  const opening = useAction(lifeboat().safes.open);
  const holders = heldSources(sessions, secrets);

  useEffect(() => {
    let current = true;
    void lifeboat()
      .safes.list()
      .then((result) => {
        if (current && result.ok) setRemembered(result.value);
      });
    return () => {
      current = false;
    };
  }, []);

  /** Reads the Safe from the chain; `changed` says which change of its owners was just sent. */
  const open = async (ref: SafeRef, changed?: OwnerChangeKind) => {
    const result = await opening.run({
      networkId: ref.networkId,
      address: ref.address,
      holders: holders.map((h) => h.source),
    });
    if (result.ok) {
      setView({ name: 'safe', safe: result.value, ...(changed ? { changed } : {}) });
    }
  };

  // A Safe handed over from another screen was read with one holder only: it is read again
  // with the cards and wallets held when the screen opened, so each is named among its owners.
  const [handedOver] = useState(() =>
    safe ? { safe, holders: holders.map((h) => h.source) } : undefined,
  );
  useEffect(() => {
    if (!handedOver) return;
    let current = true;
    const { safe: ref, holders: sources } = handedOver;
    void lifeboat()
      .safes.open({ networkId: ref.networkId, address: ref.address, holders: sources })
      .then((result) => {
        // Only the details shown meanwhile are replaced, not a step the person moved on to.
        if (current && result.ok) {
          setView((now) => (now.name === 'safe' ? { name: 'safe', safe: result.value } : now));
        }
      });
    return () => {
      current = false;
    };
  }, [handedOver]);

  // A sweep that did not finish goes on where its signatures stand, once the Safe is read.
  useEffect(() => {
    if (!resume) return;
    let current = true;
    void lifeboat()
      .safes.open(resume.safe)
      .then((result) => {
        if (current && result.ok) setView({ name: 'sweep', safe: result.value, resume });
      });
    return () => {
      current = false;
    };
  }, [resume]);

  const networkName = (id: string) => networks.find((n) => n.id === id)?.name ?? id;

  return (
    <>
      <ScreenHeading title={t('safe.title')} intro={t('safe.intro')} />
      {view.name === 'start' && (
        <section className="stack">
          {networks.length > 1 && (
            <>
              <label htmlFor={`${id}-network`}>{t('safe.network')}</label>
              <select
                id={`${id}-network`}
                value={networkId}
                onChange={(e) => setNetworkId(e.target.value)}
              >
                {networks.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.name}
                  </option>
                ))}
              </select>
            </>
          )}
          {networks.length === 0 && <p>{t('safe.noNetwork')}</p>}
          <button
            type="button"
            className="primary"
            disabled={networkId === ''}
            onClick={() => setView({ name: 'create' })}
          >
            {t('safe.create')}
          </button>
          <StepHeading>{t('safe.openTitle')}</StepHeading>
          {remembered.length > 0 && (
            <ul className="choice-list">
              {remembered.map((ref) => (
                <li key={`${ref.networkId}:${ref.address}`}>
                  <button type="button" disabled={opening.busy} onClick={() => void open(ref)}>
                    {t('safe.openRemembered', {
                      address: ref.address,
                      network: networkName(ref.networkId),
                    })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void open({ networkId, address: address.trim() });
            }}
          >
            <label htmlFor={`${id}-address`}>{t('safe.addressLabel')}</label>
            <input
              id={`${id}-address`}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
            />
            <button
              type="submit"
              disabled={!isValidAddress(address.trim()) || networkId === '' || opening.busy}
            >
              {t('safe.open')}
            </button>
          </form>
          <ErrorNotice error={opening.error} />
        </section>
      )}
      {view.name === 'create' && (
        <SafeCreate
          networkId={networkId}
          onCreated={(safe) => {
            setRemembered((list) => [
              { networkId: safe.networkId, address: safe.address },
              ...list.filter((r) => r.address !== safe.address),
            ]);
            void open(safe);
          }}
        />
      )}
      {view.name === 'create' && <ErrorNotice error={opening.error} />}
      {view.name === 'safe' && (
        <>
          {view.changed && <StatusLine tone="good">{t(CHANGED[view.changed])}</StatusLine>}
          <SafeDetails safe={view.safe} holders={holders} />
          {view.safe.pending
            // One signed for an earlier Safe transaction can never be sent.
            .filter((p) => isOwnerChange(p.action) && p.nonce === view.safe.nonce)
            .map((p) => (
              <section className="stack" key={p.proposalId}>
                <p>
                  {t('safe.pendingChange', {
                    signed: p.signatures.signed.length,
                    needed: p.signatures.needed,
                  })}
                </p>
                <button
                  type="button"
                  onClick={() => setView({ name: 'owner-change', safe: view.safe, pending: p })}
                >
                  {t('safe.pendingContinue')}
                </button>
              </section>
            ))}
          <div className="actions">
            <button type="button" disabled={opening.busy} onClick={() => void open(view.safe)}>
              {t('safe.refresh')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => setView({ name: 'sweep', safe: view.safe })}
            >
              {t('safe.sweep')}
            </button>
            <button
              type="button"
              onClick={() => setView({ name: 'owner-change', safe: view.safe })}
            >
              {t('safe.changeOwners')}
            </button>
            <button type="button" onClick={() => setView({ name: 'start' })}>
              {t('safe.otherSafe')}
            </button>
          </div>
          <ErrorNotice error={opening.error} />
        </>
      )}
      {view.name === 'sweep' && (
        <SafeSweep safe={view.safe} holders={holders} resume={view.resume} />
      )}
      {view.name === 'owner-change' && (
        <SafeOwnerChange
          safe={view.safe}
          holders={holders}
          pending={view.pending}
          onDone={(changed) => void open(view.safe, changed ?? undefined)}
        />
      )}
      {view.name === 'owner-change' && <ErrorNotice error={opening.error} />}
    </>
  );
}
