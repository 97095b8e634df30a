import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';

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

  /** The next line, or undefined at end of input. */
  async read(prompt: string, options: { secret?: boolean } = {}): Promise<string | undefined> {
    if (this.interactive) return this.prompt(prompt, options.secret === true);
    this.attach();
    const queued = this.lines.shift();
    if (queued !== undefined) return queued;
    if (this.ended) return undefined;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Like `read`, but a missing line is an error naming what was expected. */
  async require(prompt: string, options: { secret?: boolean } = {}): Promise<string> {
    const line = await this.read(prompt, options);
    if (line === undefined)
      throw new CliUsageError(
        `Expected ${prompt.replace(/[:\s]+$/, '').toLowerCase()} on standard input.`,
      );
    return line;
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
    return new Promise((resolve) => {
      let value = '';
      stdin.setRawMode?.(true);
      stdin.resume();
      const finish = (result: string | undefined) => {
        stdin.setRawMode?.(false);
        stdin.pause();
        stdin.removeListener('data', onData);
        stderr.write('\n');
        resolve(result);
      };
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return finish(value);
          if (ch === '\u0003' || ch === '\u0004') return finish(undefined);
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
