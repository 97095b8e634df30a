import { useId, useState, type FormEvent } from 'react';
import type { DiscoveryResult, TransferPlan, TransferReceipt } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { useApp } from '../app/AppContext';
import { usePrices } from '../app/usePrices';
import { AddressActions, HashActions } from '../components/AddressActions';
import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { MoneyValue } from '../components/MoneyValue';
import { ErrorNotice } from '../components/ErrorNotice';
import { FieldProblem } from '../components/FieldProblem';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { holdingKey, sendable } from '../discovery/balance-rows';
import { shortAddress, isValidAddress } from '../format/address';
import { formatAmount, formatGwei, parseAmount } from '../format/amount';
import { valuation } from '../format/money';
import { useAction } from '../hooks/useAction';
import { t, type MessageKey } from '../i18n/t';
import { nativeCoin, networkName } from '../settings/networks';

interface SendFlowProps {
  discovery: DiscoveryResult;
  /** Signing happens on the card: the button says so. */
  signerLabel: string;
  /** After a send: balances have changed. */
  onDone: () => void;
  onCancel: () => void;
}

type Phase =
  | { name: 'form' }
  | { name: 'review'; plan: TransferPlan }
  | { name: 'sent'; plan: TransferPlan; receipt: TransferReceipt };

