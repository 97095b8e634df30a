import { useId, useState } from 'react';
import type {
  ApiError,
  CardKeyView,
  CardSessionView,
  SecretView,
  WalletRecord,
} from '../../preload/api';
import { ERROR_HELP } from '../../preload/errors';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { shortAddress } from '../format/address';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t, type MessageKey } from '../i18n/t';
import { PhraseBackup } from '../backup/PhraseBackup';
import { WalletMaker } from '../survive/WalletMaker';
import { familyText } from './card-words';
import { LoadSet } from './LoadSet';
import { CardConnect } from './CardConnect';
import { NewCardAddress } from './NewCardAddress';

export interface NewCard {
  session: CardSessionView;
  key: CardKeyView;
}

interface NewCardStepProps {
  /** Load this rebuilt secret onto the card; without it the card generates its own key. */
  load?: SecretView;
  /** Rebuilt secrets offered besides generating a key (a sweep's destination may be one). */
  alternatives?: readonly SecretView[];
  /** Readers holding cards already used in this job. */
  excludeReaders: readonly string[];
  /** The source's fingerprint: the new card must not hold the same wallet. */
  sourceKeyUid?: string;
  continueLabel: string;
  onDone: (card: NewCard) => void;
}

/** Where the new card's wallet can be recovered from if the card is lost. */
type Backup = 'rebuilt' | 'phrase' | 'none' | 'existing' | 'set';

type Phase =
  | { name: 'connect' }
  | { name: 'key'; session: CardSessionView }
  /** A recovery phrase is made and written down before it becomes the card's wallet. */
  | { name: 'phrase'; session: CardSessionView }
  /** A wallet that survives is made on this card and more, then one card of the set goes on. */
  | { name: 'set'; session: CardSessionView }
  /** The rebuilt wallet goes onto this card and more, then one card of the set goes on. */
  | { name: 'load-set'; session: CardSessionView; secret: SecretView }
  /** The phrase was checked; it goes onto the card (again, if the first try failed). */
  | { name: 'phrase-ready'; session: CardSessionView; secret: SecretView }
  /** Loading was asked for, but the card already holds another wallet. */
  | { name: 'occupied' }
  | { name: 'address'; card: NewCard; backup: Backup };

/** Whether the card can make a key itself (a Satochip is only ever given one). */
function canGenerate(session: CardSessionView): boolean {
  return session.info.capabilities.includes('generate-key');
}

const BACKUP_NOTE: Record<Exclude<Backup, 'existing'>, MessageKey> = {
  rebuilt: 'newCard.backupRebuilt',
  phrase: 'newCard.backupPhrase',
  none: 'newCard.backupNone',
  set: 'newCard.backupSet',
};

