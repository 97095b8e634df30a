import type { MessageKey } from '../i18n/t';
import { t } from '../i18n/t';

/** A local validation message for a form, announced when it appears. */
export function FieldProblem({ problem, id }: { problem: MessageKey | null; id?: string }) {
  if (!problem) return null;
  return (
    <p id={id} className="field-problem" role="alert">
      {t(problem)}
    </p>
  );
}
