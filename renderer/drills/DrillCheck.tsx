import { useState } from 'react';
import type {
  CardSessionView,
  DrillResult,
  SecretView,
  SourceRef,
  WalletRecord,
} from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { useApp } from '../app/AppContext';
import { useLive } from '../app/LiveContext';
import { BackupCardSource } from '../backup-card/BackupCardSource';
import { CardConnect } from '../card/CardConnect';
import { cardKind } from '../card/card-words';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { shortAddress } from '../format/address';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';
import { RecoveryEntry } from '../rebuild/RecoveryEntry';
import { DrillResultView } from './DrillResultView';
import { ReminderForm } from './ReminderForm';

type Method = 'choose' | 'card' | 'backup-card' | 'recovery';

interface DrillCheckProps {
  wallet: WalletRecord;
  onChecked: (result: DrillResult) => void;
}

/** Compares one backup with the wallet's fingerprint. Nothing is signed and no funds move. */
export function DrillCheck({ wallet, onChecked }: DrillCheckProps) {
  const { secrets } = useApp();
  const { sessions } = useLive();
  const [method, setMethod] = useState<Method>('choose');
  const [result, setResult] = useState<DrillResult | null>(null);
  /** A backup card (which keeps a phrase or shares) handed in for the check. */
  const [backupCard, setBackupCard] = useState<CardSessionView | null>(null);
  const check = useAction(lifeboat().drills.check);
  const cards = sessions.filter((s) => s.unlocked && s.info.keyUid !== undefined);

  const run = async (source: SourceRef, release?: SecretView) => {
    const outcome = await check.run({ walletId: wallet.walletId, source });
    // A secret rebuilt only for the drill is not kept a moment longer than the check.
    if (release) await lifeboat().secrets.release({ secretId: release.secretId });
    if (!outcome.ok) return;
    setResult(outcome.value);
    onChecked(outcome.value);
  };

  if (result) {
    return (
      <section className="stack">
        <StepHeading>{t('drill.resultTitle')}</StepHeading>
        <DrillResultView wallet={wallet} result={result} />
        {result.passed ? (
          <>
            <h3>{t('reminder.title')}</h3>
            <ReminderForm walletId={wallet.walletId} />
          </>
        ) : (
          <>
            <h3>{t('drill.failedNextTitle')}</h3>
            <ul className="next-steps">
              <li>{t('drill.failedPassphrase')}</li>
              <li>{t('drill.failedWhich', { label: wallet.label })}</li>
              <li>{t('drill.failedKeep')}</li>
            </ul>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setResult(null);
                setMethod('choose');
              }}
            >
              {t('drill.checkAgain')}
            </button>
          </>
        )}
      </section>
    );
  }

  return (
    <section className="stack">
      <StatusLine>{check.busy ? t('drill.checking') : ''}</StatusLine>
      <ErrorNotice error={check.error} />
      {method === 'choose' && (
        <>
          <StepHeading>{t('drill.chooseTitle', { label: wallet.label })}</StepHeading>
          <ul className="choice-list">
            {cards.map((session) => (
              <li key={session.sessionId}>
                <button
                  type="button"
                  disabled={check.busy}
                  onClick={() => void run({ kind: 'card', sessionId: session.sessionId })}
                >
                  {t('drill.useOpenCard', { reader: session.reader })}
                </button>
              </li>
            ))}
            {secrets.map((secret) => (
              <li key={secret.secretId}>
                <button
                  type="button"
                  disabled={check.busy}
                  onClick={() => void run({ kind: 'secret', secretId: secret.secretId })}
                >
                  {t('drill.useSecret', { address: shortAddress(secret.addresses[0] ?? '') })}
                </button>
              </li>
            ))}
            <li>
              <button type="button" onClick={() => setMethod('card')}>
                {t('drill.withCard')}
              </button>
            </li>
            <li>
              <button type="button" onClick={() => setMethod('recovery')}>
                {t('drill.withRecovery')}
              </button>
            </li>
          </ul>
        </>
      )}
      {method === 'card' && (
        <CardConnect
          purpose="backup"
          instruction={t('drill.insertBackup')}
          onReady={(session) => {
            if (cardKind(session.info) === 'wallet')
              return void run({ kind: 'card', sessionId: session.sessionId });
            setBackupCard(session);
            setMethod('backup-card');
          }}
        />
      )}
      {method === 'backup-card' && backupCard && (
        <BackupCardSource
          session={backupCard}
          onSecret={(secret) => void run({ kind: 'secret', secretId: secret.secretId }, secret)}
        />
      )}
      {method === 'recovery' && (
        <RecoveryEntry
          onSecret={(secret) => void run({ kind: 'secret', secretId: secret.secretId }, secret)}
        />
      )}
    </section>
  );
}
