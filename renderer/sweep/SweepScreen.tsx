import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { Destination, DiscoveryResult, SweepPlanView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { useApp } from '../app/AppContext';
import { useLive } from '../app/LiveContext';
import type { KnownSource } from '../app/screens';
import { CardConnect } from '../card/CardConnect';
import { NewCardStep, type NewCard } from '../card/NewCardStep';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeading } from '../components/ScreenHeading';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { sendable } from '../discovery/balance-rows';
import { DiscoveryProgressView } from '../discovery/DiscoveryProgressView';
import { useDiscovery } from '../discovery/useDiscovery';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';
import { NothingFound } from './NothingFound';
import { PlanReview } from './PlanReview';
import { SourceChoice } from './SourceChoice';
import { SweepConfirm } from './SweepConfirm';
import { SweepRun } from './SweepRun';

type Found = KnownSource & { discovery: DiscoveryResult };

type Step =
  | { name: 'source' }
  | { name: 'discover'; from: KnownSource }
  /** The wallet holds nothing on the networks searched: no new card is asked for. */
  | { name: 'empty'; from: Found }
  | { name: 'new-card'; from: Found }
  /** One reader: the old card comes back after the new one was set up. */
  | { name: 'reinsert'; from: Found; card: NewCard }
  | { name: 'plan'; from: Found; card: NewCard }
  | { name: 'review'; from: Found; card: NewCard; plan: SweepPlanView }
  | { name: 'confirm'; from: Found; card: NewCard; plan: SweepPlanView }
  | { name: 'run'; from: Found; plan: SweepPlanView; caseId: string };

function readerList(reader: string | undefined): string[] {
  return reader === undefined ? [] : [reader];
}

function found(from: Found): Step {
  return sendable(from.discovery).length === 0
    ? { name: 'empty', from }
    : { name: 'new-card', from };
}

function initialStep(from: KnownSource | undefined): Step {
  if (!from) return { name: 'source' };
  if (from.discovery) return found({ ...from, discovery: from.discovery });
  return { name: 'discover', from };
}

