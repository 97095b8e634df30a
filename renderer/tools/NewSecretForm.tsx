import { useId, useState, type FormEvent } from 'react';
import type { SecretRule } from '../../preload/api';
import { inputFor, ruleText } from '../card/secret-rules';
import { FieldProblem } from '../components/FieldProblem';
import { takeFields } from '../components/take-fields';
import type { MessageKey } from '../i18n/t';

interface NewSecretFormProps {
  /** Where the card checks the current value again in the same step: that field's label. */
  currentLabel?: string;
  label: string;
  repeatLabel: string;
  submitLabel: string;
  /** The card's rule for this secret. */
  rule: SecretRule;
  problemOf: (value: string, repeat: string, rule: SecretRule) => MessageKey | null;
  busy: boolean;
  /** `current` when `currentLabel` asked for it. */
  onSubmit: (value: string, current?: string) => void;
}

/** A new PIN or PUK, typed twice and checked before it is sent; the current one where asked. */
export function NewSecretForm({
  currentLabel,
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
    const { current, value, repeat } = takeFields(event.currentTarget, [
      'current',
      'value',
      'repeat',
    ]);
    const bad = problemOf(value, repeat, rule);
    setProblem(bad);
    if (!bad) onSubmit(value, currentLabel === undefined ? undefined : current);
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {currentLabel !== undefined && (
        <>
          <label htmlFor={`${id}-current`}>{currentLabel}</label>
          <input
            id={`${id}-current`}
            name="current"
            type="password"
            {...inputFor(rule)}
            autoComplete="off"
          />
        </>
      )}
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
