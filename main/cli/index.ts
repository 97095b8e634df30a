// `lifeboat …`: the headless face of the same services the console uses.
import { CliUsageError, processIo, type CliIo } from './io';
import { EXIT, printError } from './output';

interface Command {
  summary: string;
  /** The command's whole usage, subcommands included. */
  usage(): Promise<string>;
  run(argv: string[], io: CliIo): Promise<number>;
}

// Loaded on demand so that, say, `lifeboat shares` never loads the PC/SC binding.
const COMMANDS: Record<string, Command> = {
  readers: {
    summary: 'list card readers and cards',
    usage: async () => (await import('./readers')).readersUsage,
    run: async (argv, io) => (await import('./readers')).runReaders(argv, io),
  },
  card: {
    summary: 'a smart card: info, identify, pair, PIN, addresses, sign, load, reset',
    usage: async () => (await import('./card')).cardUsage,
    run: async (argv, io) => (await import('./card')).runCard(argv, io),
  },
  backup: {
    summary: 'a backup card (Seedkeeper): list, store and open phrases and shares',
    usage: async () => (await import('./backup')).backupUsage,
    run: async (argv, io) => (await import('./backup')).runBackup(argv, io),
  },
  shares: {
    summary: 'split, combine and check SLIP-39 shares',
    usage: async () => (await import('./shares')).sharesUsage,
    run: async (argv, io) => (await import('./shares')).runShares(argv, io),
  },
  phrase: {
    summary: 'check a BIP-39 phrase, show its wallet fingerprint',
    usage: async () => (await import('./phrase')).phraseUsage,
    run: async (argv, io) => (await import('./phrase')).runPhrase(argv, io),
  },
  discover: {
    summary: 'find the used accounts of a wallet and their balances',
    usage: async () => (await import('./discover')).discoverUsage,
    run: async (argv, io) => (await import('./discover')).runDiscover(argv, io),
  },
  networks: {
    summary: 'known networks and their public RPC servers; check the servers you choose',
    usage: async () => (await import('./networks')).networksUsage,
    run: async (argv, io) => (await import('./networks')).runNetworks(argv, io),
  },
  sweep: {
    summary: 'move everything to a new address: plan, execute, resume, report',
    usage: async () => (await import('./sweep')).sweepUsage,
    run: async (argv, io) => (await import('./sweep')).runSweep(argv, io),
  },
  wallet: {
    summary: 'a wallet that survives: create, list, mark a copy lost, repair (new copies)',
    usage: async () => (await import('./wallet')).walletCommandsUsage(),
    run: async (argv, io) => (await import('./wallet')).runWallet(argv, io),
  },
  drill: {
    summary: 'check that cards or shares still open a remembered wallet',
    usage: async () => (await import('./drill')).drillUsage,
    run: async (argv, io) => (await import('./drill')).runDrill(argv, io),
  },
  safe: {
    summary: 'shared wallets (Safe) owned by cards: create, show, sweep, replace an owner',
    usage: async () => (await import('./safe')).safeUsage,
    run: async (argv, io) => (await import('./safe')).runSafe(argv, io),
  },
};

const HELP_WORDS: ReadonlySet<string> = new Set(['--help', '-h']);

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: lifeboat <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "lifeboat <command> --help" for a command's options.`;
}

/**
 * Asking for help never does anything else: `lifeboat help [command]`, and `--help` or `-h`
 * anywhere after a command or subcommand, print that command's usage. `help` in place of a
 * subcommand does too.
 */
function helpTopic(argv: string[]): { command: string | undefined } | undefined {
  const [first, second, ...rest] = argv;
  if (first === undefined) return undefined;
  if (first === 'help' || HELP_WORDS.has(first)) return { command: second };
  if (second === 'help' || [second, ...rest].some((a) => a !== undefined && HELP_WORDS.has(a)))
    return { command: first };
  return undefined;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stdout.write(`${usage()}\n`);
    return EXIT.usage;
  }
  const help = helpTopic(argv);
  if (help) {
    const command = help.command === undefined ? undefined : COMMANDS[help.command];
    if (help.command !== undefined && !command) {
      io.stderr.write(`Unknown command "${help.command}".\n\n${usage()}\n`);
      return EXIT.usage;
    }
    io.stdout.write(`${command ? await command.usage() : usage()}\n`);
    return EXIT.ok;
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
      return printError(
        io,
        rest.includes('--json'),
        new CliUsageError(
          `${error.message.replace(/\.$/, '')}. Run "lifeboat ${name} --help" for its options.`,
        ),
      );
    }
    return printError(io, rest.includes('--json'), error);
  }
}
