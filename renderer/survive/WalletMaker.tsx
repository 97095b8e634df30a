import { useState } from 'react';
import type {
  ApiError,
  CardSessionView,
  WalletDraftView,
  WalletPlan,
  WalletRecord,
} from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';
import { PlanForm } from './PlanForm';
import { SetCardStep } from './SetCardStep';
import { ShareCardStep } from './ShareCardStep';
import { TestCardStep, TestSharesStep } from './TestSteps';
import { UnfinishedDrafts } from './UnfinishedDrafts';
import { WriteDown } from './WriteDown';

type Phase =
  | { name: 'plan' }
  /** The plan is made; the wallet is made when the first card is ready (its randomness). */
  | { name: 'making'; plan: WalletPlan; draft: WalletDraftView | null };

interface WalletMakerProps {
  /** A card already unlocked and empty: the first card of the set. */
  firstCard?: CardSessionView;
  /** New copies of a remembered wallet (wallets.repair): its steps, without a plan to make. */
  repair?: WalletDraftView;
  /** What the stop button says, when stopping keeps something the person should know of. */
  stopLabel?: string;
  onReady: (wallet: WalletRecord) => void;
  /** Stopped midway; `begun` when a card was written (its record says "not finished"). */
  onStopped: (begun: boolean) => void;
}

/**
 * A wallet that survives: a set of cards with the same wallet, shares or a phrase written
 * down or kept on backup cards, and the test recovery of every copy before the wallet is
 * ready. Main holds the wallet; a written share or the phrase crosses only while it is shown,
 * a share kept on a backup card never.
 */
