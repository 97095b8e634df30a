// `lifeboat backup …`: a backup card (a Seedkeeper) at the terminal. It keeps copies of
// recovery phrases and Shamir shares under its PIN: list what it keeps (never a secret),
// store a phrase or one share, and open what it keeps — printing only the wallet's
// fingerprint and first addresses, as `lifeboat phrase fingerprint` does.
import { parseArgs } from 'node:util';
import type { BackupSecret, BackupSecretHeader } from '../cards/family';
import { wipeBackupSecret } from '../cards/family';
import { LifeboatError } from '../errors';
import { walletPreview } from '../secrets/derivation';
import { detectInputKind } from '../secrets/input-kind';
import { KIND_TEXT, seedFromBackupCards } from './backup-reading';
import { cardSessions, type CardSessions } from './card-unlock';
import { dataDirOf } from './data-dir';
import { CliUsageError, LineReader, type CliIo } from './io';
import { EXIT, printResult } from './output';
import { describeWallet } from './shares';

export const backupUsage = `Usage: lifeboat backup <command> --reader NAME [--json] [options]

A backup card (a Seedkeeper) keeps copies of recovery phrases and Shamir shares under its PIN.

Commands:
  list                  what the card keeps: each secret's label, kind and fingerprint, and
                        whether Lifeboat can open it; never a secret. Reads the PIN.
  store --label LABEL   keep a recovery phrase, or one Shamir share, on the card. Reads the
                        PIN, then the phrase (or the share), an empty line, then the phrase's
                        passphrase (empty for none; a share is kept without one).
        --plain-export  let the card give the secret back in plain form later, so that
                        "backup open" (and anyone holding the card and its PIN) can read it.
                        Without it the card keeps the secret so that it can never be read out,
                        only moved, encrypted, to another Seedkeeper: safer, but Lifeboat
                        cannot open it then.
  open [--label LABEL]  the wallet the secret opens: its key UID and first addresses, as
                        "lifeboat phrase fingerprint" prints them. Reads the PIN. --label
                        chooses the secret when the card keeps several. Shamir shares are
                        gathered from each card named with --reader (repeat it), then from
                        cards swapped into the last reader until the backup is complete; then
                        the Shamir passphrase is read (empty for none).

Secrets come from a hidden prompt, or one per line on standard input when it is not a
terminal, never from the command line.`;

const utf8 = new TextEncoder();

type Values = {
  reader?: string[];
  label?: string;
  'plain-export'?: boolean;
  json?: boolean;
  'data-dir'?: string;
};

interface Context {
  io: CliIo;
  lines: LineReader;
  sessions: CardSessions;
  readers: string[];
  values: Values;
}

function describeSecrets(reader: string, headers: BackupSecretHeader[]): string {
  if (headers.length === 0) return `The backup card in ${reader} keeps nothing yet.`;
  return [
    `The backup card in ${reader} keeps:`,
    ...headers.map(
      (h) =>
        `  ${h.label.padEnd(24)} ${KIND_TEXT[h.kind].padEnd(16)} fingerprint ${h.fingerprint}${h.exportable ? '' : '  (kept so that it cannot be read out)'}`,
    ),
  ].join('\n');
}

