import { useEffect, useState } from 'react';
import type { WalletDraftView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { t } from '../i18n/t';

interface UnfinishedDraftsProps {
  onResume: (draft: WalletDraftView) => void;
}

/**
 * New wallets main still holds, e.g. after the console was reloaded midway: go on where the
 * making stopped, or throw the wallet away (its record stays, marked not finished).
 */
export function UnfinishedDrafts({ onResume }: UnfinishedDraftsProps) {
  const [drafts, setDrafts] = useState<WalletDraftView[]>([]);

  useEffect(() => {
    let current = true;
    void lifeboat()
      .wallets.drafts()
      .then((result) => {
        if (current && result.ok) setDrafts(result.value.filter((d) => !d.repair));
      });
    return () => {
      current = false;
    };
  }, []);

  const throwAway = async (draft: WalletDraftView) => {
    await lifeboat().wallets.discard({ draftId: draft.draftId });
    setDrafts((list) => list.filter((d) => d.draftId !== draft.draftId));
  };

  if (drafts.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="unfinished-wallets">
      <h2 id="unfinished-wallets">{t('survive.unfinishedTitle')}</h2>
      <ul className="stack">
        {drafts.map((draft) => (
          <li key={draft.draftId} className="stack-tight">
            <p>{t('survive.unfinishedText', { label: draft.label })}</p>
            <div className="actions">
              <button type="button" className="primary" onClick={() => onResume(draft)}>
                {t('survive.unfinishedResume', { label: draft.label })}
              </button>
              <button type="button" onClick={() => void throwAway(draft)}>
                {t('survive.unfinishedDiscard', { label: draft.label })}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
