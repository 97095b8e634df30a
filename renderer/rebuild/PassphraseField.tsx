import { t } from '../i18n/t';

/** The optional passphrase; read from the form on submit like every other secret. */
export function PassphraseField({ id, autoFocus }: { id: string; autoFocus?: boolean }) {
  return (
    <div className="stack">
      <label htmlFor={id}>{t('passphrase.label')}</label>
      <input id={id} name="passphrase" type="password" autoComplete="off" autoFocus={autoFocus} />
      <p className="hint">{t('passphrase.hint')}</p>
    </div>
  );
}
