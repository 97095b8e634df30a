import { useState } from 'react';
import type { SecretView, WalletHistory } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { BackupCardStore } from '../backup-card/BackupCardStore';
import { ScreenHeading } from '../components/ScreenHeading';
import { StepHeading } from '../components/StepHeading';
import { RememberForm } from '../drills/RememberForm';
import { t } from '../i18n/t';
import { OtherPassphraseForm } from './OtherPassphraseForm';
import { RecoveryEntry } from './RecoveryEntry';
import { SecretSummary } from './SecretSummary';
import { WalletHistoryCheck } from './WalletHistoryCheck';

/**
 * Rebuild from Shamir shares or a recovery phrase, see whether that wallet was ever used,
 * then load it onto a card or sweep it. An unused wallet is most often the sign of a wrong
 * passphrase, so another passphrase can be tried on the same shares or phrase.
 */
export function RebuildScreen({ fromCard = false }: { fromCard?: boolean }) {
  const { go, holdSecret, releaseSecret } = useApp();
  const [secret, setSecret] = useState<SecretView | null>(null);
  const [history, setHistory] = useState<WalletHistory | null>(null);
  const [otherPassphrase, setOtherPassphrase] = useState(false);
  const [keepOnCard, setKeepOnCard] = useState(false);

  const rebuilt = (value: SecretView) => {
    holdSecret(value);
    setSecret(value);
    setHistory(null);
    setOtherPassphrase(false);
    setKeepOnCard(false);
  };

  const unused = history?.used === false;
  /** The first thing to do when the wallet is unused, a side door when it is not. */
  const passphraseButton = (
    <button
      type="button"
      className={unused ? 'primary' : undefined}
      onClick={() => setOtherPassphrase(true)}
    >
      {t(unused ? 'history.tryPassphrase' : 'history.otherPassphrase')}
    </button>
  );

  return (
    <>
      <ScreenHeading title={t('rebuild.title')} intro={t('rebuild.intro')} />
      {!secret && <RecoveryEntry onSecret={rebuilt} fromCard={fromCard} />}
      {secret && (
        <section className="stack" key={secret.secretId}>
          <StepHeading>{t('rebuild.doneTitle')}</StepHeading>
          <h3>{t('history.title')}</h3>
          <WalletHistoryCheck
            source={{ kind: 'secret', secretId: secret.secretId }}
            onAnswer={setHistory}
          />
          {otherPassphrase ? (
            <OtherPassphraseForm
              secret={secret}
              onOpened={rebuilt}
              onCancel={() => setOtherPassphrase(false)}
            />
          ) : (
            <div className="actions">
              {unused && passphraseButton}
              <button
                type="button"
                className={history?.used ? 'primary' : undefined}
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
              {!unused && passphraseButton}
              <button type="button" onClick={() => setKeepOnCard(true)}>
                {t('rebuild.keepOnCard')}
              </button>
              <button
                type="button"
                onClick={() => void releaseSecret(secret.secretId).then(() => go({ name: 'home' }))}
              >
                {t('rebuild.forget')}
              </button>
            </div>
          )}
          {keepOnCard && (
            <section className="stack">
              <h3>{t('rebuild.keepOnCardTitle')}</h3>
              <BackupCardStore secret={secret} />
            </section>
          )}
          <SecretSummary secret={secret} />
          <h3>{t('rebuild.rememberTitle')}</h3>
          <RememberForm source={{ kind: 'secret', secretId: secret.secretId }} />
        </section>
      )}
    </>
  );
}
