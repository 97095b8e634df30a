import { useEffect, useId, useState } from 'react';
import type { Result, SafeSignatures, SafeView, SourceRef, SweepPlanView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StepHeading } from '../components/StepHeading';
import { isValidAddress } from '../format/address';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';
import { PlanReview } from '../sweep/PlanReview';
import { SweepConfirm } from '../sweep/SweepConfirm';
import { SweepRun } from '../sweep/SweepRun';
import { HolderChoice } from './HolderChoice';
import type { SafeSweepCase } from '../app/screens';
import type { Holder } from './holders';
import { SafeSigning } from './SafeSigning';

type Step =
  | { name: 'form' }
  | { name: 'review'; plan: SweepPlanView }
  | { name: 'confirm'; plan: SweepPlanView }
  | { name: 'sign'; plan: SweepPlanView; caseId: string; signatures: SafeSignatures }
  | { name: 'run'; plan: SweepPlanView; caseId: string };

/** The owners' signatures of a kept case, as far as they go. */
function signStep(
  safe: SafeView,
  plan: SweepPlanView,
  caseId: string,
  signatures: Result<SafeSignatures>,
): Step {
  return {
    name: 'sign',
    plan,
    caseId,
    signatures: signatures.ok
      ? signatures.value
      : { signed: [], needed: safe.threshold, owners: safe.owners.map((o) => o.address) },
  };
}

interface SafeSweepProps {
  safe: SafeView;
  holders: readonly Holder[];
  /** A case kept earlier: it starts at the owners' signatures, and asks who pays. */
  resume?: SafeSweepCase | undefined;
}

/**
 * Emptying a Safe: every token, then the native coin to exactly 0, to one address. The plan
 * is reviewed and confirmed, kept as a case, signed by enough owners, then sent by the payer,
 * who pays every fee.
 */
export function SafeSweep({ safe, holders, resume }: SafeSweepProps) {
  const id = useId();
  const api = lifeboat();
  const [step, setStep] = useState<Step>({ name: 'form' });
  const [to, setTo] = useState('');
  const [payer, setPayer] = useState<SourceRef | null>(null);
  const planning = useAction(api.safes.planSweep);
  const starting = useAction(api.safes.startSweep);
  const running = useAction(api.safes.runSweep);

  const plan = async (maxFeePerGas?: string) => {
    if (!payer) return;
    const result = await planning.run({
      networkId: safe.networkId,
      safe: safe.address,
      destination: { kind: 'address', address: to.trim() },
      payer,
      ...(maxFeePerGas === undefined ? {} : { maxFeePerGas }),
    });
    if (result.ok) setStep({ name: 'review', plan: result.value });
  };

  const start = async (chosen: SweepPlanView) => {
    const result = await starting.run({ planId: chosen.planId, confirmed: true });
    if (!result.ok) return;
    const { caseId } = result.value;
    setStep(signStep(safe, chosen, caseId, await api.safes.signatures({ jobId: caseId })));
  };

  useEffect(() => {
    if (!resume) return;
    let current = true;
    void lifeboat()
      .safes.signatures({ jobId: resume.caseId })
      .then((signatures) => {
        if (current) setStep(signStep(safe, resume.plan, resume.caseId, signatures));
      });
    return () => {
      current = false;
    };
  }, [resume, safe]);

  const run = async (chosen: SweepPlanView, caseId: string) => {
    if (!payer) return;
    const result = await running.run({ caseId, payer });
    if (result.ok) setStep({ name: 'run', plan: chosen, caseId });
  };

  switch (step.name) {
    case 'form':
      return (
        <section className="stack">
          <StepHeading>{t('safe.sweepTitle')}</StepHeading>
          <p>{t('safe.sweepIntro')}</p>
          <label htmlFor={`${id}-to`}>{t('safe.sweepTo')}</label>
          <input id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value)} />
          <HolderChoice
            legend={t('safe.payerLegend')}
            holders={holders}
            chosen={payer}
            onChoose={setPayer}
          />
          <button
            type="button"
            className="primary"
            disabled={!isValidAddress(to.trim()) || !payer || planning.busy}
            onClick={() => void plan()}
          >
            {t('safe.sweepPlan')}
          </button>
          <ErrorNotice error={planning.error} />
        </section>
      );
    case 'review':
      return (
        <section className="stack">
          <StepHeading>{t('safe.sweepReviewTitle')}</StepHeading>
          <PlanReview plan={step.plan} busy={planning.busy} onNewCap={(cap) => void plan(cap)} />
          <ErrorNotice error={planning.error} />
          <button
            type="button"
            className="primary"
            onClick={() => setStep({ name: 'confirm', plan: step.plan })}
          >
            {t('safe.sweepToConfirm')}
          </button>
        </section>
      );
    case 'confirm':
      return (
        <section className="stack">
          <StepHeading>{t('safe.sweepConfirmTitle')}</StepHeading>
          <SweepConfirm
            plan={step.plan}
            busy={starting.busy}
            onBack={() => setStep({ name: 'review', plan: step.plan })}
            onConfirm={() => void start(step.plan)}
            holder="safe"
          />
          <ErrorNotice error={starting.error} />
        </section>
      );
    case 'sign': {
      const enough = step.signatures.signed.length >= step.signatures.needed;
      return (
        <>
          <SafeSigning
            jobId={step.caseId}
            signatures={step.signatures}
            holders={holders}
            onSigned={(signatures) => setStep({ ...step, signatures })}
          />
          {enough && resume && (
            <HolderChoice
              legend={t('safe.payerLegend')}
              holders={holders}
              chosen={payer}
              onChoose={setPayer}
            />
          )}
          {enough && (
            <button
              type="button"
              className="primary"
              disabled={running.busy || !payer}
              onClick={() => void run(step.plan, step.caseId)}
            >
              {t('safe.sweepSend', { count: step.plan.steps.length })}
            </button>
          )}
          <ErrorNotice error={running.error} />
        </>
      );
    }
    case 'run':
      return (
        <SweepRun
          caseId={step.caseId}
          plan={step.plan}
          source={{ addresses: [safe.address] }}
          needsSource={false}
          holder="safe"
        />
      );
  }
}
