// A RecoveryProblem is a typed error as plain data for the live checks: the code, the plain
// words, and where possible the word or header field at fault.
import type { RecoveryProblem } from '../../preload/api';
import { LifeboatError } from '../errors';

/** The problem a LifeboatError describes; anything else is a bug and is rethrown. */
export function toProblem(error: unknown): RecoveryProblem {
  if (!(error instanceof LifeboatError)) throw error;
  const { wordIndex, field } = error.details ?? {};
  return {
    code: error.code,
    message: error.message,
    ...(typeof field === 'string' ? { field } : {}),
    ...(typeof wordIndex === 'number' ? { wordIndex } : {}),
  };
}

/** The typed error for a share's problem, saying which share (0-based `shareIndex`) it was. */
export function shareProblemError(problem: RecoveryProblem, shareIndex: number): LifeboatError {
  const details: Record<string, string | number> = { shareIndex };
  if (problem.field !== undefined) details.field = problem.field;
  if (problem.wordIndex !== undefined) details.wordIndex = problem.wordIndex;
  return new LifeboatError(problem.code, `Share ${shareIndex + 1}: ${problem.message}`, details);
}
