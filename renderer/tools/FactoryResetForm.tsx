import { useId, useState, type FormEvent } from 'react';
import type { FactoryResetConfirmation } from '../../preload/api';
import { t } from '../i18n/t';

/** The exact words main accepts; typed, never pre-filled, so a reset is always deliberate. */
const CONFIRMATION: FactoryResetConfirmation = 'FACTORY RESET';

interface FactoryResetFormProps {
  busy: boolean;
  onConfirm: (confirmation: FactoryResetConfirmation) => void;
}

export function FactoryResetForm({ busy, onConfirm }: FactoryResetFormProps) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (typed === CONFIRMATION) onConfirm(CONFIRMATION);
  };
  return (
    <form className="stack" onSubmit={submit}>
      <p className="notice notice-error">{t('reset.warning')}</p>
      <label htmlFor={`${id}-confirm`}>{t('reset.type', { words: CONFIRMATION })}</label>
      <input
        id={`${id}-confirm`}
        disabled={busy}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" className="danger" disabled={busy || typed !== CONFIRMATION}>
        {t('reset.submit')}
      </button>
    </form>
  );
}
