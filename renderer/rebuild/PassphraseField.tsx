import { t } from '../i18n/t';

/** The optional passphrase; read from the form on submit like every other secret. */
export function PassphraseField({ id }: { id: string }) {
  return (
    <div className="stack">
      <label htmlFor={id}>{t('passphrase.label')}</label>
      <input id={id} name="passphrase" type="password" autoComplete="off" />
      <p className="hint">{t('passphrase.hint')}</p>
    </div>
  );
}
