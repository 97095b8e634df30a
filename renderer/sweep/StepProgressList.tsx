import type { SweepPlanView } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { shortAddress } from '../format/address';
import { formatAmount } from '../format/amount';
import { t } from '../i18n/t';
import { networkName } from '../settings/networks';
import type { RunState } from './case-progress';
import { STEP_KIND, STEP_STATE } from './step-words';

/** Every transaction of the case with where it stands. */
export function StepProgressList({ plan, run }: { plan: SweepPlanView; run: RunState }) {
  const { settings } = useApp();
  return (
    <ol className="run-steps">
      {plan.steps.map((step) => {
        const state = run.steps.find((s) => s.index === step.index);
        const status = state?.state ?? 'planned';
        return (
          <li key={step.index} className={`run-step run-step-${status}`}>
            <span className="run-step-what">
              {t(STEP_KIND[step.kind], {
                amount: formatAmount(step.amount, step.decimals),
                symbol: step.symbol,
              })}{' '}
              {t('review.fromTo', {
                from: shortAddress(step.from),
                to: shortAddress(step.to),
                network: networkName(settings, step.networkId),
              })}
            </span>
            <span className="run-step-state">
              {t(STEP_STATE[status], { block: state?.blockNumber ?? '' })}
            </span>
            {state?.txHash && <code className="hex">{state.txHash}</code>}
            {state?.error && <span className="field-problem">{state.error.message}</span>}
          </li>
        );
      })}
    </ol>
  );
}
