import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ApiError, RecoveryProblem, SecretView, ShareSetProgress } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { takeFields } from '../components/take-fields';
import { t } from '../i18n/t';
import { GroupProgressView } from './GroupProgressView';
import { PassphraseField } from './PassphraseField';
import { ProblemNotice } from './ProblemNotice';
import { RecoveryTextField } from './RecoveryTextField';

interface ShareSetEntryProps {
  shareSetId: string;
  onSecret: (secret: SecretView) => void;
}

interface Accepted {
  groupIndex: number;
  memberIndex: number;
}

const EMPTY: ShareSetProgress = {
  sharesEntered: 0,
  groupThreshold: null,
  groupCount: null,
  groups: [],
  groupsComplete: 0,
  complete: false,
};

/** SLIP-39 shares one by one, each checked as it is added, until the backup can be rebuilt. */
export function ShareSetEntry({ shareSetId, onSecret }: ShareSetEntryProps) {
  const id = useId();
  const [fieldKey, setFieldKey] = useState(0);
  const [progress, setProgress] = useState<ShareSetProgress>(EMPTY);
  const [accepted, setAccepted] = useState<Accepted[]>([]);
  const [problem, setProblem] = useState<RecoveryProblem | null>(null);
  const [news, setNews] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [stretch, setStretch] = useState<{ done: number; total: number } | null>(null);
  /** Once rebuilt, the shares belong to the secret (to try another passphrase) and go with it. */
  const combined = useRef(false);
  const api = lifeboat();

  useEffect(() => {
    const events = lifeboat().secrets;
    const stop = events.watch((event) => {
      if (event.type === 'combine-progress' && event.shareSetId === shareSetId) {
        setStretch({ done: event.done, total: event.total });
      }
    });
    return () => {
      stop();
      if (!combined.current) void events.discardShareSet({ shareSetId });
    };
  }, [shareSetId]);

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = new FormData(event.currentTarget).get('share');
    const share = typeof text === 'string' ? text : '';
    if (share.trim() === '') return;
    setBusy(true);
    setError(null);
    const result = await api.secrets.addShare({ shareSetId, share });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    const check = result.value;
    setProgress(check.progress);
    if (!check.accepted || !check.share) {
      setProblem(check.problem ?? null);
      setNews('');
      return;
    }
    const where = check.share;
    setProblem(null);
    setAccepted((list) => [...list, where]);
    setNews(t('shares.accepted', { group: where.groupIndex + 1, member: where.memberIndex + 1 }));
    setFieldKey((k) => k + 1);
  };

  const remove = async (index: number) => {
    const result = await api.secrets.removeShare({ shareSetId, index });
    if (!result.ok) return setError(result.error);
    setProgress(result.value);
    setAccepted((list) => list.filter((_, i) => i !== index));
    setNews(t('shares.removed', { number: index + 1 }));
  };

  const combine = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { passphrase } = takeFields(event.currentTarget, ['passphrase']);
    setBusy(true);
    setError(null);
    setStretch(null);
    const result = await api.secrets.combine({ shareSetId, passphrase });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    combined.current = true;
    onSecret(result.value);
  };

  return (
    <div className="stack">
      <GroupProgressView progress={progress} />
      <StatusLine tone="good">{news}</StatusLine>
      {accepted.length > 0 && (
        <ul className="accepted-shares">
          {accepted.map((share, index) => (
            <li key={`${share.groupIndex}-${share.memberIndex}`}>
              {t('shares.acceptedItem', {
                number: index + 1,
                group: share.groupIndex + 1,
                member: share.memberIndex + 1,
              })}{' '}
              <button type="button" className="link" onClick={() => void remove(index)}>
                {t('shares.remove', { number: index + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!progress.complete && (
        <form className="stack" onSubmit={(e) => void add(e)}>
          <RecoveryTextField
            key={fieldKey}
            kind="slip39"
            busy={busy}
            name="share"
            label={t('shares.label', { number: progress.sharesEntered + 1 })}
            problemId={problem ? `${id}-problem` : undefined}
            onEdit={() => {
              if (problem) setProblem(null);
            }}
          />
          <ProblemNotice id={`${id}-problem`} problem={problem} />
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                setFieldKey((k) => k + 1);
                setProblem(null);
              }}
            >
              {t('shares.clear')}
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {t('shares.add')}
            </button>
          </div>
        </form>
      )}
      {progress.complete && (
        <form className="stack" onSubmit={(e) => void combine(e)}>
          <StatusLine tone="good">{t('shares.complete')}</StatusLine>
          <PassphraseField id={`${id}-passphrase`} />
          <button type="submit" className="primary" disabled={busy}>
            {t('shares.combine')}
          </button>
          {busy && (
            <progress
              aria-label={t('shares.stretching')}
              value={stretch?.done}
              max={stretch?.total}
            />
          )}
        </form>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}