/** Move every asset from the old card (or a rebuilt secret) to a new card, and prove it. */
export function SweepScreen({ from }: { from?: KnownSource }) {
  const { settings, secrets, go } = useApp();
  const { sessions, readers } = useLive();
  const [step, setStep] = useState<Step>(() => initialStep(from));
  const discovery = useDiscovery();
  const planning = useAction(lifeboat().sweep.plan);
  const executing = useAction(lifeboat().sweep.execute);

  const sourceReader = ({ source }: KnownSource): string | undefined => {
    if (source.kind !== 'card') return undefined;
    return sessions.find((s) => s.sessionId === source.sessionId)?.reader;
  };
  const isOpen = (sessionId: string) => sessions.some((s) => s.sessionId === sessionId);

  const discover = async (source: KnownSource, then?: NewCard) => {
    setStep({ name: 'discover', from: source });
    const result = await discovery.run(source.source);
    if (!result) return;
    const next = { ...source, discovery: result };
    if (then) await plan(next, then);
    else setStep(found(next));
  };

  const plan = async (source: Found, card: NewCard, maxFeePerGas?: string) => {
    const destination: Destination = isOpen(card.session.sessionId)
      ? { kind: 'card', sessionId: card.session.sessionId }
      : { kind: 'address', address: card.key.address };
    setStep({ name: 'plan', from: source, card });
    const cap = maxFeePerGas ?? settings?.preferences.maxFeePerGas;
    const result = await planning.run({
      discoveryId: source.discovery.discoveryId,
      destination,
      ...(cap === undefined ? {} : { maxFeePerGas: cap }),
    });
    if (result.ok) setStep({ name: 'review', from: source, card, plan: result.value });
  };

  const cardDone = (source: Found, card: NewCard) => {
    const sourceGone = source.source.kind === 'card' && !isOpen(source.source.sessionId);
    if (sourceGone) setStep({ name: 'reinsert', from: source, card });
    else void plan(source, card);
  };

  const execute = async (source: Found, sweepPlan: SweepPlanView) => {
    const result = await executing.run({ planId: sweepPlan.planId, confirmed: true });
    if (result.ok) {
      setStep({ name: 'run', from: source, plan: sweepPlan, caseId: result.value.caseId });
    }
  };

  // A source handed over without its accounts (a rebuilt wallet) is searched at once.
  const started = useRef(false);
  const start = useEffectEvent(() => {
    if (started.current || step.name !== 'discover') return;
    started.current = true;
    void discover(step.from);
  });
  useEffect(() => start(), []);

  const onlyReader = (readers?.readers.length ?? 0) <= 1;

  return (
    <>
      <ScreenHeading title={t('sweep.title')} intro={t('sweep.intro')} />
      {step.name === 'source' && (
        <section>
          <StepHeading>{t('sweep.sourceTitle')}</StepHeading>
          <SourceChoice onChoose={(source) => void discover(source)} />
        </section>
      )}
      {step.name === 'discover' && (
        <section>
          <StepHeading>{t('discovery.title')}</StepHeading>
          {discovery.busy && <DiscoveryProgressView rows={discovery.rows} />}
          <ErrorNotice error={discovery.error} />
          <div className="actions">
            {discovery.error && (
              <>
                <button type="button" onClick={() => void discover(step.from)}>
                  {t('common.tryAgain')}
                </button>
                <button type="button" onClick={() => go({ name: 'settings' })}>
                  {t('nav.settings')}
                </button>
              </>
            )}
            <button type="button" onClick={() => go({ name: 'home' })}>
              {t('common.home')}
            </button>
          </div>
        </section>
      )}
      {step.name === 'empty' && (
        <section>
          <StepHeading>{t('sweep.nothingFoundTitle')}</StepHeading>
          <NothingFound discovery={step.from.discovery} />
        </section>
      )}
      {step.name === 'new-card' && (
        <section>
          <StepHeading>{t('sweep.newCardTitle')}</StepHeading>
          {onlyReader && <p>{t('sweep.swapHelp')}</p>}
          <NewCardStep
            excludeReaders={onlyReader ? [] : readerList(sourceReader(step.from))}
            sourceKeyUid={step.from.keyUid}
            alternatives={secrets.filter((s) => s.keyUid !== step.from.keyUid)}
            continueLabel={t('sweep.toPlan')}
            onDone={(card) => cardDone(step.from, card)}
          />
        </section>
      )}
      {step.name === 'reinsert' && (
        <section>
          <StepHeading>{t('sweep.reinsertTitle')}</StepHeading>
          <CardConnect
            purpose="source"
            instruction={t('sweep.reinsert')}
            onReady={(session) =>
              void discover(
                {
                  source: { kind: 'card', sessionId: session.sessionId },
                  keyUid: session.info.keyUid ?? '',
                },
                step.card,
              )
            }
          />
        </section>
      )}
      {step.name === 'plan' && (
        <section>
          <StepHeading>{t('sweep.planTitle')}</StepHeading>
          <StatusLine>{planning.busy ? t('sweep.planning') : ''}</StatusLine>
          <ErrorNotice error={planning.error} />
          {planning.error && (
            <button type="button" onClick={() => void plan(step.from, step.card)}>
              {t('common.tryAgain')}
            </button>
          )}
        </section>
      )}
      {step.name === 'review' && (
        <section>
          <StepHeading>{t('sweep.reviewTitle')}</StepHeading>
          <PlanReview
            plan={step.plan}
            busy={planning.busy}
            onNewCap={(cap) => void plan(step.from, step.card, cap)}
          />
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => setStep({ ...step, name: 'confirm' })}
            >
              {t('sweep.toConfirm')}
            </button>
          </div>
        </section>
      )}
      {step.name === 'confirm' && (
        <section>
          <StepHeading>{t('sweep.confirmTitle')}</StepHeading>
          <SweepConfirm
            plan={step.plan}
            busy={executing.busy}
            onBack={() => setStep({ ...step, name: 'review' })}
            onConfirm={() => void execute(step.from, step.plan)}
          />
          <ErrorNotice error={executing.error} />
        </section>
      )}
      {step.name === 'run' && (
        <SweepRun
          caseId={step.caseId}
          plan={step.plan}
          source={{
            keyUid: step.from.keyUid || undefined,
            addresses: step.from.discovery.accounts.map((a) => a.address),
          }}
          needsSource={false}
        />
      )}
    </>
  );
}
