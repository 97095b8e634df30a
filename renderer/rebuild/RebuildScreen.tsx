import { useState } from 'react';
import type { SecretView } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { ScreenHeading } from '../components/ScreenHeading';
import { StepHeading } from '../components/StepHeading';
import { RememberForm } from '../drills/RememberForm';
import { t } from '../i18n/t';
import { RecoveryEntry } from './RecoveryEntry';
import { SecretSummary } from './SecretSummary';

/** Rebuild from Shamir shares or a recovery phrase, then load it onto a card or sweep it. */
export function RebuildScreen() {
  const { go, holdSecret, releaseSecret } = useApp();
  const [secret, setSecret] = useState<SecretView | null>(null);

  const rebuilt = (value: SecretView) => {
    holdSecret(value);
    setSecret(value);
  };

  return (
    <>
      <ScreenHeading title={t('rebuild.title')} intro={t('rebuild.intro')} />
      {!secret && <RecoveryEntry onSecret={rebuilt} />}
      {secret && (
        <section className="stack">
          <StepHeading>{t('rebuild.doneTitle')}</StepHeading>
          <SecretSummary secret={secret} />
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => go({ name: 'load', secretId: secret.secretId })}
            >
              {t('rebuild.load')}
            </button>
            <button
              type="button"
              onClick={() =>
                go({
                  name: 'sweep',
                  from: {
                    source: { kind: 'secret', secretId: secret.secretId },
                    keyUid: secret.keyUid,
                  },
                })
              }
            >
              {t('rebuild.sweep')}
            </button>
            <button
              type="button"
              onClick={() => void releaseSecret(secret.secretId).then(() => go({ name: 'home' }))}
            >
              {t('rebuild.forget')}
            </button>
          </div>
          <h3>{t('rebuild.rememberTitle')}</h3>
          <RememberForm source={{ kind: 'secret', secretId: secret.secretId }} />
        </section>
      )}
    </>
  );
}
