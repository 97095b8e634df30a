import { useId, useState } from 'react';
import type {
  CardSessionView,
  SafeCreatePlan,
  SafeOwnerInput,
  SafeView,
  SourceRef,
} from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { useApp } from '../app/AppContext';
import { useLive } from '../app/LiveContext';
import { CardConnect } from '../card/CardConnect';
import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { ErrorNotice } from '../components/ErrorNotice';
import { FieldProblem } from '../components/FieldProblem';
import { StepHeading } from '../components/StepHeading';
import { useAction } from '../hooks/useAction';
import { formatAmount } from '../format/amount';
import { isValidAddress, shortAddress } from '../format/address';
import { t } from '../i18n/t';
import { missingForPlan, payerOf, shownThreshold } from './create-form';
import { HolderChoice } from './HolderChoice';
import { heldSources } from './holders';

/** An owner as the person added it: a card's first address (the card may leave the reader). */
interface PlannedOwner {
  input: SafeOwnerInput;
  address: string;
  label: string;
}

interface SafeCreateProps {
  networkId: string;
  onCreated: (safe: SafeView) => void;
}

/**
 * A new Safe: owners added one by one (a card, then the next card in the same reader; a
 * rebuilt wallet; another person's address), the threshold, who pays; then the address the
 * Safe will get, shown and confirmed before anything is sent.
 */
