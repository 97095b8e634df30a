import type { RecoveryProblem } from '../../preload/api';
import { errorText } from '../components/error-text';
import { t } from '../i18n/t';

/** Why a share or phrase was refused, with the word to look at when it is known. */
export function ProblemNotice({
  problem,
  id,
}: {
  problem: RecoveryProblem | null | undefined;
  id?: string;
}) {
  if (!problem) return null;
  const { title, help } = errorText(problem);
  return (
    <div id={id} className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      {help && <p>{help}</p>}
      {problem.wordIndex !== undefined && (
        <p>{t('words.checkWord', { number: problem.wordIndex + 1 })}</p>
      )}
    </div>
  );
}
