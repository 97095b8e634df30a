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
type Field = (typeof FIELDS)[number];

/** Each secret and its repetition, with the rule they must meet together. */
const PAIRS: readonly {
  first: Field;
  repeat: Field;
  problem: (value: string, repeat: string) => MessageKey | null;
}[] = [
  { first: 'pin', repeat: 'pin2', problem: newPinProblem },
  { first: 'puk', repeat: 'puk2', problem: newPukProblem },
  { first: 'pairing', repeat: 'pairing2', problem: newPairingPasswordProblem },
];

type Problems = Partial<Record<Field, MessageKey>>;

/**
 * What is wrong, on the field that is wrong: a secret that breaks the rule itself is marked
 * on its first field; one that only differs from its repetition is marked on the repetition.
 */
function problemsOf(values: Record<Field, string>): Problems {
  const problems: Problems = {};
  for (const { first, repeat, problem } of PAIRS) {
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
 * A blank card gets its PIN, PUK and pairing password; each is typed twice. A mistake keeps
 * everything typed and marks only the field at fault; the fields are emptied once they go.
 */
export function CardSetupForm({ busy, onSubmit }: CardSetupFormProps) {
  const id = useId();
  const [problems, setProblems] = useState<Problems>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const found = problemsOf(readFields(form));
    setProblems(found);
    const firstWrong = FIELDS.find((name) => found[name]);
    if (firstWrong) {
      form.querySelector<HTMLInputElement>(`[name="${firstWrong}"]`)?.focus();
      return;
    }
    const v = takeFields(form, FIELDS);
    onSubmit({ pin: v.pin, puk: v.puk, pairingPassword: v.pairing });
  };

  /** Typing in either field of a pair takes back what was said about the pair. */
  const edited = (name: Field) => {
    const pair = PAIRS.find((p) => p.first === name || p.repeat === name);
    if (!pair || (!problems[pair.first] && !problems[pair.repeat])) return;
    setProblems(({ [pair.first]: _first, [pair.repeat]: _repeat, ...rest }) => rest);
  };

  const field = (name: Field, label: MessageKey, length?: number) => {
    const problem = problems[name] ?? null;
    const problemId = `${id}-${name}-problem`;
    return (
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
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          onInput={() => edited(name)}
        />
        <FieldProblem id={problemId} problem={problem} />
      </>
    );
  };
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
      <button type="submit" className="primary" disabled={busy}>
        {t('setup.submit')}
      </button>
    </form>
  );
}
