import { useEffect, useState } from 'react';
import { t } from '../i18n/t';

/**
 * Copies an address or a hash (never a secret) to the clipboard, and says so. `what` names
 * the thing for screen readers, since the visible label is the same everywhere.
 */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <>
      <button
        type="button"
        className="small"
        aria-label={t('copy.label', { what })}
        onClick={() => void copy()}
      >
        {t('copy.button')}
      </button>
      <span className="copy-state" role="status" aria-live="polite">
        {state === 'copied' ? t('copy.done') : state === 'failed' ? t('copy.failed') : ''}
      </span>
    </>
  );
}