export function SafeCreate({ networkId, onCreated }: SafeCreateProps) {
  const id = useId();
  const { secrets, settings } = useApp();
  const { sessions } = useLive();
  const [owners, setOwners] = useState<PlannedOwner[]>([]);
  const [connecting, setConnecting] = useState(0);
  const [other, setOther] = useState('');
  const [otherWrong, setOtherWrong] = useState(false);
  const [chosenThreshold, setThreshold] = useState(2);
  const [chosenPayer, setPayer] = useState<SourceRef | null>(null);
  const [plan, setPlan] = useState<SafeCreatePlan | null>(null);
  const [checked, setChecked] = useState(false);
  const reading = useAction(lifeboat().cards.accounts);
  const planning = useAction(lifeboat().safes.planCreate);
  const creating = useAction(lifeboat().safes.create);
  const holders = heldSources(sessions, secrets);
  const threshold = shownThreshold(chosenThreshold, owners.length);
  const payer = payerOf(chosenPayer, holders);
  const missing = missingForPlan(owners.length, payer);
  const symbol = settings?.networks.find((n) => n.id === networkId)?.nativeSymbol ?? '';

  const add = (owner: PlannedOwner) =>
    setOwners((list) => (list.some((o) => o.address === owner.address) ? list : [...list, owner]));

  const cardReady = async (session: CardSessionView) => {
    const read = await reading.run({
      sessionId: session.sessionId,
      scheme: 'bip44',
      start: 0,
      count: 1,
    });
    setConnecting(0);
    const first = read.ok ? read.value[0] : undefined;
    if (!first) return;
    add({
      input: { kind: 'address', address: first.address },
      address: first.address,
      label: t('safe.cardIn', { reader: session.reader }),
    });
  };

  const makePlan = async () => {
    if (!payer) return;
    const result = await planning.run({
      networkId,
      owners: owners.map((o) => o.input),
      threshold,
      payer,
    });
    if (result.ok) setPlan(result.value);
  };

  const create = async () => {
    if (!plan) return;
    const result = await creating.run({ planId: plan.planId, confirmed: true });
    if (result.ok) onCreated(result.value);
  };

  if (plan) {
    return (
      <section className="stack">
        <StepHeading>{t('safe.createReviewTitle')}</StepHeading>
        <p>{t('safe.createAddress')}</p>
        <AddressWithIdenticon address={plan.address} />
        <p>{t('safe.thresholdOf', { threshold: plan.threshold, count: plan.owners.length })}</p>
        <ol className="stack">
          {plan.owners.map((owner) => (
            <li key={owner}>
              {owner} {owners.find((o) => o.address === owner)?.label ?? ''}
            </li>
          ))}
        </ol>
        <p>
          {t('safe.createFee', {
            payer: plan.payer,
            fee: formatAmount(plan.fee.maxCost, 18),
            symbol,
          })}
        </p>
        <div className="checkbox">
          <input
            id={`${id}-checked`}
            type="checkbox"
            checked={checked}
            onChange={(e) => setChecked(e.target.checked)}
          />
          <label htmlFor={`${id}-checked`}>{t('safe.createChecked')}</label>
        </div>
        <div className="actions">
          <button type="button" disabled={creating.busy} onClick={() => setPlan(null)}>
            {t('safe.back')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!checked || creating.busy}
            onClick={() => void create()}
          >
            {t('safe.createGo')}
          </button>
        </div>
        <ErrorNotice error={creating.error} />
      </section>
    );
  }

  if (connecting > 0) {
    return (
      <CardConnect
        key={connecting}
        purpose="source"
        instruction={owners.length === 0 ? t('safe.insertOwner') : t('safe.insertNextOwner')}
        onReady={(session) => void cardReady(session)}
      />
    );
  }

  return (
    <section className="stack">
      <StepHeading>{t('safe.createTitle')}</StepHeading>
      <p>{t('safe.createIntro')}</p>
      <h3>{t('safe.ownersTitle', { count: owners.length })}</h3>
      {owners.length > 0 && (
        <ol className="stack">
          {owners.map((owner) => (
            <li key={owner.address}>
              {t('safe.ownerLine', { label: owner.label, address: shortAddress(owner.address) })}{' '}
              <button
                type="button"
                className="link"
                onClick={() => setOwners((list) => list.filter((o) => o !== owner))}
              >
                {t('safe.removeOwner', { address: shortAddress(owner.address) })}
              </button>
            </li>
          ))}
        </ol>
      )}
      <ErrorNotice error={reading.error} />
      <div className="actions">
        <button type="button" onClick={() => setConnecting((n) => n + 1)}>
          {owners.length === 0 ? t('safe.addCard') : t('safe.addNextCard')}
        </button>
        {secrets.map((secret) => (
          <button
            key={secret.secretId}
            type="button"
            onClick={() =>
              add({
                input: { kind: 'secret', secretId: secret.secretId },
                address: secret.addresses[0] ?? '',
                label: t('safe.rebuiltWallet', {
                  address: shortAddress(secret.addresses[0] ?? ''),
                }),
              })
            }
          >
            {t('safe.addSecret', { address: shortAddress(secret.addresses[0] ?? '') })}
          </button>
        ))}
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const wrong = !isValidAddress(other.trim());
          setOtherWrong(wrong);
          if (wrong) return;
          add({
            input: { kind: 'address', address: other.trim() },
            address: other.trim(),
            label: t('safe.otherPerson'),
          });
          setOther('');
        }}
      >
        <label htmlFor={`${id}-other`}>{t('safe.otherAddress')}</label>
        <input
          id={`${id}-other`}
          className="mono"
          value={other}
          aria-invalid={otherWrong}
          aria-describedby={otherWrong ? `${id}-other-problem` : undefined}
          onChange={(e) => {
            setOther(e.target.value);
            setOtherWrong(false);
          }}
        />
        <button type="submit" disabled={other.trim() === ''}>
          {t('safe.addAddress')}
        </button>
      </form>
      <FieldProblem id={`${id}-other-problem`} problem={otherWrong ? 'send.badAddress' : null} />
      <label htmlFor={`${id}-threshold`}>{t('safe.thresholdLabel')}</label>
      <select
        id={`${id}-threshold`}
        value={threshold}
        onChange={(e) => setThreshold(Number(e.target.value))}
      >
        {Array.from({ length: Math.max(owners.length, 1) }, (_, i) => i + 1).map((k) => (
          <option key={k} value={k}>
            {t('safe.thresholdOf', { threshold: k, count: Math.max(owners.length, 1) })}
          </option>
        ))}
      </select>
      <HolderChoice
        legend={t('safe.payerLegend')}
        holders={holders}
        chosen={payer}
        onChoose={setPayer}
      />
      <button
        type="button"
        className="primary"
        disabled={missing !== null || planning.busy}
        aria-describedby={missing ? `${id}-missing` : undefined}
        onClick={() => void makePlan()}
      >
        {t('safe.createPlan')}
      </button>
      {missing && (
        <p id={`${id}-missing`} className="hint">
          {t(missing)}
        </p>
      )}
      <ErrorNotice error={planning.error} />
    </section>
  );
}
