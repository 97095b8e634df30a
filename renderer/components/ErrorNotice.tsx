import type { ApiError } from '../../preload/api';
import { errorText } from './error-text';

/** A failure in plain words: what happened (from main) and what to do (the code's help text). */
export function ErrorNotice({ error, id }: { error: ApiError | null; id?: string }) {
  if (!error) return null;
  const { title, help } = errorText(error);
  return (
    <div id={id} className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      {help && <p>{help}</p>}
    </div>
  );
}
