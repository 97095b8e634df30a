// One call into main with its busy flag and its last failure, for buttons and forms.
import { useState } from 'react';
import type { ApiError, Result } from '../../preload/api';

export interface Action<A extends unknown[], T> {
  run: (...args: A) => Promise<Result<T>>;
  busy: boolean;
  error: ApiError | null;
  clear: () => void;
}

export function useAction<A extends unknown[], T>(
  call: (...args: A) => Promise<Result<T>>,
): Action<A, T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (...args: A): Promise<Result<T>> => {
    setBusy(true);
    setError(null);
    const result = await call(...args);
    setBusy(false);
    if (!result.ok) setError(result.error);
    return result;
  };
  return { run, busy, error, clear: () => setError(null) };
}
