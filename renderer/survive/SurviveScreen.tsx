import { useState } from 'react';
import type { WalletRecord } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { ScreenHeading } from '../components/ScreenHeading';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { ReminderForm } from '../drills/ReminderForm';
import { t } from '../i18n/t';
import { WalletMaker } from './WalletMaker';

type Phase =
  | { name: 'making' }
  | { name: 'stopped'; begun: boolean }
  | { name: 'ready'; wallet: WalletRecord };

/** Home's fifth job: make a wallet that survives, then see it among the backups. */
export function SurviveScreen() {
  const { go } = useApp();
  const [phase, setPhase] = useState<Phase>({ name: 'making' });
  return (
    <>
      <ScreenHeading title={t('survive.title')} intro={t('survive.intro')} />
      {phase.name === 'making' && (
        <WalletMaker
          onReady={(wallet) => setPhase({ name: 'ready', wallet })}
          onStopped={(begun) => setPhase({ name: 'stopped', begun })}
        />
      )}
      {phase.name === 'stopped' && (
        <section className="stack">
          <StepHeading>{t('survive.stoppedTitle')}</StepHeading>
          <p>{t(phase.begun ? 'survive.stoppedBegun' : 'survive.stoppedNothing')}</p>
          <button type="button" onClick={() => go({ name: 'home' })}>
            {t('survive.backHome')}
          </button>
        </section>
      )}
      {phase.name === 'ready' && (
        <section className="stack">
          <StepHeading>{t('survive.readyTitle', { label: phase.wallet.label })}</StepHeading>
          <StatusLine tone="good">{t('survive.readyText')}</StatusLine>
          <p>
            {t('drills.firstAddress')} <code>{phase.wallet.firstAddress}</code>
          </p>
          <h3>{t('reminder.title')}</h3>
          <ReminderForm walletId={phase.wallet.walletId} />
          <button type="button" className="primary" onClick={() => go({ name: 'drills' })}>
            {t('survive.seeInventory')}
          </button>
        </section>
      )}
    </>
  );
}
