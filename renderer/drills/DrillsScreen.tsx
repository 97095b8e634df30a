import { useEffect, useState } from 'react';
import type { ApiError, LostAdvice as LostAdviceData, WalletRecord } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeading } from '../components/ScreenHeading';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';
import { DrillCheck } from './DrillCheck';
import { LostAdvice } from './LostAdvice';
import { LostCopy, type LostKind } from './LostCopy';
import { RepairCopies, type RepairKind } from './RepairCopies';
import { RememberWallet } from './RememberWallet';
import { SetInventory } from './SetInventory';
import { WalletList } from './WalletList';

type View =
  | { name: 'list' }
  | { name: 'check'; wallet: WalletRecord }
  | { name: 'forget'; wallet: WalletRecord }
  | { name: 'lost'; wallet: WalletRecord; kind: LostKind }
  | { name: 'advice'; wallet: WalletRecord; advice: LostAdviceData }
  | { name: 'repair'; wallet: WalletRecord; kind: RepairKind }
  | { name: 'repaired'; wallet: WalletRecord };

/** Check a backup: a backup card, shares or a phrase against the remembered fingerprint. */
export function DrillsScreen() {
  const [wallets, setWallets] = useState<WalletRecord[] | null>(null);
  const [view, setView] = useState<View>({ name: 'list' });
  const [error, setError] = useState<ApiError | null>(null);
  const { go } = useApp();

  const load = async () => {
    const result = await lifeboat().drills.list();
    if (result.ok) setWallets(result.value);
    else setError(result.error);
  };

  useEffect(() => {
    let current = true;
    void lifeboat()
      .drills.list()
      .then((result) => {
        if (!current) return;
        if (result.ok) setWallets(result.value);
        else setError(result.error);
      });
    return () => {
      current = false;
    };
  }, []);

  const backToList = async () => {
    setView({ name: 'list' });
    await load();
  };

  const forget = async (wallet: WalletRecord) => {
    const result = await lifeboat().drills.forget({ walletId: wallet.walletId });
    if (!result.ok) return setError(result.error);
    setView({ name: 'list' });
    await load();
  };

  return (
    <>
      <ScreenHeading title={t('drills.title')} intro={t('drills.intro')} />
      <ErrorNotice error={error} />
      {view.name === 'list' && (
        <>
          <section>
            <h2>{t('drills.walletsTitle')}</h2>
            {wallets === null ? (
              <StatusLine>{t('drills.loading')}</StatusLine>
            ) : (
              <WalletList
                wallets={wallets}
                onCheck={(wallet) => setView({ name: 'check', wallet })}
                onForget={(wallet) => setView({ name: 'forget', wallet })}
                onLost={(wallet, kind) => setView({ name: 'lost', wallet, kind })}
                onRepair={(wallet) => setView({ name: 'repair', wallet, kind: 'card' })}
              />
            )}
          </section>
          <section>
            <h2>{t('drills.rememberTitle')}</h2>
            <p>{t('drills.rememberIntro')}</p>
            <RememberWallet onRemembered={() => void load()} />
          </section>
        </>
      )}
      {view.name === 'check' && (
        <>
          <DrillCheck wallet={view.wallet} onChecked={() => void load()} />
          <button type="button" className="link" onClick={() => setView({ name: 'list' })}>
            {t('drills.backToList')}
          </button>
        </>
      )}
      {view.name === 'lost' && (
        <LostCopy
          wallet={view.wallet}
          kind={view.kind}
          onMarked={({ wallet, advice }) => setView({ name: 'advice', wallet, advice })}
          onCancel={() => setView({ name: 'list' })}
        />
      )}
      {view.name === 'advice' && (
        <LostAdvice
          advice={view.advice}
          onRepair={(kind) => setView({ name: 'repair', wallet: view.wallet, kind })}
          onSweep={() => go({ name: 'sweep' })}
          onBack={() => void backToList()}
        />
      )}
      {view.name === 'repair' && (
        <RepairCopies
          wallet={view.wallet}
          kind={view.kind}
          onDone={(wallet) => {
            setView({ name: 'repaired', wallet });
            void load();
          }}
          onStopped={() => void backToList()}
        />
      )}
      {view.name === 'repaired' && (
        <section className="stack">
          <StepHeading>{t('repair.doneTitle', { label: view.wallet.label })}</StepHeading>
          <StatusLine tone="good">{t('repair.doneText')}</StatusLine>
          <SetInventory wallet={view.wallet} />
          <button type="button" className="primary" onClick={() => void backToList()}>
            {t('drills.backToList')}
          </button>
        </section>
      )}
      {view.name === 'forget' && (
        <section className="stack">
          <StepHeading>{t('drills.forgetTitle', { label: view.wallet.label })}</StepHeading>
          <p>{t('drills.forgetHelp')}</p>
          <div className="actions">
            <button type="button" onClick={() => setView({ name: 'list' })}>
              {t('common.cancel')}
            </button>
            <button type="button" className="danger" onClick={() => void forget(view.wallet)}>
              {t('drills.forgetConfirm')}
            </button>
          </div>
        </section>
      )}
    </>
  );
}
