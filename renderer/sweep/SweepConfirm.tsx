import { useId, useState } from 'react';
import type { SweepPlanView } from '../../preload/api';
import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { t } from '../i18n/t';

interface SweepConfirmProps {
  plan: SweepPlanView;
  busy: boolean;
  onBack: () => void;
  onConfirm: () => void;
}

/** The deliberate last step: nothing is signed until the address check is ticked. */
export function SweepConfirm({ plan, busy, onBack, onConfirm }: SweepConfirmProps) {
  const id = useId();
  const [checked, setChecked] = useState(false);
  return (
    <div className="stack confirm-step">
      <p>{t('confirm.summary', { count: plan.steps.length })}</p>
      <AddressWithIdenticon address={plan.destination} />
      <p className="notice notice-warning">{t('confirm.irreversible')}</p>
      <div className="checkbox">
        <input
          id={`${id}-checked`}
          type="checkbox"
          checked={checked}
          onChange={(e) => setChecked(e.target.checked)}
        />
        <label htmlFor={`${id}-checked`}>{t('confirm.compared')}</label>
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
          {t('confirm.go', { count: plan.steps.length })}
        </button>
      </div>
    </div>
  );
}
