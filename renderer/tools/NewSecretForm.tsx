import { useId, useState, type FormEvent } from 'react';
import type { SecretRule } from '../../preload/api';
import { inputFor, ruleText } from '../card/secret-rules';
import { FieldProblem } from '../components/FieldProblem';
import { takeFields } from '../components/take-fields';
import type { MessageKey } from '../i18n/t';

interface NewSecretFormProps {
  label: string;
  repeatLabel: string;
  submitLabel: string;
  /** The card's rule for this secret. */
  rule: SecretRule;
  problemOf: (value: string, repeat: string, rule: SecretRule) => MessageKey | null;
  busy: boolean;
  onSubmit: (value: string) => void;
}

/** A new PIN or PUK, typed twice and checked before it is sent. */
export function NewSecretForm({
  label,
  repeatLabel,
  submitLabel,
  rule,
  problemOf,
  busy,
  onSubmit,
}: NewSecretFormProps) {
  const id = useId();
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { value, repeat } = takeFields(event.currentTarget, ['value', 'repeat']);
    const bad = problemOf(value, repeat, rule);
    setProblem(bad);
    if (!bad) onSubmit(value);
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-value`}>{label}</label>
      <input
        id={`${id}-value`}
        name="value"
        type="password"
        {...inputFor(rule)}
        autoComplete="off"
      />
      <label htmlFor={`${id}-repeat`}>{repeatLabel}</label>
      <input
        id={`${id}-repeat`}
        name="repeat"
        type="password"
        {...inputFor(rule)}
        autoComplete="off"
      />
      <FieldProblem problem={problem} params={{ rule: ruleText(rule) }} />
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
