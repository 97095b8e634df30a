import { ERROR_HELP, isErrorCode, type ErrorCode } from '../preload/errors';

export type ErrorDetails = Record<string, string | number | boolean | null>;

/** The one error type main raises on purpose. `details` must never hold a secret. */
export class LifeboatError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message?: string, details?: ErrorDetails, options?: ErrorOptions) {
    super(message ?? ERROR_HELP[code], options);
    this.name = 'LifeboatError';
    this.code = code;
    this.details = details;
  }
}

export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

/** Turns anything thrown into data that can cross IPC or be printed by the CLI. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof LifeboatError && isErrorCode(error.code)) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details };
  }
  return { code: 'internal', message: ERROR_HELP.internal };
}

export function isLifeboatError(error: unknown, code?: ErrorCode): error is LifeboatError {
  return error instanceof LifeboatError && (code === undefined || error.code === code);
}
