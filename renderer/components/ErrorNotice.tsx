import type { ApiError } from '../../preload/api';
import { ERROR_HELP } from '../../preload/errors';

/** A failure in plain words: what happened (from main) and what to do (the code's help text). */
export function ErrorNotice({ error }: { error: ApiError | null }) {
  if (!error) return null;
  const help = ERROR_HELP[error.code];
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{error.message}</p>
      {help !== error.message && <p>{help}</p>}
    </div>
  );
}
