import { parseArgs } from 'node:util';
import { LifeboatError } from '../errors';
import { bip39Seed, checkBip39Phrase } from '../secrets/bip39';
import { walletPreview } from '../secrets/derivation';
import { detectInputKind } from '../secrets/input-kind';
import { CliUsageError, LineReader, type CliIo } from './io';
import { EXIT, printError, printResult } from './output';
import { describeWallet } from './shares';

export const phraseUsage = `lifeboat phrase check [--json]
  Reads a BIP-39 recovery phrase from standard input and checks it.
lifeboat phrase fingerprint [--json]
  Reads the phrase on one line, an empty line, then the passphrase line (may be empty), and
  prints the wallet's key UID and first 5 BIP-44 addresses.`;

export async function runPhrase(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check' || command === 'fingerprint') {
    const { values } = parseArgs({
      args: rest,
      options: { json: { type: 'boolean', default: false } },
      strict: true,
    });
    const reader = new LineReader(io);
    try {
      const phrase = await readPhrase(reader);
      if (command === 'check') {
        const { language, words } = checkBip39Phrase(phrase);
        printResult(
          io,
          values.json,
          { valid: true, language, words },
          () => `The ${words}-word ${language} recovery phrase is valid.`,
        );
        return EXIT.ok;
      }
      const passphrase =
        (await reader.read('Passphrase (empty for none): ', { secret: true })) ?? '';
      const seed = await bip39Seed(phrase, passphrase);
      try {
        const preview = walletPreview(seed);
        printResult(io, values.json, preview, () => describeWallet(preview));
      } finally {
        seed.fill(0);
      }
      return EXIT.ok;
    } catch (error) {
      return printError(io, values.json, error);
    } finally {
      reader.close();
    }
  }
  if (command === undefined) {
    io.stdout.write(`${phraseUsage}\n`);
    return EXIT.usage;
  }
  return printError(
    io,
    argv.includes('--json'),
    new CliUsageError(`Unknown phrase command "${command}".\n\n${phraseUsage}`),
  );
}

/**
 * The phrase: one hidden prompt at a terminal; from a script, the lines up to the first
 * empty one (so a phrase wrapped over several lines also works). A Shamir share is refused.
 */
async function readPhrase(reader: LineReader): Promise<string> {
  const lines: string[] = [];
  for (;;) {
    const line = await reader.read('Recovery phrase: ', { secret: true });
    if (line === undefined || line.trim() === '') break;
    lines.push(line);
    if (reader.interactive) break;
  }
  const phrase = lines.join(' ');
  if (detectInputKind(phrase) === 'slip39') {
    throw new LifeboatError(
      'wrong-input-kind',
      'This is a SLIP-39 Shamir share, not a recovery phrase: use "lifeboat shares combine".',
    );
  }
  return phrase;
}
