import { useId, type FormEvent } from 'react';
import type { SecretView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { takeFields } from '../components/take-fields';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';
import { PassphraseField } from './PassphraseField';

interface OtherPassphraseFormProps {
  /** The wallet opened now; main releases it when the other passphrase opens its wallet. */
  secret: SecretView;
  onOpened: (secret: SecretView) => void;
  onCancel: () => void;
}

/** The same shares or phrase, still held in main, opened with another passphrase. */
export function OtherPassphraseForm({ secret, onOpened, onCancel }: OtherPassphraseFormProps) {
  const id = useId();
  const reopen = useAction(lifeboat().secrets.reopen);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { passphrase } = takeFields(event.currentTarget, ['passphrase']);
    const result = await reopen.run({ secretId: secret.secretId, passphrase });
    if (result.ok) onOpened(result.value);
  };

  return (
    <form className="stack other-passphrase" onSubmit={(e) => void submit(e)}>
      <p>{t(secret.kind === 'slip39' ? 'history.keepsShares' : 'history.keepsPhrase')}</p>
      <PassphraseField id={`${id}-passphrase`} autoFocus />
      <div className="actions">
        <button type="button" onClick={onCancel} disabled={reopen.busy}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={reopen.busy}>
          {t('history.open')}
        </button>
      </div>
      {reopen.busy && <progress aria-label={t('history.opening')} />}
      <ErrorNotice error={reopen.error} />
    </form>
  );
}
