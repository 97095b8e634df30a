import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CredentialRules } from '../../preload/api';
import { StatusLine } from '../components/StatusLine';
import { FieldProblem } from '../components/FieldProblem';
import { takeFields } from '../components/take-fields';
import { t, type MessageKey } from '../i18n/t';
import { pinGuidance } from './pin-guidance';
import { inputFor, pinProblem, ruleText } from './secret-rules';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;

interface PinPadProps {
  /** The card's rules: the PIN's form, and whether a PUK can unblock it. */
  rules: CredentialRules;
  pinTries: number;
  /** The previous attempt was wrong. */
  wrong: boolean;
  busy: boolean;
  onSubmit: (pin: string) => void;
}

/**
 * The PIN entry: the tries left and what happens at zero are on screen before every attempt.
 * The digit keypad is offered where the PIN is digits only.
 */
export function PinPad({ rules, pinTries, wrong, busy, onSubmit }: PinPadProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const guidance = pinGuidance(pinTries, rules);
  const rule = ruleText(rules.pin);
  const digits = rules.pin.alphabet === 'digits';

  // Back to the field after every answer from the card, so the next attempt is one keystroke away.
  useEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy]);

  const press = (digit: string) => {
    const field = input.current;
    if (!field || field.value.length >= rules.pin.maxLength) return;
    field.value += digit;
  };
  const erase = () => {
    const field = input.current;
    if (field) field.value = field.value.slice(0, -1);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { pin } = takeFields(event.currentTarget, ['pin']);
    const bad = pinProblem(pin, rules.pin);
    setProblem(bad);
    if (!bad) onSubmit(pin);
  };

  return (
    <form className="pin-pad" onSubmit={submit} noValidate>
      <StatusLine id={`${id}-tries`} tone={wrong || pinTries === 1 ? 'warning' : 'info'}>
        {wrong ? `${t('pin.wrong')} ` : ''}
        {t('pin.triesLeft', { count: pinTries })}
      </StatusLine>
      <p id={`${id}-guidance`} className={`guidance guidance-${guidance.tone}`}>
        {t(guidance.key, guidance.params)}
      </p>
      <label htmlFor={`${id}-pin`}>{t('pin.label', { rule })}</label>
      <input
        ref={input}
        id={`${id}-pin`}
        name="pin"
        type="password"
        {...inputFor(rules.pin)}
        autoComplete="off"
        aria-describedby={`${id}-tries ${id}-guidance${problem ? ` ${id}-problem` : ''}`}
        readOnly={busy}
      />
      <FieldProblem problem={problem} id={`${id}-problem`} params={{ rule }} />
      {digits && (
        <div className="keypad" role="group" aria-label={t('pin.keypad')}>
          {KEYS.map((digit) => (
            <button key={digit} type="button" onClick={() => press(digit)} disabled={busy}>
              {digit}
            </button>
          ))}
          <button type="button" onClick={erase} disabled={busy} aria-label={t('pin.erase')}>
            ⌫
          </button>
        </div>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('pin.checking') : t('pin.unlock')}
      </button>
    </form>
  );
}
