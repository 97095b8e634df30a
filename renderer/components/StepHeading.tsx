import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The heading of a step. It takes the focus when it appears, so keyboard and screen-reader
 * users land on the new step instead of on a button that no longer exists.
 */
export function StepHeading({ level = 2, children }: { level?: 1 | 2; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const Tag = level === 1 ? 'h1' : 'h2';
  return (
    <Tag ref={ref} tabIndex={-1} className="step-heading">
      {children}
    </Tag>
  );
}
