// `lifeboat …`: the headless face of the same services the console uses.
import { CliUsageError, processIo, type CliIo } from './io';
import { EXIT, printError } from './output';

interface Command {
  summary: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

// Loaded on demand so that, say, `lifeboat shares` never loads the PC/SC binding.
const COMMANDS: Record<string, Command> = {
  readers: {
    summary: 'list card readers and cards',
    run: async (argv, io) => (await import('./readers')).runReaders(argv, io),
  },
  card: {
    summary: 'Keycard: info, identify, pair, PIN, addresses, sign, load',
    run: async (argv, io) => (await import('./card')).runCard(argv, io),
  },
  shares: {
    summary: 'split, combine and check SLIP-39 shares',
    run: async (argv, io) => (await import('./shares')).runShares(argv, io),
  },
  phrase: {
    summary: 'check a BIP-39 phrase, show its wallet fingerprint',
    run: async (argv, io) => (await import('./phrase')).runPhrase(argv, io),
  },
  discover: {
    summary: 'find the used accounts of a wallet and their balances',
    run: async (argv, io) => (await import('./discover')).runDiscover(argv, io),
  },
  sweep: {
    summary: 'move everything to a new address: plan, execute, resume, report',
    run: async (argv, io) => (await import('./sweep')).runSweep(argv, io),
  },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: lifeboat <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "lifeboat <command> --help" for a command's options.`;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage()}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n${usage()}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      return printError(io, rest.includes('--json'), new CliUsageError(error.message));
    }
    return printError(io, rest.includes('--json'), error);
  }
}
