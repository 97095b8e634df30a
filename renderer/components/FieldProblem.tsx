import type { MessageKey, Params } from '../i18n/t';
import { t } from '../i18n/t';

interface FieldProblemProps {
  problem: MessageKey | null;
  id?: string;
  /** Values for the message's placeholders, e.g. the rule a PIN broke. */
  params?: Params;
}

/** A local validation message for a form, announced when it appears. */
export function FieldProblem({ problem, id, params }: FieldProblemProps) {
  if (!problem) return null;
  return (
    <p id={id} className="field-problem" role="alert">
      {t(problem, params)}
    </p>
  );
}