/** The phrase or share to store and its passphrase line, as `card load` reads them. */
async function readSecret(ctx: Context): Promise<BackupSecret> {
  if (ctx.lines.interactive)
    ctx.io.stderr.write(
      'Enter the recovery phrase, or one Shamir share; end with an empty line.\n',
    );
  const lines: string[] = [];
  for (;;) {
    const line = await ctx.lines.read(
      lines.length === 0 ? 'Phrase or share: ' : 'More words (empty to finish): ',
      { secret: true },
    );
    if (line === undefined || line.trim() === '') break;
    lines.push(line.trim());
  }
  if (lines.length === 0)
    throw new CliUsageError('Expected a recovery phrase or a share on standard input.');
  const passphrase =
    (await ctx.lines.read('Passphrase (empty for none): ', { secret: true })) ?? '';
  const kind = detectInputKind(lines.join('\n'));
  if (kind === 'slip39') {
    if (lines.length > 1)
      throw new CliUsageError('Store one Shamir share per backup card, on a single line.');
    if (passphrase !== '')
      throw new CliUsageError(
        'A Shamir share is kept without its passphrase: give an empty passphrase line.',
      );
    return { kind: 'slip39-share', share: utf8.encode(lines[0]!) };
  }
  return {
    kind: 'bip39',
    phrase: utf8.encode(lines.join(' ')),
    passphrase: utf8.encode(passphrase),
  };
}

const SUBCOMMANDS: Record<string, (ctx: Context) => Promise<{ value: object; text: string }>> = {
  async list(ctx) {
    const reader = onlyReader(ctx);
    const sessionId = await ctx.sessions.unlock(reader, ctx.lines, 'backup');
    const secrets = await ctx.sessions.cards.listBackups(sessionId);
    return { value: { reader, secrets }, text: describeSecrets(reader, secrets) };
  },

  async store(ctx) {
    const reader = onlyReader(ctx);
    const label = ctx.values.label;
    if (label === undefined || label.trim() === '')
      throw new CliUsageError('--label is required: the name the secret is kept under.');
    const sessionId = await ctx.sessions.unlock(reader, ctx.lines, 'backup');
    const { cards } = ctx.sessions;
    if ((await cards.listBackups(sessionId)).some((h) => h.label === label))
      throw new LifeboatError(
        'invalid-input',
        `The backup card in ${reader} already keeps a secret labelled "${label}"; choose another label.`,
        { reader, label },
      );
    const secret = await readSecret(ctx);
    try {
      const stored = await cards.storeBackup(sessionId, label, secret, {
        exportable: ctx.values['plain-export'] === true,
      });
      return {
        value: { stored: true, reader, ...stored },
        text: [
          `The ${KIND_TEXT[stored.kind]} is kept on the backup card in ${reader} as "${stored.label}" (fingerprint ${stored.fingerprint}).`,
          stored.exportable
            ? 'It can be read back in plain form with the card and its PIN.'
            : 'It can never be read out of the card in plain form, by Lifeboat or anyone else.',
        ].join('\n'),
      };
    } finally {
      wipeBackupSecret(secret);
    }
  },

  async open(ctx) {
    const { seed } = await seedFromBackupCards({
      sessions: ctx.sessions,
      lines: ctx.lines,
      tell: (text) => ctx.io.stderr.write(`${text}\n`),
      readers: ctx.readers,
      label: ctx.values.label,
    });
    try {
      const preview = walletPreview(seed);
      return { value: preview, text: describeWallet(preview) };
    } finally {
      seed.fill(0);
    }
  },
};

function onlyReader(ctx: Context): string {
  if (ctx.readers.length > 1)
    throw new CliUsageError('Name one reader with --reader; only "backup open" takes several.');
  return ctx.readers[0]!;
}

export async function runBackup(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stdout.write(`${backupUsage}\n`);
    return EXIT.usage;
  }
  const subcommand = SUBCOMMANDS[name];
  if (!subcommand) throw new CliUsageError(`Unknown backup command "${name}".\n\n${backupUsage}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      reader: { type: 'string', multiple: true },
      label: { type: 'string' },
      'plain-export': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const readers = values.reader ?? [];
  if (readers.length === 0)
    throw new CliUsageError('--reader is required: the reader that holds the backup card.');
  const sessions = await cardSessions(dataDirOf(values));
  const lines = new LineReader(io);
  try {
    const output = await subcommand({ io, lines, sessions, readers, values });
    printResult(io, values.json === true, output.value, () => output.text);
    return EXIT.ok;
  } finally {
    lines.close();
    await sessions.close();
  }
}
