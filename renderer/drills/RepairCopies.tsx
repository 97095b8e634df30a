import { useEffect, useState } from 'react';
import type { ApiError, SecretView, WalletDraftView, WalletRecord } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';
import { RecoveryEntry } from '../rebuild/RecoveryEntry';
import { WalletMaker } from '../survive/WalletMaker';

/** A new card in place of a lost one, or a fresh share set in place of the active one. */
export type RepairKind = 'card' | 'shares';

interface RepairCopiesProps {
  wallet: WalletRecord;
  kind: RepairKind;
  onDone: (wallet: WalletRecord) => void;
  onStopped: () => void;
}

/**
 * New copies of a remembered wallet: its shares or phrase are typed (or read from a backup
 * card) and must open it, then the survive flow's steps make the copies and test them. The
 * wallet's record changes only when every new copy passed.
 */
export function RepairCopies({ wallet, kind, onDone, onStopped }: RepairCopiesProps) {
  const [draft, setDraft] = useState<WalletDraftView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  /** Remounts the entry after a refusal, so the person starts the typing again. */
  const [attempt, setAttempt] = useState(0);
  /** New copies of this wallet main still holds, e.g. after the console was reloaded. */
  const [unfinished, setUnfinished] = useState<WalletDraftView | null>(null);
  const api = lifeboat();

  useEffect(() => {
    let current = true;
    void lifeboat()
      .wallets.drafts()
      .then((result) => {
        if (!current || !result.ok) return;
        setUnfinished(result.value.find((d) => d.repair && d.walletId === wallet.walletId) ?? null);
      });
    return () => {
      current = false;
    };
  }, [wallet.walletId]);

  const rebuilt = async (secret: SecretView) => {
    setError(null);
    const shares = wallet.shareSets.findLast((s) => s.retiredAt === undefined);
    const result = await api.wallets.repair({
      walletId: wallet.walletId,
      secretId: secret.secretId,
      cards: kind === 'card' ? 1 : 0,
      ...(kind === 'shares' && shares
        ? {
            shares: {
              groupThreshold: shares.groupThreshold,
              groups: shares.groups.map((g) => ({ ...g })),
              onCards: 0,
            },
          }
        : {}),
    });
    // The draft holds its own copy of the wallet: the rebuilt one is not needed any more.
    await api.secrets.release({ secretId: secret.secretId });
    if (!result.ok) {
      setError(result.error);
      setAttempt((n) => n + 1);
      return;
    }
    setDraft(result.value);
  };

  return (
    <section className="stack">
      <StepHeading>
        {t(kind === 'card' ? 'repair.title' : 'repair.titleShares', { label: wallet.label })}
      </StepHeading>
      {!draft && (
        <>
          {unfinished && (
            <div className="stack-tight">
              <p>{t('repair.unfinished', { label: wallet.label })}</p>
              <div className="actions">
                <button type="button" className="primary" onClick={() => setDraft(unfinished)}>
                  {t('repair.resume')}
                </button>
              </div>
            </div>
          )}
          <p>{t('repair.rebuildIntro', { label: wallet.label })}</p>
          <ErrorNotice error={error} />
          <RecoveryEntry key={attempt} onSecret={(secret) => void rebuilt(secret)} />
          <div className="actions">
            <button type="button" className="link" onClick={onStopped}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      )}
      {draft && (
        <>
          <StatusLine tone="good">{t('repair.opens', { label: wallet.label })}</StatusLine>
          <WalletMaker
            repair={draft}
            stopLabel={t('repair.stop', { label: wallet.label })}
            onReady={onDone}
            onStopped={onStopped}
          />
        </>
      )}
    </section>
  );
}
