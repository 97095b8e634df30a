import { ERROR_HELP, type ErrorCode } from '../../preload/errors';
import { toErrorData } from '../errors';
import { CliUsageError, type CliIo } from './io';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Where the console's help speaks of its screens, the command line says what to do here. */
const CLI_HELP: Partial<Record<ErrorCode, string>> = {
  'invalid-input': 'Some of what was given is not valid. Check it and run the command again.',
  'network-not-configured':
    'Name a known network (ethereum, sepolia, polygon, …) or a chain id with --rpc NETWORK=URL.',
  'no-network-chosen':
    'Name the networks to search with --rpc NETWORK=URL ("lifeboat networks list" shows public servers).',
};

/** Words of a sentence, for telling whether two sentences say the same. */
function words(sentence: string): Set<string> {
  return new Set(sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function sameSentence(a: string, b: string): boolean {
  const x = words(a);
  const y = words(b);
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared / new Set([...x, ...y]).size >= 0.6;
}

/** The sentences of `help` that `message` does not already say, so nothing is said twice. */
export function helpBeyond(message: string, help: string): string {
  const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s !== '');
  const said = sentences(message);
  return sentences(help)
    .filter((sentence) => !said.some((m) => sameSentence(m, sentence)))
    .join(' ');
}

/** Prints a command's result: one JSON object with --json, otherwise readable text. */
export function printResult(io: CliIo, json: boolean, value: object, text: () => string): void {
  io.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text()}\n`);
}

/**
 * Prints a failure and returns the exit code. With --json the failure is
 * {"error":{"code","message",…details}} on stdout, so scripts read one object either way.
 * As text: the message, then the code's help where it says something the message did not.
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
    const help = helpBeyond(data.message, CLI_HELP[data.code] ?? ERROR_HELP[data.code]);
    io.stderr.write(`Error (${data.code}): ${data.message}\n${help ? `${help}\n` : ''}`);
  }
  return EXIT.failed;
}
