import { useId, useState, type FormEvent } from 'react';
import type { SweepPlanView } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { usePrices } from '../app/usePrices';
import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { valuationText } from '../components/MoneyValue';
import { FieldProblem } from '../components/FieldProblem';
import { shortAddress } from '../format/address';
import { formatAmount, formatGwei, parseGwei } from '../format/amount';
import { valuation } from '../format/money';
import { t, type MessageKey } from '../i18n/t';
import { networkName } from '../settings/networks';
import { AssetOutcomeTable } from './AssetOutcomeTable';
import { warningText } from './plan-warnings';
import { STEP_KIND } from './step-words';

interface PlanReviewProps {
  plan: SweepPlanView;
  busy: boolean;
  onNewCap: (maxFeePerGas: string) => void;
}

/** The cap in gwei when every network has the same one (the field then shows it as it is). */
function sharedCap(plan: SweepPlanView): string {
  const caps = new Set(plan.totalFees.map((f) => f.cap));
  const [only] = caps;
  return caps.size === 1 && only !== undefined ? formatGwei(only) : '';
}

/** Every asset, every transaction and fee, what is expected to stay behind, and the fee cap. */
export function PlanReview({ plan, busy, onNewCap }: PlanReviewProps) {
  const id = useId();
  const { settings } = useApp();
  const [cap, setCap] = useState(() => sharedCap(plan));
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const fee = (networkId: string) => plan.totalFees.find((f) => f.networkId === networkId);
  const values = usePrices([
    ...plan.assets.map((a) => ({ networkId: a.networkId, asset: a.asset })),
    ...plan.totalFees.map((f) => ({ networkId: f.networkId, asset: 'native' })),
  ]);
  const priced = values.on && !values.loading;

  const replan = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const wei = parseGwei(cap);
    setProblem(wei === null ? 'review.badCap' : null);
    if (wei !== null) onNewCap(wei);
  };

  return (
    <div className="plan-review stack">
      <h3>{t('review.destination')}</h3>
      <AddressWithIdenticon
        address={plan.destination}
        networkIds={plan.totalFees.map((f) => f.networkId)}
      />

      <h3>{t('review.assets')}</h3>
      <AssetOutcomeTable
        assets={plan.assets}
        caption={t('review.assetsCaption')}
        captionHidden
        movedLabel={t('review.moves')}
        remainderLabel={t('review.stays')}
        remainder={(asset) => asset.expectedRemainder}
        {...(values.on
          ? {
              value: {
                label: t('money.column'),
                of: (asset) =>
                  priced
                    ? valuation(
                        values.prices,
                        asset.networkId,
                        asset.asset,
                        asset.moved,
                        asset.decimals,
                      )
                    : undefined,
              },
            }
          : {})}
      />
      {plan.steps.some((step) => step.kind === 'native') && (
        <p className="hint">{t('review.nativeRecomputed')}</p>
      )}

      <h3>{t('review.transactions', { count: plan.steps.length })}</h3>
      <ol className="plan-steps">
        {plan.steps.map((step) => {
          const coin = fee(step.networkId);
          return (
            <li key={step.index}>
              {t(STEP_KIND[step.kind], {
                amount: formatAmount(step.amount, step.decimals),
                symbol: step.symbol,
              })}{' '}
              {t('review.fromTo', {
                from: shortAddress(step.from),
                to: shortAddress(step.to),
                network: networkName(settings, step.networkId),
              })}{' '}
              {coin &&
                t('review.stepFee', {
                  fee: formatAmount(step.fee.maxCost, coin.decimals),
                  symbol: coin.symbol,
                })}
            </li>
          );
        })}
      </ol>

      <h3>{t('review.fees')}</h3>
      <ul>
        {plan.totalFees.map((total) => (
          <li key={total.networkId}>
            {priced
              ? t('review.totalFeeValue', {
                  network: networkName(settings, total.networkId),
                  fee: formatAmount(total.maxCost, total.decimals),
                  symbol: total.symbol,
                  value: valuationText(
                    valuation(
                      values.prices,
                      total.networkId,
                      'native',
                      total.maxCost,
                      total.decimals,
                    ),
                  ),
                  gwei: formatGwei(total.maxFeePerGas),
                })
              : t('review.totalFee', {
                  network: networkName(settings, total.networkId),
                  fee: formatAmount(total.maxCost, total.decimals),
                  symbol: total.symbol,
                  gwei: formatGwei(total.maxFeePerGas),
                })}{' '}
            {t('review.capFee', {
              cap: formatGwei(total.cap),
              fee: formatAmount(total.maxCostAtCap, total.decimals),
              symbol: total.symbol,
            })}
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={replan} noValidate>
        <label htmlFor={`${id}-cap`}>{t('review.cap')}</label>
        <input
          id={`${id}-cap`}
          value={cap}
          onChange={(e) => setCap(e.target.value)}
          inputMode="decimal"
        />
        <button type="submit" disabled={busy}>
          {t('review.replan')}
        </button>
      </form>
      <FieldProblem problem={problem} />

      {plan.warnings.length > 0 && (
        <div className="notice notice-warning">
          <p className="notice-title">{t('review.warnings')}</p>
          <ul>
            {plan.warnings.map((warning, index) => (
              <li key={index}>{warningText(warning, settings)}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
