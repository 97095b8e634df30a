import { useId, useState, type FormEvent } from 'react';
import type { SecretRule } from '../../preload/api';
import { FieldProblem } from '../components/FieldProblem';
import { StatusLine } from '../components/StatusLine';
import { takeFields } from '../components/take-fields';
import { t, type MessageKey } from '../i18n/t';
import { pukGuidance } from './pin-guidance';
import { inputFor, newPinProblem, pukProblem, ruleText } from './secret-rules';

interface UnblockFormProps {
  /** The card's rules for its PIN and its PUK. */
  rules: { pin: SecretRule; puk: SecretRule };
  pukTries: number;
  wrong: boolean;
  busy: boolean;
  onSubmit: (puk: string, newPin: string) => void;
}

/** The PIN is blocked: the PUK unblocks it and sets a new PIN in one step. */
export function UnblockForm({ rules, pukTries, wrong, busy, onSubmit }: UnblockFormProps) {
  const id = useId();
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const guidance = pukGuidance(pukTries);
  const pinRule = ruleText(rules.pin);
  const pukRule = ruleText(rules.puk);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { puk, pin, repeat } = takeFields(event.currentTarget, ['puk', 'pin', 'repeat']);
    const bad = pukProblem(puk, rules.puk) ?? newPinProblem(pin, repeat, rules.pin);
    setProblem(bad);
    if (!bad) onSubmit(puk, pin);
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>{t('unblock.intro')}</p>
      <StatusLine tone={wrong || pukTries === 1 ? 'warning' : 'info'}>
        {wrong ? `${t('puk.wrong')} ` : ''}
        {t('puk.triesLeft', { count: pukTries })}
      </StatusLine>
      <p className={`guidance guidance-${guidance.tone}`}>{t(guidance.key)}</p>
      <label htmlFor={`${id}-puk`}>{t('unblock.puk', { rule: pukRule })}</label>
      <input
        id={`${id}-puk`}
        name="puk"
        type="password"
        {...inputFor(rules.puk)}
        autoComplete="off"
        disabled={busy}
      />
      <label htmlFor={`${id}-pin`}>{t('unblock.newPin', { rule: pinRule })}</label>
      <input
        id={`${id}-pin`}
        name="pin"
        type="password"
        {...inputFor(rules.pin)}
        autoComplete="off"
        disabled={busy}
      />
      <label htmlFor={`${id}-repeat`}>{t('unblock.repeatPin')}</label>
      <input
        id={`${id}-repeat`}
        name="repeat"
        type="password"
        {...inputFor(rules.pin)}
        autoComplete="off"
        disabled={busy}
      />
      <FieldProblem
        problem={problem}
        params={{ rule: problem === 'rules.pukFormat' ? pukRule : pinRule }}
      />
      <button type="submit" className="primary" disabled={busy}>
        {t('unblock.submit')}
      </button>
    </form>
  );
}
