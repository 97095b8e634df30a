// Runs `lifeboat …` in-process with fake streams, from a script (stdin given up front) or at
// a fake terminal (each answer typed when its prompt appears), or as a real process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../../main/cli/index';
import type { CliIo } from '../../../main/cli/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** As from a script: `input` is the whole of standard input. */
export async function runCli(argv: string[], input: string): Promise<CliRun> {
  const stdout = sink();
  const stderr = sink();
  const io: CliIo = { stdin: Readable.from([input]), stdout: stdout.stream, stderr: stderr.stream };
  const code = await main(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

export interface TerminalRun extends CliRun {
  /** For each answer typed: whether the terminal was in raw mode, i.e. did not echo it. */
  hidden: boolean[];
}

/**
 * At a terminal: each answer is typed once the next prompt (text ending in ": ") shows. A
 * function answers from the prompt and all the command said before it (undefined: no answer).
 */
export async function runCliAtTerminal(
  argv: string[],
  answers: string[] | ((prompt: string, said: string) => string | undefined),
): Promise<TerminalRun> {
  let raw = false;
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: (mode: boolean) => {
      raw = mode;
    },
  });
  const stdout = sink();
  const stderr = sink();
  const pending = typeof answers === 'function' ? [] : [...answers];
  const hidden: boolean[] = [];
  stderr.stream.on('data', (chunk: Buffer) => {
    const prompt = chunk.toString('utf8');
    if (!prompt.endsWith(': ')) return;
    const answer = typeof answers === 'function' ? answers(prompt, stderr.text()) : pending.shift();
    // Typed a moment later, as a person would, once the prompt is listening.
    if (answer !== undefined)
      setImmediate(() => {
        hidden.push(raw);
        stdin.write(`${answer}\r\n`);
      });
  });
  const code = await main(argv, { stdin, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text(), hidden };
}

/** Someone at a terminal who answers prompts and reacts to what the command says. */
export interface Person {
  /** Answers a prompt (text ending in ": "), or undefined to leave it unanswered. */
  answer(prompt: string): string | undefined;
  /** Sees everything else the command says (e.g. to swap a card when told to). */
  read?(text: string): Promise<void> | void;
}

/** At a terminal where `person` reads, answers and swaps cards. */
export async function runCliWithPerson(argv: string[], person: Person): Promise<TerminalRun> {
  let raw = false;
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: (mode: boolean) => {
      raw = mode;
    },
  });
  const stdout = sink();
  const stderr = sink();
  const hidden: boolean[] = [];
  stderr.stream.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (text.endsWith(': ')) {
      const answer = person.answer(text);
      if (answer !== undefined)
        setImmediate(() => {
          hidden.push(raw);
          stdin.write(`${answer}\r\n`);
        });
    } else void person.read?.(text);
  });
  const code = await main(argv, { stdin, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text(), hidden };
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

/** A real `node --import tsx main/cli/bin.ts …` process. */
export function runCliProcess(argv: string[], input: string): CliRun {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/bin.ts', ...argv], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
