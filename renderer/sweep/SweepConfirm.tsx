import { useId, useState } from 'react';
import type { SweepPlanView } from '../../preload/api';
import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { t, type MessageKey } from '../i18n/t';

/** What is emptied: a person's own accounts (signed by a card or a secret) or a Safe. */
export type SweptHolder = 'accounts' | 'safe';

const WORDS: Record<SweptHolder, Record<'summary' | 'compared' | 'go', MessageKey>> = {
  accounts: { summary: 'confirm.summary', compared: 'confirm.compared', go: 'confirm.go' },
  // A Safe sweep is saved here and signed by its owners afterwards, on the next screen.
  safe: { summary: 'confirm.safeSummary', compared: 'confirm.safeCompared', go: 'confirm.safeGo' },
};

interface SweepConfirmProps {
  plan: SweepPlanView;
  busy: boolean;
  onBack: () => void;
  onConfirm: () => void;
  holder?: SweptHolder;
}

/** The deliberate last step: nothing is signed until the address check is ticked. */
export function SweepConfirm({
  plan,
  busy,
  onBack,
  onConfirm,
  holder = 'accounts',
}: SweepConfirmProps) {
  const id = useId();
  const words = WORDS[holder];
  const [checked, setChecked] = useState(false);
  return (
    <div className="stack confirm-step">
      <p>{t(words.summary, { count: plan.steps.length })}</p>
      <AddressWithIdenticon address={plan.destination} />
      <p className="notice notice-warning">{t('confirm.irreversible')}</p>
      <div className="checkbox">
        <input
          id={`${id}-checked`}
          type="checkbox"
          checked={checked}
          onChange={(e) => setChecked(e.target.checked)}
        />
        <label htmlFor={`${id}-checked`}>{t(words.compared)}</label>
      </div>
      <div className="actions">
        <button type="button" onClick={onBack} disabled={busy}>
          {t('confirm.back')}
        </button>
        <button
          type="button"
          className="primary danger"
          disabled={!checked || busy}
          onClick={onConfirm}
        >
          {t(words.go, { count: plan.steps.length })}
        </button>
      </div>
    </div>
  );
}
