import { useId, useState, type FormEvent } from 'react';
import type { ApiError, SecretView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { takeFields } from '../components/take-fields';
import { t } from '../i18n/t';
import { PassphraseField } from './PassphraseField';
import { ProblemNotice } from './ProblemNotice';
import { RecoveryTextField, type PhraseVerdict } from './RecoveryTextField';

/** A BIP-39 recovery phrase with live word checks, its checksum verdict and a passphrase. */
export function PhraseEntry({ onSecret }: { onSecret: (secret: SecretView) => void }) {
  const id = useId();
  const [fieldKey, setFieldKey] = useState(0);
  const [verdict, setVerdict] = useState<PhraseVerdict | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const open = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { phrase, passphrase } = takeFields(event.currentTarget, ['phrase', 'passphrase']);
    setBusy(true);
    setError(null);
    const result = await lifeboat().secrets.enterPhrase({ phrase, passphrase });
    setBusy(false);
    setFieldKey((k) => k + 1);
    setVerdict(null);
    if (result.ok) onSecret(result.value);
    else setError(result.error);
  };

  return (
    <form className="stack" onSubmit={(e) => void open(e)}>
      <RecoveryTextField
        key={fieldKey}
        kind="bip39"
        busy={busy}
        name="phrase"
        label={t('phrase.label')}
        onVerdict={setVerdict}
      />
      {verdict?.valid && <StatusLine tone="good">{t('phrase.valid')}</StatusLine>}
      {verdict && !verdict.valid && verdict.completeLength && (
        <ProblemNotice problem={verdict.problem} />
      )}
      <PassphraseField id={`${id}-passphrase`} />
      <button type="submit" className="primary" disabled={busy}>
        {t('phrase.open')}
      </button>
      {busy && <StatusLine>{t('phrase.opening')}</StatusLine>}
      <ErrorNotice error={error} />
    </form>
  );
}
