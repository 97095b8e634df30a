import { useState } from 'react';
import type { CardSessionView, DiscoveryResult, SourceRef } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { CardConnect } from '../card/CardConnect';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeading } from '../components/ScreenHeading';
import { StepHeading } from '../components/StepHeading';
import { DiscoveryProgressView } from '../discovery/DiscoveryProgressView';
import { useDiscovery } from '../discovery/useDiscovery';
import { t } from '../i18n/t';
import { AccountsView } from './AccountsView';
import { OwnedSafes } from './OwnedSafes';
import { SendFlow } from './SendFlow';

type Step =
  | { name: 'card' }
  | { name: 'discover'; session: CardSessionView }
  | { name: 'accounts'; session: CardSessionView; discovery: DiscoveryResult }
  | { name: 'send'; session: CardSessionView; discovery: DiscoveryResult };

/** Restore after a lost phone: the card alone opens the wallet, finds the funds and signs. */
export function RestoreScreen() {
  const { go } = useApp();
  const [step, setStep] = useState<Step>({ name: 'card' });
  const discovery = useDiscovery();

  const discover = async (session: CardSessionView) => {
    setStep({ name: 'discover', session });
    const source: SourceRef = { kind: 'card', sessionId: session.sessionId };
    const found = await discovery.run(source);
    if (found) setStep({ name: 'accounts', session, discovery: found });
  };

  return (
    <>
      <ScreenHeading title={t('restore.title')} intro={t('restore.intro')} />
      {step.name === 'card' && (
        <CardConnect
          purpose="source"
          instruction={t('restore.insert')}
          onReady={(session) => void discover(session)}
        />
      )}
      {step.name === 'discover' && (
        <section>
          <StepHeading>{t('discovery.title')}</StepHeading>
          {discovery.busy && <DiscoveryProgressView rows={discovery.rows} />}
          <ErrorNotice error={discovery.error} />
          {discovery.error && (
            <div className="actions">
              <button type="button" onClick={() => void discover(step.session)}>
                {t('common.tryAgain')}
              </button>
              <button type="button" onClick={() => go({ name: 'settings' })}>
                {t('nav.settings')}
              </button>
            </div>
          )}
        </section>
      )}
      {/* The card is open even when its accounts could not be found: its Safes on the
          networks that answer are still shown. */}
      {step.name === 'discover' && discovery.error && (
        <OwnedSafes source={{ kind: 'card', sessionId: step.session.sessionId }} />
      )}
      {step.name === 'accounts' && (
        <section>
          <StepHeading>{t('accounts.heading')}</StepHeading>
          <AccountsView discovery={step.discovery} />
          <div className="actions">
            <button
              type="button"
              onClick={() => setStep({ ...step, name: 'send' })}
              disabled={step.discovery.accounts.length === 0}
            >
              {t('restore.send')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={step.discovery.accounts.length === 0}
              onClick={() =>
                go({
                  name: 'sweep',
                  from: {
                    source: { kind: 'card', sessionId: step.session.sessionId },
                    keyUid: step.session.info.keyUid ?? '',
                    discovery: step.discovery,
                  },
                })
              }
            >
              {t('restore.toSweep')}
            </button>
            <button type="button" onClick={() => void discover(step.session)}>
              {t('restore.refresh')}
            </button>
          </div>
        </section>
      )}
      {step.name === 'accounts' && (
        <OwnedSafes source={{ kind: 'card', sessionId: step.session.sessionId }} />
      )}
      {step.name === 'send' && (
        <section>
          <SendFlow
            discovery={step.discovery}
            signerLabel={t('send.signWithCard')}
            onDone={() => void discover(step.session)}
            onCancel={() => setStep({ ...step, name: 'accounts' })}
          />
        </section>
      )}
    </>
  );
}
