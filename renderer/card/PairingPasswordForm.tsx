import { useId, type FormEvent } from 'react';
import { takeFields } from '../components/take-fields';
import { t } from '../i18n/t';

interface PairingPasswordFormProps {
  busy: boolean;
  onSubmit: (password: string) => void;
}

/** Asked only when neither a saved pairing nor the default password worked. */
export function PairingPasswordForm({ busy, onSubmit }: PairingPasswordFormProps) {
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { password } = takeFields(event.currentTarget, ['password']);
    if (password.length > 0) onSubmit(password);
  };
  return (
    <form className="stack" onSubmit={submit}>
      <p>{t('pairing.ask')}</p>
      <label htmlFor={`${id}-password`}>{t('pairing.password')}</label>
      <input
        id={`${id}-password`}
        name="password"
        type="password"
        autoComplete="off"
        required
        disabled={busy}
      />
      <button type="submit" className="primary" disabled={busy}>
        {t('pairing.submit')}
      </button>
    </form>
  );
}