/** Send one asset from one account: form, review with the fee, a separate confirm, receipt. */
export function SendFlow({ discovery, signerLabel, onDone, onCancel }: SendFlowProps) {
  const id = useId();
  const { settings } = useApp();
  const options = sendable(discovery);
  const [choice, setChoice] = useState(options[0] ? holdingKey(options[0]) : '');
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  /** "Max": main works out the whole balance, less the fee for the native coin. */
  const [max, setMax] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: 'form' });
  const planning = useAction(lifeboat().transfers.plan);
  const sending = useAction(lifeboat().transfers.send);
  const holding = options.find((h) => holdingKey(h) === choice);
  const reviewed = phase.name === 'form' ? undefined : phase.plan;
  const values = usePrices(
    reviewed
      ? [
          { networkId: reviewed.networkId, asset: reviewed.asset },
          { networkId: reviewed.networkId, asset: 'native' },
        ]
      : [],
  );

  const review = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!holding) return;
    const value = max ? 'max' : parseAmount(amount, holding.asset.decimals);
    const bad: MessageKey | null = !isValidAddress(to)
      ? 'send.badAddress'
      : value === null
        ? 'send.badAmount'
        : value !== 'max' && BigInt(value) > BigInt(holding.asset.balance)
          ? 'send.tooMuch'
          : null;
    setProblem(bad);
    if (bad || value === null) return;
    const result = await planning.run({
      discoveryId: discovery.discoveryId,
      from: holding.account.address,
      networkId: holding.networkId,
      to: to.trim(),
      asset: holding.asset.asset,
      amount: value,
    });
    if (result.ok) setPhase({ name: 'review', plan: result.value });
  };

  const send = async (plan: TransferPlan) => {
    const result = await sending.run({ planId: plan.planId, confirmed: true });
    if (result.ok) setPhase({ name: 'sent', plan, receipt: result.value });
  };

  if (options.length === 0) return <p>{t('send.nothing')}</p>;

  if (phase.name === 'review') {
    const { plan } = phase;
    const coin = nativeCoin(settings, plan.networkId);
    return (
      <div className="stack">
        <StepHeading>{t('send.reviewTitle')}</StepHeading>
        <dl className="facts">
          <dt>{t('send.network')}</dt>
          <dd>{networkName(settings, plan.networkId)}</dd>
          <dt>{t('send.from')}</dt>
          <dd>
            <code>{plan.from}</code>
            <AddressActions address={plan.from} networkIds={[plan.networkId]} />
          </dd>
          <dt>{t('send.to')}</dt>
          <dd>
            <AddressWithIdenticon address={plan.to} networkIds={[plan.networkId]} />
          </dd>
          <dt>{t('send.amount')}</dt>
          <dd>
            {formatAmount(plan.amount, plan.decimals)} {plan.symbol}
            {values.on && !values.loading && (
              <>
                {' '}
                (
                <MoneyValue
                  valuation={valuation(
                    values.prices,
                    plan.networkId,
                    plan.asset,
                    plan.amount,
                    plan.decimals,
                  )}
                />
                )
              </>
            )}
          </dd>
          <dt>{t('send.maxFeePerGas')}</dt>
          <dd>{t('fee.perGas', { gwei: formatGwei(plan.fee.maxFeePerGas) })}</dd>
          <dt>{t('send.maxFee')}</dt>
          <dd>
            {t('fee.most', {
              amount: formatAmount(plan.fee.maxCost, coin.decimals),
              symbol: coin.symbol,
            })}
            {values.on && !values.loading && (
              <>
                {' '}
                (
                <MoneyValue
                  valuation={valuation(
                    values.prices,
                    plan.networkId,
                    'native',
                    plan.fee.maxCost,
                    coin.decimals,
                  )}
                />
                )
              </>
            )}
          </dd>
        </dl>
        <ErrorNotice error={sending.error} />
        <StatusLine>{sending.busy ? t('send.signing') : ''}</StatusLine>
        <div className="actions">
          <button type="button" onClick={() => setPhase({ name: 'form' })} disabled={sending.busy}>
            {t('send.change')}
          </button>
          <button
            type="button"
            className="primary danger"
            onClick={() => void send(plan)}
            disabled={sending.busy}
          >
            {signerLabel}
          </button>
        </div>
      </div>
    );
  }

  if (phase.name === 'sent') {
    const { plan, receipt } = phase;
    return (
      <div className="stack">
        <StepHeading>{t('send.sentTitle')}</StepHeading>
        <StatusLine tone="good">
          {t('send.sent', {
            amount: formatAmount(plan.amount, plan.decimals),
            symbol: plan.symbol,
            block: receipt.blockNumber,
          })}
        </StatusLine>
        <dl className="facts">
          <dt>{t('send.txHash')}</dt>
          <dd>
            <code className="hex">{receipt.txHash}</code>
            <HashActions hash={receipt.txHash} networkId={plan.networkId} />
          </dd>
        </dl>
        <button type="button" className="primary" onClick={onDone}>
          {t('send.backToAccounts')}
        </button>
      </div>
    );
  }

  return (
    <form className="stack" onSubmit={(event) => void review(event)} noValidate>
      <StepHeading>{t('send.title')}</StepHeading>
      <label htmlFor={`${id}-from`}>{t('send.fromAsset')}</label>
      <select
        id={`${id}-from`}
        value={choice}
        onChange={(e) => {
          setChoice(e.target.value);
          setMax(false);
        }}
      >
        {options.map((h) => (
          <option key={holdingKey(h)} value={holdingKey(h)}>
            {t('send.holding', {
              symbol: h.asset.symbol,
              balance: formatAmount(h.asset.balance, h.asset.decimals),
              account: shortAddress(h.account.address),
              network: networkName(settings, h.networkId),
            })}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-to`}>{t('send.toLabel')}</label>
      <input
        id={`${id}-to`}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        className="mono"
      />
      <label htmlFor={`${id}-amount`}>
        {t('send.amountLabel', { symbol: holding?.asset.symbol ?? '' })}
      </label>
      <div className="inline-form">
        <input
          id={`${id}-amount`}
          value={amount}
          aria-describedby={max ? `${id}-max-hint` : undefined}
          onChange={(e) => {
            setAmount(e.target.value);
            setMax(false);
          }}
          inputMode="decimal"
          autoComplete="off"
        />
        <button
          type="button"
          aria-pressed={max}
          aria-label={t('send.maxLabel', { symbol: holding?.asset.symbol ?? '' })}
          disabled={!holding}
          onClick={() => {
            if (!holding) return;
            setMax(true);
            setAmount(formatAmount(holding.asset.balance, holding.asset.decimals));
          }}
        >
          {t('send.max')}
        </button>
      </div>
      {max && (
        <p id={`${id}-max-hint`} className="hint">
          {t('send.maxHint')}
        </p>
      )}
      <FieldProblem problem={problem} />
      <ErrorNotice error={planning.error} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={planning.busy}>
          {t('send.review')}
        </button>
      </div>
    </form>
  );
}
