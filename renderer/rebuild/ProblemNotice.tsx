import type { RecoveryProblem } from '../../preload/api';
import { ERROR_HELP } from '../../preload/errors';
import { t } from '../i18n/t';

/** Why a share or phrase was refused, with the word to look at when it is known. */
export function ProblemNotice({ problem }: { problem: RecoveryProblem | null | undefined }) {
  if (!problem) return null;
  const help = ERROR_HELP[problem.code];
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{problem.message}</p>
      {help !== problem.message && <p>{help}</p>}
      {problem.wordIndex !== undefined && (
        <p>{t('words.checkWord', { number: problem.wordIndex + 1 })}</p>
      )}
    </div>
  );
}
