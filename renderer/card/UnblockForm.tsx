import { useId, useState, type FormEvent } from 'react';
import { FieldProblem } from '../components/FieldProblem';
import { StatusLine } from '../components/StatusLine';
import { takeFields } from '../components/take-fields';
import { t, type MessageKey } from '../i18n/t';
import { pukGuidance } from './pin-guidance';
import { newPinProblem, PIN_LENGTH, PUK_LENGTH, pukProblem } from './secret-rules';

interface UnblockFormProps {
  pukTries: number;
  wrong: boolean;
  busy: boolean;
  onSubmit: (puk: string, newPin: string) => void;
}

/** The PIN is blocked: the PUK unblocks it and sets a new PIN in one step. */
export function UnblockForm({ pukTries, wrong, busy, onSubmit }: UnblockFormProps) {
  const id = useId();
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const guidance = pukGuidance(pukTries);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { puk, pin, repeat } = takeFields(event.currentTarget, ['puk', 'pin', 'repeat']);
    const bad = pukProblem(puk) ?? newPinProblem(pin, repeat);
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
      <label htmlFor={`${id}-puk`}>{t('unblock.puk')}</label>
      <input
        id={`${id}-puk`}
        name="puk"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={PUK_LENGTH}
        disabled={busy}
      />
      <label htmlFor={`${id}-pin`}>{t('unblock.newPin')}</label>
      <input
        id={`${id}-pin`}
        name="pin"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={PIN_LENGTH}
        disabled={busy}
      />
      <label htmlFor={`${id}-repeat`}>{t('unblock.repeatPin')}</label>
      <input
        id={`${id}-repeat`}
        name="repeat"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={PIN_LENGTH}
        disabled={busy}
      />
      <FieldProblem problem={problem} />
      <button type="submit" className="primary" disabled={busy}>
        {t('unblock.submit')}
      </button>
    </form>
  );
}
