import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type {
  ApiError,
  BackupSecretView,
  CardSessionView,
  RecoveryProblem,
  SecretView,
  ShareSetProgress,
} from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { CardConnect } from '../card/CardConnect';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { takeFields } from '../components/take-fields';
import { t } from '../i18n/t';
import { GroupProgressView } from '../rebuild/GroupProgressView';
import { PassphraseField } from '../rebuild/PassphraseField';
import { ProblemNotice } from '../rebuild/ProblemNotice';
import { BackupSecretList } from './BackupSecretList';

interface BackupCardSourceProps {
  /** A backup card already connected and unlocked (a drill); without one, it is asked for. */
  session?: CardSessionView;
  onSecret: (secret: SecretView) => void;
}

type Phase =
  | { name: 'connect' }
  | { name: 'reading'; session: CardSessionView }
  | { name: 'list'; session: CardSessionView; secrets: BackupSecretView[] };

/**
 * Rebuild from a backup card: a phrase it keeps goes into main's memory in one step; Shamir
 * shares are added one card at a time — several cards swapped in one reader — until the
 * backup can be rebuilt. Neither ever reaches this page: it sees labels and fingerprints.
 */
export function BackupCardSource({ session: given, onSecret }: BackupCardSourceProps) {
  const id = useId();
  const api = lifeboat();
  const [phase, setPhase] = useState<Phase>(
    given ? { name: 'reading', session: given } : { name: 'connect' },
  );
  const [shareSetId, setShareSetId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ShareSetProgress | null>(null);
  const [problem, setProblem] = useState<RecoveryProblem | null>(null);
  const [news, setNews] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  /** Once combined, the shares belong to the rebuilt secret; until then they go with the page. */
  const combined = useRef(false);

  useEffect(() => {
    if (!shareSetId) return;
    return () => {
      if (!combined.current) void lifeboat().secrets.discardShareSet({ shareSetId });
    };
  }, [shareSetId]);

  const list = async (session: CardSessionView) => {
    setError(null);
    setBusy(true);
    const listed = await api.backups.list({ sessionId: session.sessionId });
    setBusy(false);
    if (!listed.ok) {
      setError(listed.error);
      return setPhase({ name: 'connect' });
    }
    setPhase({ name: 'list', session, secrets: listed.value });
  };

  // A card handed in by the caller is read at once.
  useEffect(() => {
    if (!given) return;
    let current = true;
    void lifeboat()
      .backups.list({ sessionId: given.sessionId })
      .then((listed) => {
        if (!current) return;
        if (listed.ok) setPhase({ name: 'list', session: given, secrets: listed.value });
        else {
          setError(listed.error);
          setPhase({ name: 'connect' });
        }
      });
    return () => {
      current = false;
    };
  }, [given]);

  const open = async (session: CardSessionView, secret: BackupSecretView) => {
    setError(null);
    setBusy(true);
    const opened = await api.backups.open({ sessionId: session.sessionId, id: secret.id });
    setBusy(false);
    if (!opened.ok) return setError(opened.error);
    onSecret(opened.value);
  };

  const addShare = async (session: CardSessionView, secret: BackupSecretView) => {
    setError(null);
    setNews('');
    setBusy(true);
    let set = shareSetId;
    if (!set) {
      const started = await api.secrets.startShareSet();
      if (!started.ok) {
        setBusy(false);
        return setError(started.error);
      }
      set = started.value.shareSetId;
      setShareSetId(set);
    }
    const added = await api.backups.addShare({
      sessionId: session.sessionId,
      id: secret.id,
      shareSetId: set,
    });
    setBusy(false);
    if (!added.ok) return setError(added.error);
    setProgress(added.value.progress);
    setProblem(added.value.problem ?? null);
    const where = added.value.share;
    if (added.value.accepted && where)
      setNews(t('shares.accepted', { group: where.groupIndex + 1, member: where.memberIndex + 1 }));
  };

  /** The card is done with: it is released (and so locked) before the next one goes in. */
  const nextCard = async (session: CardSessionView) => {
    await api.cards.close({ sessionId: session.sessionId });
    setNews('');
    setProblem(null);
    setPhase({ name: 'connect' });
  };

  const combine = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!shareSetId) return;
    const { passphrase } = takeFields(event.currentTarget, ['passphrase']);
    setError(null);
    setBusy(true);
    const result = await api.secrets.combine({ shareSetId, passphrase });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    combined.current = true;
    onSecret(result.value);
  };

  const complete = progress?.complete === true;
  return (
    <div className="stack">
      <ErrorNotice error={error} />
      {progress && <GroupProgressView progress={progress} />}
      <StatusLine tone="good">{news}</StatusLine>
      <ProblemNotice id={`${id}-problem`} problem={problem} />
      {phase.name === 'connect' && !complete && (
        <CardConnect
          purpose="backup-source"
          instruction={t(progress ? 'backupCard.insertNext' : 'backupCard.insert')}
          onReady={(session) => void list(session)}
        />
      )}
      <StatusLine>{busy || phase.name === 'reading' ? t('backupCard.reading') : ''}</StatusLine>
      {phase.name === 'list' && !complete && (
        <>
          <StepHeading>{t('backupCard.keepsTitle')}</StepHeading>
          <BackupSecretList
            secrets={phase.secrets}
            busy={busy}
            onOpen={(secret) => void open(phase.session, secret)}
            onAddShare={(secret) => void addShare(phase.session, secret)}
          />
          {progress && (
            <button type="button" onClick={() => void nextCard(phase.session)}>
              {t('backupCard.nextCard')}
            </button>
          )}
        </>
      )}
      {complete && (
        <form className="stack" onSubmit={(e) => void combine(e)}>
          <StatusLine tone="good">{t('shares.complete')}</StatusLine>
          <PassphraseField id={`${id}-passphrase`} />
          <button type="submit" className="primary" disabled={busy}>
            {t('shares.combine')}
          </button>
        </form>
      )}
    </div>
  );
}
