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
type Field = (typeof FIELDS)[number];

/** Each secret the card's rules ask for, its repetition, and the rule they must meet together. */
interface Pair {
  first: Field;
  repeat: Field;
  problem: (value: string, repeat: string) => MessageKey | null;
}

function pairsFor({ pin, puk, pairing }: CredentialRules): Pair[] {
  const pairs: Pair[] = [
    { first: 'pin', repeat: 'pin2', problem: (a, b) => newPinProblem(a, b, pin) },
  ];
  if (puk)
    pairs.push({ first: 'puk', repeat: 'puk2', problem: (a, b) => newPukProblem(a, b, puk) });
  if (pairing)
    pairs.push({ first: 'pairing', repeat: 'pairing2', problem: newPairingPasswordProblem });
  return pairs;
}

type Problems = Partial<Record<Field, MessageKey>>;

/**
 * What is wrong, on the field that is wrong: a secret that breaks the rule itself is marked
 * on its first field; one that only differs from its repetition is marked on the repetition.
 */
function problemsOf(pairs: readonly Pair[], values: Record<Field, string>): Problems {
  const problems: Problems = {};
  for (const { first, repeat, problem } of pairs) {
    const found = problem(values[first], values[repeat]);
    if (!found) continue;
    const mismatchOnly = problem(values[first], values[first]) === null;
    problems[mismatchOnly ? repeat : first] = found;
  }
  return problems;
}

function readFields(form: HTMLFormElement): Record<Field, string> {
  const data = new FormData(form);
  return Object.fromEntries(
    FIELDS.map((name) => {
      const value = data.get(name);
      return [name, typeof value === 'string' ? value : ''];
    }),
  ) as Record<Field, string>;
}

/**
 * A blank card gets its PIN, and its PUK and pairing password where it has them; each is typed
 * twice. A mistake keeps everything typed and marks only the field at fault; the fields are
 * emptied once they go.
 */
export function CardSetupForm({ rules, busy, onSubmit }: CardSetupFormProps) {
  const id = useId();
  const [problems, setProblems] = useState<Problems>({});
  const pairs = pairsFor(rules);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const found = problemsOf(pairs, readFields(form));
    setProblems(found);
    const firstWrong = FIELDS.find((name) => found[name]);
    if (firstWrong) {
      form.querySelector<HTMLInputElement>(`[name="${firstWrong}"]`)?.focus();
      return;
    }
    const v = takeFields(form, FIELDS);
    onSubmit({
      pin: v.pin,
      ...(rules.puk ? { puk: v.puk } : {}),
      ...(rules.pairing ? { pairingPassword: v.pairing } : {}),
    });
  };

  /** Typing in either field of a pair takes back what was said about the pair. */
  const edited = (name: Field) => {
    const pair = pairs.find((p) => p.first === name || p.repeat === name);
    if (!pair || (!problems[pair.first] && !problems[pair.repeat])) return;
    setProblems(({ [pair.first]: _first, [pair.repeat]: _repeat, ...rest }) => rest);
  };

  const field = (name: Field, label: MessageKey, rule?: SecretRule) => {
    const problem = problems[name] ?? null;
    const problemId = `${id}-${name}-problem`;
    const params = rule ? { rule: ruleText(rule) } : undefined;
    return (
      <>
        <label htmlFor={`${id}-${name}`}>{t(label, params)}</label>
        <input
          id={`${id}-${name}`}
          name={name}
          type="password"
          {...(rule ? inputFor(rule) : {})}
          autoComplete="off"
          disabled={busy}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          onInput={() => edited(name)}
        />
        <FieldProblem id={problemId} problem={problem} {...(params ? { params } : {})} />
      </>
    );
  };
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
      <button type="submit" className="primary" disabled={busy}>
        {t('setup.submit')}
      </button>
    </form>
  );
}
