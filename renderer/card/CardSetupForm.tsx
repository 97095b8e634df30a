import { useId, useState, type FormEvent } from 'react';
import type { CredentialRules, SecretRule } from '../../preload/api';
import { FieldProblem } from '../components/FieldProblem';
import { takeFields } from '../components/take-fields';
import { t, type MessageKey } from '../i18n/t';
import {
  inputFor,
  newPairingPasswordProblem,
  newPinProblem,
  newPukProblem,
  ruleText,
} from './secret-rules';

/** What the set-up asks for: a PUK and a pairing password only where the card's rules have them. */
export interface CardSecrets {
  pin: string;
  puk?: string;
  pairingPassword?: string;
}

interface CardSetupFormProps {
  rules: CredentialRules;
  busy: boolean;
  onSubmit: (secrets: CardSecrets) => void;
}

const FIELDS = ['pin', 'pin2', 'puk', 'puk2', 'pairing', 'pairing2'] as const;

/** A blank card gets its PIN, and its PUK and pairing password where it has them; each typed twice. */
export function CardSetupForm({ rules, busy, onSubmit }: CardSetupFormProps) {
  const id = useId();
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = takeFields(event.currentTarget, FIELDS);
    const bad =
      newPinProblem(v.pin, v.pin2, rules.pin) ??
      (rules.puk ? newPukProblem(v.puk, v.puk2, rules.puk) : null) ??
      (rules.pairing ? newPairingPasswordProblem(v.pairing, v.pairing2) : null);
    setProblem(bad);
    if (!bad)
      onSubmit({
        pin: v.pin,
        ...(rules.puk ? { puk: v.puk } : {}),
        ...(rules.pairing ? { pairingPassword: v.pairing } : {}),
      });
  };
  const field = (name: (typeof FIELDS)[number], label: MessageKey, rule?: SecretRule) => (
    <>
      <label htmlFor={`${id}-${name}`}>
        {rule ? t(label, { rule: ruleText(rule) }) : t(label)}
      </label>
      <input
        id={`${id}-${name}`}
        name={name}
        type="password"
        {...(rule ? inputFor(rule) : {})}
        autoComplete="off"
        disabled={busy}
      />
    </>
  );
  const problemRule = problem === 'rules.pukFormat' && rules.puk ? rules.puk : rules.pin;
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>{t('setup.intro')}</p>
      <fieldset>
        <legend>{t('setup.pinLegend')}</legend>
        {field('pin', 'setup.pin', rules.pin)}
        {field('pin2', 'setup.pinRepeat', rules.pin)}
      </fieldset>
      {rules.puk && (
        <fieldset>
          <legend>{t('setup.pukLegend')}</legend>
          <p className="hint">{t('setup.pukHint')}</p>
          {field('puk', 'setup.puk', rules.puk)}
          {field('puk2', 'setup.pukRepeat', rules.puk)}
        </fieldset>
      )}
      {rules.pairing && (
        <fieldset>
          <legend>{t('setup.pairingLegend')}</legend>
          <p className="hint">{t('setup.pairingHint')}</p>
          {field('pairing', 'setup.pairing')}
          {field('pairing2', 'setup.pairingRepeat')}
        </fieldset>
      )}
      <FieldProblem problem={problem} params={{ rule: ruleText(problemRule) }} />
      <button type="submit" className="primary" disabled={busy}>
        {t('setup.submit')}
      </button>
    </form>
  );
}
