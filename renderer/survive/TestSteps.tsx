import { useId, useState, type FormEvent } from 'react';
import type { ApiError, CardSessionView, ShareCheck, WalletDraftView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { CardConnect } from '../card/CardConnect';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';
import { ProblemNotice } from '../rebuild/ProblemNotice';

interface TestProps {
  draft: WalletDraftView;
  onTested: (draft: WalletDraftView) => void;
}

/**
 * The test recovery of the cards: each card opened afresh and unlocked with its PIN must
 * show the wallet. A card that shows another is set aside by main, and the set goes back
 * to the card step for a card in its place.
 */
export function TestCardStep({ draft, onTested }: TestProps) {
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const left = draft.cards.members.filter((m) => m.tested !== 'passed');

  const ready = async (session: CardSessionView) => {
    setError(null);
    const result = await lifeboat().wallets.testCard({
      draftId: draft.draftId,
      sessionId: session.sessionId,
    });
    await lifeboat().cards.close({ sessionId: session.sessionId });
    setAttempt((n) => n + 1);
    if (!result.ok) return setError(result.error);
    onTested(result.value);
  };

  return (
    <section className="stack">
      <StepHeading>{t('survive.testCardsTitle')}</StepHeading>
      <p>{t('survive.testCardsIntro')}</p>
      <ul>
        {draft.cards.members.map((member) => (
          <li key={member.memberId}>
            {t(member.tested === 'passed' ? 'survive.testedCard' : 'survive.untestedCard', {
              label: member.label,
            })}
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} />
      <CardConnect
        key={`${left.length}-${attempt}`}
        purpose="backup"
        instruction={t('survive.testCardInsert', { count: left.length })}
        onReady={(session) => void ready(session)}
      />
    </section>
  );
}

/**
 * The test recovery of the shares: enough of them, typed again or read from their backup
 * cards, rebuild the wallet.
 */
export function TestSharesStep({ draft, onTested }: TestProps) {
  const id = useId();
  const [check, setCheck] = useState<ShareCheck | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [reading, setReading] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const shares = draft.shares!;
  const needed = shares.groups[0]?.threshold ?? 1;
  const onCards = shares.items.some((item) => item.holder === 'card');

  /** Reads the share this wallet keeps on the backup card; the card is released after. */
  const readCard = async (session: CardSessionView) => {
    setError(null);
    const result = await lifeboat().wallets.testShareCard({
      draftId: draft.draftId,
      sessionId: session.sessionId,
    });
    await lifeboat().cards.close({ sessionId: session.sessionId });
    setAttempt((n) => n + 1);
    if (!result.ok) return setError(result.error);
    setReading(false);
    setCheck(result.value.check);
    onTested(result.value.draft);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const share = String(new FormData(form).get('share') ?? '');
    setBusy(true);
    setError(null);
    const result = await lifeboat().wallets.testShare({ draftId: draft.draftId, share });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setCheck(result.value.check);
    if (result.value.check.accepted) form.reset();
    onTested(result.value.draft);
  };

  return (
    <section className="stack">
      <StepHeading>{t('survive.testSharesTitle')}</StepHeading>
      <p>
        {t(onCards ? 'survive.testSharesIntroCards' : 'survive.testSharesIntro', {
          count: needed,
        })}
      </p>
      {shares.test.rebuilt === 'failed' && (
        <p className="status status-bad" role="alert">
          {t('survive.testSharesFailed')}
        </p>
      )}
      <ErrorNotice error={error} />
      {onCards &&
        (reading ? (
          <CardConnect
            key={attempt}
            purpose="backup-source"
            instruction={t('survive.testShareCardInsert')}
            onReady={(session) => void readCard(session)}
          />
        ) : (
          <div className="actions">
            <button type="button" onClick={() => setReading(true)}>
              {t('survive.testShareFromCard')}
            </button>
          </div>
        ))}
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor={`${id}-share`}>{t('survive.testShareLabel')}</label>
        <textarea
          id={`${id}-share`}
          name="share"
          className="mono"
          rows={4}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
        {check && !check.accepted && <ProblemNotice problem={check.problem} />}
        {shares.test.progress && (
          <StatusLine>
            {t(onCards ? 'survive.testSharesGiven' : 'survive.testSharesProgress', {
              count: shares.test.progress.sharesEntered,
            })}
          </StatusLine>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('survive.testShareCheck')}
          </button>
        </div>
      </form>
    </section>
  );
}
