import { useEffect, useId, useState, type FormEvent } from 'react';
import type {
  ApiError,
  BackupSecretView,
  CardSessionView,
  SecretView,
  ShareRef,
} from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { CardConnect } from '../card/CardConnect';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';

type Phase =
  /** Which of the shares goes on the next card. */
  | { name: 'choose' }
  | { name: 'connect'; share?: ShareRef }
  | { name: 'form'; session: CardSessionView; share?: ShareRef }
  | { name: 'stored'; session: CardSessionView; stored: BackupSecretView; share?: ShareRef };

function shareText(share: ShareRef): string {
  return t('backupCard.shareName', { group: share.groupIndex + 1, member: share.memberIndex + 1 });
}

function defaultLabel(secret: SecretView, share: ShareRef | undefined): string {
  const wallet = secret.keyUid.slice(0, 8);
  return share
    ? t('backupCard.shareLabel', {
        wallet,
        group: share.groupIndex + 1,
        member: share.memberIndex + 1,
      })
    : t('backupCard.phraseLabel', { wallet });
}

/**
 * Keep a copy of a rebuilt wallet on a backup card: the phrase with its passphrase, or one
 * share per card. The copy goes from main's memory to the card; this page only names it.
 * It can be read back in plain form only if the person ticks that it may.
 */
export function BackupCardStore({ secret }: { secret: SecretView }) {
  const id = useId();
  const api = lifeboat();
  const shamir = secret.kind === 'slip39';
  const [phase, setPhase] = useState<Phase>(shamir ? { name: 'choose' } : { name: 'connect' });
  const [shares, setShares] = useState<ShareRef[]>([]);
  const [kept, setKept] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!shamir) return;
    let current = true;
    void lifeboat()
      .secrets.shares({ secretId: secret.secretId })
      .then((result) => {
        if (!current) return;
        if (result.ok) setShares(result.value);
        else setError(result.error);
      });
    return () => {
      current = false;
    };
  }, [shamir, secret.secretId]);

  const store = async (
    event: FormEvent<HTMLFormElement>,
    session: CardSessionView,
    share?: ShareRef,
  ) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const label = String(data.get('label') ?? '').trim();
    const plainExport = data.get('plain') === 'on';
    if (label === '') return;
    setError(null);
    setBusy(true);
    const result = await api.backups.store({
      sessionId: session.sessionId,
      secretId: secret.secretId,
      label,
      plainExport,
      ...(share ? { share: share.index } : {}),
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    if (share) setKept((list) => [...list, share.index]);
    setPhase({ name: 'stored', session, stored: result.value, ...(share ? { share } : {}) });
  };

  /** The card is released (and so locked) before another one goes in. */
  const another = async (session: CardSessionView) => {
    await api.cards.close({ sessionId: session.sessionId });
    setPhase(shamir ? { name: 'choose' } : { name: 'connect' });
  };

  return (
    <div className="stack">
      <ErrorNotice error={error} />
      {phase.name === 'choose' && (
        <>
          <p>{t('backupCard.chooseShare')}</p>
          <ul className="choice-list">
            {shares.map((share) => (
              <li key={share.index}>
                <button type="button" onClick={() => setPhase({ name: 'connect', share })}>
                  {t(
                    kept.includes(share.index)
                      ? 'backupCard.keepShareAgain'
                      : 'backupCard.keepShare',
                    {
                      share: shareText(share),
                    },
                  )}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {phase.name === 'connect' && (
        <CardConnect
          purpose="backup-destination"
          instruction={
            phase.share
              ? t('backupCard.insertForShare', { share: shareText(phase.share) })
              : t('backupCard.insertForPhrase')
          }
          onReady={(session) =>
            setPhase({ name: 'form', session, ...(phase.share ? { share: phase.share } : {}) })
          }
        />
      )}
      {phase.name === 'form' && (
        <form className="stack" onSubmit={(e) => void store(e, phase.session, phase.share)}>
          <StepHeading>
            {phase.share
              ? t('backupCard.storeShareTitle', { share: shareText(phase.share) })
              : t('backupCard.storePhraseTitle')}
          </StepHeading>
          {!phase.share && <p>{t('backupCard.withPassphrase')}</p>}
          <label htmlFor={`${id}-label`}>{t('backupCard.label')}</label>
          <input
            id={`${id}-label`}
            name="label"
            maxLength={100}
            defaultValue={defaultLabel(secret, phase.share)}
            required
          />
          <div className="checkbox">
            <input id={`${id}-plain`} name="plain" type="checkbox" />
            <label htmlFor={`${id}-plain`}>{t('backupCard.plainExport')}</label>
          </div>
          <p className="hint">{t('backupCard.plainExportHelp')}</p>
          <button type="submit" className="primary" disabled={busy}>
            {t('backupCard.store')}
          </button>
        </form>
      )}
      {phase.name === 'stored' && (
        <>
          <StatusLine tone="good">
            {t('backupCard.stored', {
              reader: phase.session.reader,
              label: phase.stored.label,
              fingerprint: phase.stored.fingerprint,
            })}
          </StatusLine>
          <p>{t(phase.stored.exportable ? 'backupCard.storedPlain' : 'backupCard.storedSealed')}</p>
          <button type="button" onClick={() => void another(phase.session)}>
            {t(shamir ? 'backupCard.anotherShare' : 'backupCard.anotherCard')}
          </button>
        </>
      )}
    </div>
  );
}
