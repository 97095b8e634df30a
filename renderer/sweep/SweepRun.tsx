import { useEffect, useState } from 'react';
import type { SourceRef, SweepPlanView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';
import {
  applySweepEvent,
  mergeCase,
  plannedRun,
  resumed,
  stepsDone,
  type RunState,
} from './case-progress';
import { FeeCapRaise, proposedCap } from './FeeCapRaise';
import { SourceReconnect } from './SourceReconnect';
import { StepProgressList } from './StepProgressList';
import { STEP_STATE } from './step-words';
import type { SweptHolder } from './SweepConfirm';
import { SweepReportView } from './SweepReportView';

interface SweepRunProps {
  caseId: string;
  plan: SweepPlanView;
  /** What identifies the source when it has to be brought back. */
  source: { keyUid?: string; addresses: string[] };
  /** A case opened from an earlier run: it continues once the source is back. */
  needsSource: boolean;
  holder?: SweptHolder;
}

/** Signing and broadcasting with live progress per step; pauses and resumes; ends in the report. */
export function SweepRun({
  caseId,
  plan,
  source,
  needsSource,
  holder = 'accounts',
}: SweepRunProps) {
  const [run, setRun] = useState<RunState>(() => plannedRun(caseId, plan));
  const [awaitingSource, setAwaitingSource] = useState(needsSource);
  /** The fee cap the person typed after a pause for the fee (undefined: the proposed one). */
  const [typedCap, setTypedCap] = useState<string | null>();
  const resuming = useAction(lifeboat().sweep.resume);

  useEffect(() => {
    const api = lifeboat();
    let current = true;
    const refresh = () =>
      api.sweep.status({ caseId }).then((status) => {
        if (current && status.ok) setRun((state) => mergeCase(state, status.value));
      });
    const stop = api.sweep.watch((event) => {
      setRun((state) => applySweepEvent(state, event));
      // The finished case as main keeps it, so every step is listed as it ended.
      if (event.type === 'finished' && event.caseId === caseId) void refresh();
    });
    // Events sent before this subscription existed are recovered from the case itself.
    void api.sweep.status({ caseId }).then(async (status) => {
      if (!current || !status.ok) return;
      setRun((state) => mergeCase(state, status.value));
      if (status.value.state !== 'finished') return;
      const report = await api.sweep.report({ caseId });
      if (current && report.ok) {
        setRun((state) => ({ ...state, phase: 'finished', report: report.value }));
      }
    });
    return () => {
      current = false;
      stop();
    };
  }, [caseId]);

  const resume = async (from: SourceRef) => {
    const raised =
      run.error?.code === 'fee-cap-exceeded'
        ? typedCap === undefined
          ? proposedCap(run.error)
          : typedCap
        : null;
    const result = await resuming.run({
      caseId,
      source: from,
      ...(raised === null ? {} : { maxFeePerGas: raised }),
    });
    if (!result.ok) return;
    setAwaitingSource(false);
    setRun(resumed);
  };

  const total = plan.steps.length;
  const done = stepsDone(run);
  const last =
    run.lastStep === undefined ? undefined : run.steps.find((s) => s.index === run.lastStep);
  const needsBack = run.phase !== 'finished' && (awaitingSource || run.phase === 'paused');

  return (
    <section className="stack">
      <StepHeading>{t('run.title')}</StepHeading>
      <StatusLine tone={run.phase === 'finished' ? 'good' : needsBack ? 'warning' : 'info'}>
        {run.phase === 'finished'
          ? t('run.finished')
          : run.phase === 'failed'
            ? t('run.failed')
            : needsBack
              ? t('run.paused', { done, total })
              : t('run.progress', { done, total })}
        {last && run.phase === 'running'
          ? ` ${t('run.lastStep', {
              number: last.index + 1,
              state: t(STEP_STATE[last.state], { block: last.blockNumber ?? '' }),
            })}`
          : ''}
      </StatusLine>
      <progress value={done} max={total} aria-label={t('run.progressLabel')} />
      <StepProgressList plan={plan} run={run} />
      {run.phase === 'failed' && <ErrorNotice error={run.error ?? null} />}
      {needsBack && (
        <section className="stack reconnect">
          <h3>{t('run.continueTitle')}</h3>
          <ErrorNotice error={run.error ?? null} />
          {run.error?.code === 'fee-cap-exceeded' && (
            <FeeCapRaise error={run.error} onChange={setTypedCap} />
          )}
          <p>{t('run.continueHelp')}</p>
          <SourceReconnect
            keyUid={source.keyUid}
            addresses={source.addresses}
            busy={resuming.busy}
            onSource={(from) => void resume(from)}
          />
          <ErrorNotice error={resuming.error} />
        </section>
      )}
      {run.report && <SweepReportView report={run.report} plan={plan} holder={holder} />}
    </section>
  );
}
