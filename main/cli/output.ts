import { ERROR_HELP } from '../../preload/errors';
import { toErrorData } from '../errors';
import { CliUsageError, type CliIo } from './io';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Prints a command's result: one JSON object with --json, otherwise readable text. */
export function printResult(io: CliIo, json: boolean, value: object, text: () => string): void {
  io.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text()}\n`);
}

/**
 * Prints a failure and returns the exit code. With --json the failure is
 * {"error":{"code","message",…details}} on stdout, so scripts read one object either way.
 */
export function printError(io: CliIo, json: boolean, error: unknown): number {
  if (error instanceof CliUsageError) {
    if (json)
      io.stdout.write(
        `${JSON.stringify({ error: { code: 'invalid-request', message: error.message } })}\n`,
      );
    else io.stderr.write(`${error.message}\n`);
    return EXIT.usage;
  }
  const data = toErrorData(error);
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ error: { code: data.code, message: data.message, ...data.details } })}\n`,
    );
  } else {
    const help = ERROR_HELP[data.code];
    io.stderr.write(
      `Error (${data.code}): ${data.message}\n${help === data.message ? '' : `${help}\n`}`,
    );
  }
  return EXIT.failed;
}
