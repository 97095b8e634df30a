import { useId, useState, type FormEvent } from 'react';
import { FieldProblem } from '../components/FieldProblem';
import { takeFields } from '../components/take-fields';
import { t, type MessageKey } from '../i18n/t';
import {
  newPairingPasswordProblem,
  newPinProblem,
  newPukProblem,
  PIN_LENGTH,
  PUK_LENGTH,
} from './secret-rules';

export interface CardSecrets {
  pin: string;
  puk: string;
  pairingPassword: string;
}

interface CardSetupFormProps {
  busy: boolean;
  onSubmit: (secrets: CardSecrets) => void;
}

const FIELDS = ['pin', 'pin2', 'puk', 'puk2', 'pairing', 'pairing2'] as const;

/** A blank card gets its PIN, PUK and pairing password; each is typed twice. */
export function CardSetupForm({ busy, onSubmit }: CardSetupFormProps) {
  const id = useId();
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = takeFields(event.currentTarget, FIELDS);
    const bad =
      newPinProblem(v.pin, v.pin2) ??
      newPukProblem(v.puk, v.puk2) ??
      newPairingPasswordProblem(v.pairing, v.pairing2);
    setProblem(bad);
    if (!bad) onSubmit({ pin: v.pin, puk: v.puk, pairingPassword: v.pairing });
  };
  const field = (name: (typeof FIELDS)[number], label: MessageKey, length?: number) => (
    <>
      <label htmlFor={`${id}-${name}`}>{t(label)}</label>
      <input
        id={`${id}-${name}`}
        name={name}
        type="password"
        inputMode={length ? 'numeric' : undefined}
        maxLength={length}
        autoComplete="off"
        disabled={busy}
      />
    </>
  );
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>{t('setup.intro')}</p>
      <fieldset>
        <legend>{t('setup.pinLegend')}</legend>
        {field('pin', 'setup.pin', PIN_LENGTH)}
        {field('pin2', 'setup.pinRepeat', PIN_LENGTH)}
      </fieldset>
      <fieldset>
        <legend>{t('setup.pukLegend')}</legend>
        <p className="hint">{t('setup.pukHint')}</p>
        {field('puk', 'setup.puk', PUK_LENGTH)}
        {field('puk2', 'setup.pukRepeat', PUK_LENGTH)}
      </fieldset>
      <fieldset>
        <legend>{t('setup.pairingLegend')}</legend>
        <p className="hint">{t('setup.pairingHint')}</p>
        {field('pairing', 'setup.pairing')}
        {field('pairing2', 'setup.pairingRepeat')}
      </fieldset>
      <FieldProblem problem={problem} />
      <button type="submit" className="primary" disabled={busy}>
        {t('setup.submit')}
      </button>
    </form>
  );
}
