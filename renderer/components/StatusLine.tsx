import type { ReactNode } from 'react';

/** A visible line that screen readers announce whenever its text changes. */
export function StatusLine({
  children,
  tone = 'info',
  id,
}: {
  children: ReactNode;
  tone?: Tone;
  id?: string;
}) {
  return (
    <p id={id} className={`status status-${tone}`} role="status" aria-live="polite">
      {children}
    </p>
  );
}

export type Tone = 'info' | 'good' | 'warning' | 'bad';