export function WalletMaker({
  firstCard,
  repair,
  stopLabel,
  onReady,
  onStopped,
}: WalletMakerProps) {
  const [phase, setPhase] = useState<Phase>(
    repair
      ? { name: 'making', plan: { label: repair.label, cards: repair.cards.wanted }, draft: repair }
      : { name: 'plan' },
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [setAside, setSetAside] = useState(false);
  const api = lifeboat();

  const advance = (plan: WalletPlan, next: WalletDraftView) => {
    setError(null);
    setPhase({ name: 'making', plan, draft: next });
  };

  const startPlan = async (plan: WalletPlan) => {
    setError(null);
    if (plan.cards > 0) return setPhase({ name: 'making', plan, draft: null });
    const started = await api.wallets.start({ plan, randomFrom: [] });
    if (!started.ok) return setError(started.error);
    advance(plan, started.value);
  };

  const loadOnto = async (
    plan: WalletPlan,
    draft: WalletDraftView | null,
    session: CardSessionView,
    where: { label: string; place: string },
  ) => {
    let current = draft;
    if (!current) {
      const started = await api.wallets.start({ plan, randomFrom: [session.sessionId] });
      if (!started.ok) return started;
      current = started.value;
      setPhase({ name: 'making', plan, draft: current });
    }
    return api.wallets.loadCard({
      draftId: current.draftId,
      sessionId: session.sessionId,
      ...where,
    });
  };

  const stop = async (draft: WalletDraftView | null) => {
    if (draft) await api.wallets.discard({ draftId: draft.draftId });
    onStopped(draft?.walletId !== undefined);
  };

  const finish = async (draft: WalletDraftView) => {
    const result = await api.wallets.finish({ draftId: draft.draftId });
    if (!result.ok) return setError(result.error);
    onReady(result.value);
  };

  return (
    <>
      <ErrorNotice error={error} />
      {phase.name === 'plan' && !firstCard && (
        <UnfinishedDrafts
          onResume={(draft) => advance({ label: draft.label, cards: draft.cards.wanted }, draft)}
        />
      )}
      {phase.name === 'plan' && (
        <PlanForm minCards={firstCard ? 1 : 0} onPlan={(plan) => void startPlan(plan)} />
      )}
      {phase.name === 'making' && (
        <MakingStep
          phase={phase}
          setAside={setAside}
          {...(firstCard ? { firstCard } : {})}
          load={(session, where) => loadOnto(phase.plan, phase.draft, session, where)}
          onDraft={(next) => {
            if (phase.draft && next.cards.members.length < phase.draft.cards.members.length)
              setSetAside(true);
            else if (next.next.step !== 'card') setSetAside(false);
            advance(phase.plan, next);
          }}
          onFinish={(draft) => void finish(draft)}
        />
      )}
      {phase.name === 'making' && (
        <div className="actions">
          <button type="button" className="link" onClick={() => void stop(phase.draft)}>
            {stopLabel ?? t('survive.stop')}
          </button>
        </div>
      )}
    </>
  );
}

interface MakingStepProps {
  phase: Extract<Phase, { name: 'making' }>;
  setAside: boolean;
  firstCard?: CardSessionView;
  load: (
    session: CardSessionView,
    where: { label: string; place: string },
  ) => ReturnType<ReturnType<typeof lifeboat>['wallets']['loadCard']>;
  onDraft: (draft: WalletDraftView) => void;
  onFinish: (draft: WalletDraftView) => void;
}

/** A repair's first card in hand is still to be loaded: nothing went onto a card yet. */
function firstCardUnused(draft: WalletDraftView, setAside: boolean): boolean {
  return draft.repair && draft.cards.members.length === 0 && !setAside;
}

/** The step main says comes next: a card, a share, the phrase, a test, or finishing. */
function MakingStep({ phase, setAside, firstCard, load, onDraft, onFinish }: MakingStepProps) {
  const { plan, draft } = phase;
  const api = lifeboat();
  const next = draft?.next ?? { step: 'card' as const, index: 0 };
  switch (next.step) {
    case 'card':
      return (
        <>
          {setAside && (
            <div className="notice notice-error" role="alert">
              <p className="notice-title">{t('survive.setAsideTitle')}</p>
              <p>{t('survive.setAsideText')}</p>
            </div>
          )}
          <SetCardStep
            key={`card-${next.index}`}
            index={next.index}
            total={plan.cards}
            {...(next.index === 0 && firstCard && (!draft || firstCardUnused(draft, setAside))
              ? { session: firstCard }
              : {})}
            load={load}
            onLoaded={onDraft}
          />
        </>
      );
    case 'share': {
      const total = draft!.shares!.items.length;
      if (next.holder === 'card')
        return (
          <ShareCardStep
            key={`share-card-${next.index}`}
            draftId={draft!.draftId}
            index={next.index}
            total={total}
            onStored={onDraft}
          />
        );
      return (
        <WriteDown
          key={`share-${next.index}`}
          title={t('survive.shareTitle', { number: next.index + 1, total })}
          show={() => api.wallets.showShare({ draftId: draft!.draftId, index: next.index })}
          confirm={(share, place) =>
            api.wallets.confirmShare({ draftId: draft!.draftId, index: next.index, share, place })
          }
          onConfirmed={onDraft}
        />
      );
    }
    case 'phrase':
      return (
        <WriteDown
          key="phrase"
          title={t('survive.phraseTitle')}
          show={() => api.wallets.showPhrase({ draftId: draft!.draftId })}
          confirm={(phrase, place) =>
            api.wallets.confirmPhrase({ draftId: draft!.draftId, phrase, place })
          }
          onConfirmed={onDraft}
        />
      );
    case 'test-cards':
      return <TestCardStep draft={draft!} onTested={onDraft} />;
    case 'test-shares':
      return <TestSharesStep draft={draft!} onTested={onDraft} />;
    case 'finish':
      return (
        <section className="stack">
          <StepHeading>{t('survive.finishTitle')}</StepHeading>
          <StatusLine tone="good">{t('survive.finishText')}</StatusLine>
          <button type="button" className="primary" onClick={() => onFinish(draft!)}>
            {t('survive.finish')}
          </button>
        </section>
      );
  }
}
