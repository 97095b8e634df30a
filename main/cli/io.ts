import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { LifeboatError } from '../errors';

export interface CliIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
}

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

/**
 * Reads what a command needs from the person: one value per line on stdin when stdin is
 * not a terminal (scripts, tests), otherwise a prompt on stderr, with no echo for secrets.
 * Secrets never come from argv, so they never show up in `ps` or shell history.
 */
export class LineReader {
  private readonly lines: string[] = [];
  private readonly waiting: ((line: string | undefined) => void)[] = [];
  private ended = false;
  private rl: readline.Interface | undefined;

  constructor(private readonly io: CliIo) {}

  get interactive(): boolean {
    return this.io.stdin.isTTY === true;
  }

  /**
   * The next line, or undefined at end of input (Ctrl-D at a terminal). Ctrl-C at a hidden
   * prompt cancels the command.
   */
  async read(prompt: string, options: { secret?: boolean } = {}): Promise<string | undefined> {
    if (this.interactive) return this.prompt(prompt, options.secret === true);
    this.attach();
    const queued = this.lines.shift();
    if (queued !== undefined) return queued;
    if (this.ended) return undefined;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /**
   * Like `read`, but a missing line is an error: at a terminal the person gave up
   * (`cancelled`), from a script the input ended too soon, naming what was expected.
   */
  async require(prompt: string, options: { secret?: boolean } = {}): Promise<string> {
    const line = await this.read(prompt, options);
    if (line !== undefined) return line;
    if (this.interactive) throw new LifeboatError('cancelled');
    throw new CliUsageError(`Standard input ended; expected: ${prompt.replace(/[:\s]+$/, '')}.`);
  }

  close(): void {
    this.rl?.close();
  }

  private attach(): void {
    if (this.rl) return;
    this.rl = readline.createInterface({
      input: this.io.stdin,
      crlfDelay: Infinity,
      terminal: false,
    });
    this.rl.on('line', (line) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter(line);
      else this.lines.push(line);
    });
    this.rl.on('close', () => {
      this.ended = true;
      for (const waiter of this.waiting.splice(0)) waiter(undefined);
    });
  }

  private prompt(text: string, secret: boolean): Promise<string | undefined> {
    const { stdin, stderr } = this.io;
    stderr.write(text);
    if (!secret) {
      return new Promise((resolve) => {
        const rl = readline.createInterface({ input: stdin, output: stderr, terminal: false });
        // Resolve before closing: close() emits 'close' at once, which would resolve first.
        rl.once('line', (line) => {
          resolve(line);
          rl.close();
        });
        rl.once('close', () => resolve(undefined));
      });
    }
    return new Promise((resolve, reject) => {
      let value = '';
      stdin.setRawMode?.(true);
      stdin.resume();
      const finish = (result: string | undefined | LifeboatError) => {
        stdin.setRawMode?.(false);
        stdin.pause();
        stdin.removeListener('data', onData);
        stderr.write('\n');
        if (result instanceof LifeboatError) reject(result);
        else resolve(result);
      };
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return finish(value);
          // Raw mode turns Ctrl-C into a character; it still means "stop".
          if (ch === '\u0003') return finish(new LifeboatError('cancelled'));
          if (ch === '\u0004') return finish(undefined);
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else if (ch >= ' ') value += ch;
        }
      };
      stdin.on('data', onData);
    });
  }
}

/** A mistake in how the command was called: printed with usage, exit code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}
