import { useId, useState, type FormEvent } from 'react';
import type { ApiError, RecoveryProblem, SecretView } from '../../preload/api';
import type { ErrorCode } from '../../preload/errors';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { t } from '../i18n/t';
import { PassphraseField } from './PassphraseField';
import { ProblemNotice } from './ProblemNotice';
import { RecoveryTextField, type PhraseVerdict } from './RecoveryTextField';

/** Refusals that are about the phrase itself, shown next to it rather than under the form. */
const PHRASE_PROBLEMS: readonly ErrorCode[] = [
  'invalid-word',
  'invalid-mnemonic-length',
  'invalid-mnemonic-checksum',
  'wrong-input-kind',
  'mixed-input-kinds',
  'unknown-input-kind',
];

function asProblem(error: ApiError): RecoveryProblem {
  const wordIndex = error.details?.wordIndex;
  return {
    code: error.code,
    message: error.message,
    ...(typeof wordIndex === 'number' ? { wordIndex } : {}),
  };
}

/**
 * A BIP-39 recovery phrase with live word checks, its checksum verdict and a passphrase. A
 * refused phrase stays as typed, so the one wrong word can be corrected in place; the form is
 * emptied once the wallet is open.
 */
export function PhraseEntry({ onSecret }: { onSecret: (secret: SecretView) => void }) {
  const id = useId();
  const [verdict, setVerdict] = useState<PhraseVerdict | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const problemId = `${id}-problem`;

  const open = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const phrase = data.get('phrase');
    const passphrase = data.get('passphrase');
    setBusy(true);
    setError(null);
    const result = await lifeboat().secrets.enterPhrase({
      phrase: typeof phrase === 'string' ? phrase : '',
      passphrase: typeof passphrase === 'string' ? passphrase : '',
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    form.reset();
    onSecret(result.value);
  };

  const refused = error && PHRASE_PROBLEMS.includes(error.code) ? asProblem(error) : null;
  const live = verdict && !verdict.valid && verdict.completeLength ? verdict.problem : null;
  const shown = refused ?? live ?? null;

  return (
    <form className="stack" onSubmit={(e) => void open(e)}>
      <RecoveryTextField
        kind="bip39"
        busy={busy}
        name="phrase"
        label={t('phrase.label')}
        onVerdict={setVerdict}
        problemId={shown ? problemId : undefined}
        onEdit={() => {
          if (error) setError(null);
        }}
      />
      {verdict?.valid && !refused && <StatusLine tone="good">{t('phrase.valid')}</StatusLine>}
      <ProblemNotice id={problemId} problem={shown} />
      <PassphraseField id={`${id}-passphrase`} />
      <button type="submit" className="primary" disabled={busy}>
        {t('phrase.open')}
      </button>
      {busy && <StatusLine>{t('phrase.opening')}</StatusLine>}
      <ErrorNotice error={refused ? null : error} />
    </form>
  );
}
