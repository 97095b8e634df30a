import { useId, useState } from 'react';
import type { ApiError } from '../../preload/api';
import { FieldProblem } from '../components/FieldProblem';
import { formatGwei, parseGwei } from '../format/amount';
import { t } from '../i18n/t';

interface FeeCapRaiseProps {
  /** The `fee-cap-exceeded` pause, with the fee that was needed and the cap in its details. */
  error: ApiError;
  /** The cap typed in place of the proposed one, in wei; null when it is not a valid amount. */
  onChange: (wei: string | null) => void;
}

function wei(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d+$/.test(value) ? value : undefined;
}

/** The cap proposed until the person types another: the fee that was needed (wei). */
export function proposedCap(error: ApiError | undefined): string | null {
  return wei(error?.details?.maxFeePerGas) ?? null;
}

/** The fee rose above the cap the person accepted: say so, and ask for a higher cap. */
export function FeeCapRaise({ error, onChange }: FeeCapRaiseProps) {
  const id = useId();
  const needed = proposedCap(error);
  const cap = wei(error.details?.cap);
  const [text, setText] = useState(needed === null ? '' : formatGwei(needed));
  const valid = parseGwei(text) !== null;

  return (
    <div className="stack">
      {needed !== null && cap !== undefined && (
        <p>{t('run.feeRose', { needed: formatGwei(needed), cap: formatGwei(cap) })}</p>
      )}
      <label htmlFor={`${id}-cap`}>{t('run.newCap')}</label>
      <input
        id={`${id}-cap`}
        value={text}
        inputMode="decimal"
        aria-describedby={valid ? undefined : `${id}-problem`}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseGwei(e.target.value));
        }}
      />
      <FieldProblem id={`${id}-problem`} problem={valid ? null : 'review.badCap'} />
      <p className="hint">{t('run.newCapHint')}</p>
    </div>
  );
}
