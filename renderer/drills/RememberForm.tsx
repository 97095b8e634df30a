import { useId, useState, type FormEvent } from 'react';
import type { SourceRef, WalletRecord } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';

interface RememberFormProps {
  source: SourceRef;
  onRemembered?: (wallet: WalletRecord) => void;
}

/** Keeps the wallet's fingerprint (never its keys) so its backups can be checked later. */
export function RememberForm({ source, onRemembered }: RememberFormProps) {
  const id = useId();
  const [label, setLabel] = useState('');
  const [saved, setSaved] = useState<WalletRecord | null>(null);
  const remember = useAction(lifeboat().drills.remember);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await remember.run({ label: label.trim(), source });
    if (!result.ok) return;
    setSaved(result.value);
    onRemembered?.(result.value);
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-label`}>{t('remember.label')}</label>
      <input
        id={`${id}-label`}
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        maxLength={100}
        required
      />
      <button type="submit" disabled={remember.busy || label.trim() === ''}>
        {t('remember.submit')}
      </button>
      <StatusLine tone="good">
        {saved ? `${t('remember.saved', { label: saved.label })} ${t('remember.next')}` : ''}
      </StatusLine>
      <ErrorNotice error={remember.error} />
    </form>
  );
}
