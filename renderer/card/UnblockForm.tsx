import { useId, useState, type FormEvent } from 'react';
import type { CredentialRules, SecretRule } from '../../preload/api';
import { FieldProblem } from '../components/FieldProblem';
import { StatusLine } from '../components/StatusLine';
import { takeFields } from '../components/take-fields';
import { t, type MessageKey } from '../i18n/t';
import { pukGuidance } from './pin-guidance';
import { inputFor, newPinProblem, pukProblem, ruleText } from './secret-rules';

interface UnblockFormProps {
  /**
   * The card's rules for its PIN and its PUK; where unblocking does not set a new PIN
   * (`unblockSetsPin` false) only the PUK is asked for.
   */
  rules: { pin: SecretRule; puk: SecretRule } & Partial<
    Pick<CredentialRules, 'unblockSetsPin' | 'pukExhausted'>
  >;
  pukTries: number;
  wrong: boolean;
  busy: boolean;
  /** `newPin` where the card sets one when unblocking. */
  onSubmit: (puk: string, newPin?: string) => void;
}

/** The PIN is blocked: the PUK unblocks it, and where the card wants one, sets a new PIN too. */
export function UnblockForm({ rules, pukTries, wrong, busy, onSubmit }: UnblockFormProps) {
  const id = useId();
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const guidance = pukGuidance(pukTries, rules.pukExhausted);
  const pinRule = ruleText(rules.pin);
  const pukRule = ruleText(rules.puk);
  const setsPin = rules.unblockSetsPin !== false;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { puk, pin, repeat } = takeFields(event.currentTarget, ['puk', 'pin', 'repeat']);
    const bad =
      pukProblem(puk, rules.puk) ?? (setsPin ? newPinProblem(pin, repeat, rules.pin) : null);
    setProblem(bad);
    if (!bad) onSubmit(puk, setsPin ? pin : undefined);
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>{t(setsPin ? 'unblock.intro' : 'unblock.introKeepsPin')}</p>
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
      {setsPin && (
        <>
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
        </>
      )}
      <FieldProblem
        problem={problem}
        params={{ rule: problem === 'rules.pukFormat' ? pukRule : pinRule }}
      />
      <button type="submit" className="primary" disabled={busy}>
        {t(setsPin ? 'unblock.submit' : 'unblock.submitKeepsPin')}
      </button>
    </form>
  );
}