/** Insert, attest and set up the new card, give it its key, and show its address. */
export function NewCardStep({
  load,
  alternatives = [],
  excludeReaders,
  sourceKeyUid,
  continueLabel,
  onDone,
}: NewCardStepProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'connect' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [noBackupUnderstood, setNoBackupUnderstood] = useState(false);
  /** The wallet that survives made in this step: one of its cards is the new card. */
  const [madeSet, setMadeSet] = useState<WalletRecord | null>(null);
  const [setStopped, setSetStopped] = useState(false);
  const api = lifeboat();
  const understoodId = useId();

  const sameAsSource = (keyUid: string) => sourceKeyUid !== undefined && keyUid === sourceKeyUid;

  const cardReady = async (session: CardSessionView) => {
    setError(null);
    if (session.info.keyUid === undefined) return setPhase({ name: 'key', session });
    setBusy(true);
    const accounts = await api.cards.accounts({
      sessionId: session.sessionId,
      scheme: 'bip44',
      start: 0,
      count: 1,
    });
    setBusy(false);
    if (!accounts.ok) return setError(accounts.error);
    const first = accounts.value[0];
    if (!first) return;
    if (load && first.address !== load.addresses[0]) return setPhase({ name: 'occupied' });
    setPhase({
      name: 'address',
      card: { session, key: { keyUid: session.info.keyUid, address: first.address } },
      backup: madeSet?.keyUid === session.info.keyUid ? 'set' : 'existing',
    });
  };

  const makeKey = async (
    session: CardSessionView,
    secret: SecretView | undefined,
    backup: Exclude<Backup, 'existing'>,
  ) => {
    setError(null);
    setBusy(true);
    const result = secret
      ? await api.cards.loadSecret({ sessionId: session.sessionId, secretId: secret.secretId })
      : await api.cards.generateKey({ sessionId: session.sessionId });
    // A phrase made for this card is on paper and on the card now; main need not hold it.
    if (result.ok && backup === 'phrase' && secret) {
      await api.secrets.release({ secretId: secret.secretId });
    }
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setPhase({ name: 'address', card: { session, key: result.value }, backup });
  };

  const phraseChecked = (session: CardSessionView, secret: SecretView) => {
    setPhase({ name: 'phrase-ready', session, secret });
    void makeKey(session, secret, 'phrase');
  };

  return (
    <div className="new-card-step">
      <ErrorNotice error={error} />
      <StatusLine>{busy ? t('newCard.working') : ''}</StatusLine>
      {setStopped && <StatusLine tone="warning">{t('survive.stoppedBegun')}</StatusLine>}
      {phase.name === 'connect' && (
        <CardConnect
          purpose="new-card"
          instruction={t(
            madeSet
              ? 'newCard.insertFromSet'
              : excludeReaders.length > 0
                ? 'newCard.insertSecond'
                : 'newCard.insert',
          )}
          excludeReaders={excludeReaders}
          onReady={(session) => void cardReady(session)}
        />
      )}
      {phase.name === 'key' && load && (
        <>
          <StepHeading>{t('newCard.loadTitle')}</StepHeading>
          <p>{t('newCard.loadIntro')}</p>
          <ul className="choice-list">
            <li>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void makeKey(phase.session, load, 'rebuilt')}
              >
                {t('newCard.load')}
              </button>
            </li>
            <li>
              <button
                type="button"
                disabled={busy}
                onClick={() => setPhase({ name: 'load-set', session: phase.session, secret: load })}
              >
                {t('newCard.loadSet')}
              </button>
              <p className="hint">{t('newCard.loadSetText')}</p>
            </li>
          </ul>
        </>
      )}
      {phase.name === 'load-set' && (
        <LoadSet
          secret={phase.secret}
          firstCard={phase.session}
          onReady={(wallet) => {
            setMadeSet(wallet);
            setPhase({ name: 'connect' });
          }}
          onStopped={() => setPhase({ name: 'connect' })}
        />
      )}
      {phase.name === 'key' && !load && (
        <>
          <StepHeading>
            {t(canGenerate(phase.session) ? 'newCard.generateTitle' : 'newCard.walletTitle')}
          </StepHeading>
          {canGenerate(phase.session) ? (
            <div className="notice notice-warning">
              <p className="notice-title">{t('newCard.noBackupTitle')}</p>
              <p>{t('newCard.noBackupText')}</p>
            </div>
          ) : (
            <p>{t('newCard.noGenerate', { card: familyText(phase.session.info) })}</p>
          )}
          <h3>{t('newCard.backupTitle')}</h3>
          <ul className="choice-list">
            <li>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => setPhase({ name: 'set', session: phase.session })}
              >
                {t('newCard.withSet')}
              </button>
              <p className="hint">{t('newCard.withSetText')}</p>
            </li>
            <li>
              <button
                type="button"
                disabled={busy}
                onClick={() => setPhase({ name: 'phrase', session: phase.session })}
              >
                {t('newCard.withPhrase')}
              </button>
              <p className="hint">{t('newCard.withPhraseText')}</p>
            </li>
            {alternatives.map((secret) => (
              <li key={secret.secretId}>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void makeKey(phase.session, secret, 'rebuilt')}
                >
                  {t('newCard.loadInstead', { address: shortAddress(secret.addresses[0] ?? '') })}
                </button>
              </li>
            ))}
            {canGenerate(phase.session) && (
              <li className="stack">
                <div className="checkbox">
                  <input
                    id={understoodId}
                    type="checkbox"
                    checked={noBackupUnderstood}
                    onChange={(e) => setNoBackupUnderstood(e.target.checked)}
                  />
                  <label htmlFor={understoodId}>{t('newCard.noBackupUnderstood')}</label>
                </div>
                <button
                  type="button"
                  disabled={busy || !noBackupUnderstood}
                  onClick={() => void makeKey(phase.session, undefined, 'none')}
                >
                  {t('newCard.generate')}
                </button>
                <p className="hint">{t('newCard.generateIntro')}</p>
              </li>
            )}
          </ul>
        </>
      )}
      {phase.name === 'phrase' && (
        <PhraseBackup
          onConfirmed={(secret) => phraseChecked(phase.session, secret)}
          onCancel={() => setPhase({ name: 'key', session: phase.session })}
        />
      )}
      {phase.name === 'set' && (
        <WalletMaker
          firstCard={phase.session}
          onReady={(wallet) => {
            setMadeSet(wallet);
            setPhase({ name: 'connect' });
          }}
          onStopped={(begun) => {
            setSetStopped(begun);
            setPhase({ name: 'connect' });
          }}
        />
      )}
      {phase.name === 'phrase-ready' && (
        <>
          <StepHeading>{t('newCard.phraseToCard')}</StepHeading>
          {!busy && error && (
            <button
              type="button"
              className="primary"
              onClick={() => void makeKey(phase.session, phase.secret, 'phrase')}
            >
              {t('common.tryAgain')}
            </button>
          )}
        </>
      )}
      {phase.name === 'occupied' && (
        <>
          <StepHeading>{t('newCard.occupiedTitle')}</StepHeading>
          <p>{ERROR_HELP['key-present']}</p>
          <p>{t('newCard.occupiedHelp')}</p>
          <button type="button" onClick={() => setPhase({ name: 'connect' })}>
            {t('connect.otherCard')}
          </button>
        </>
      )}
      {phase.name === 'address' && (
        <>
          <StepHeading>{t('newCard.addressTitle')}</StepHeading>
          {load && phase.card.key.address === load.addresses[0] && (
            <StatusLine tone="good">{t('newCard.matchesSecret')}</StatusLine>
          )}
          {phase.backup === 'existing' ? (
            <p>{t('newCard.hadKey')}</p>
          ) : (
            <p className={phase.backup === 'none' ? 'notice notice-warning' : undefined}>
              {t(BACKUP_NOTE[phase.backup])}
            </p>
          )}
          <NewCardAddress address={phase.card.key.address} loaded={load !== undefined} />
          {sameAsSource(phase.card.key.keyUid) ? (
            <StatusLine tone="bad">{t('newCard.sameAsSource')}</StatusLine>
          ) : (
            <button type="button" className="primary" onClick={() => onDone(phase.card)}>
              {continueLabel}
            </button>
          )}
        </>
      )}
    </div>
  );
}
