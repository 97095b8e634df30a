// Asking for help works the same everywhere and never does anything else: every command and
// every subcommand answers --help, -h and "help" with its usage on standard output.
import { describe, expect, it } from 'vitest';
import { runCli, runCliAtTerminal } from './cli-harness';

/** Every command line a person may ask help for, and a word its usage must contain. */
const TOPICS: [string[], string][] = [
  [['readers'], 'lifeboat readers'],
  [['card'], 'lifeboat card'],
  ...[
    'info',
    'identify',
    'init',
    'pair',
    'status',
    'verify-pin',
    'change-pin',
    'unblock',
    'addresses',
    'sign',
    'load',
    'generate',
    'unpair',
    'factory-reset',
  ].map((sub): [string[], string] => [['card', sub], 'lifeboat card']),
  [['backup'], 'lifeboat backup'],
  ...['list', 'store', 'open'].map((sub): [string[], string] => [
    ['backup', sub],
    'lifeboat backup',
  ]),
  [['shares'], 'lifeboat shares'],
  ...['combine', 'split', 'check'].map((sub): [string[], string] => [
    ['shares', sub],
    `lifeboat shares ${sub}`,
  ]),
  [['phrase'], 'lifeboat phrase'],
  ...['check', 'fingerprint'].map((sub): [string[], string] => [
    ['phrase', sub],
    `lifeboat phrase ${sub}`,
  ]),
  [['discover'], 'lifeboat discover'],
  [['networks'], 'lifeboat networks'],
  ...['list', 'check'].map((sub): [string[], string] => [['networks', sub], 'lifeboat networks']),
  [['sweep'], 'lifeboat sweep'],
  ...['plan', 'execute', 'resume', 'report', 'list'].map((sub): [string[], string] => [
    ['sweep', sub],
    'lifeboat sweep',
  ]),
  [['safe'], 'lifeboat safe'],
  ...[
    'create',
    'show',
    'sweep',
    'replace-owner',
    'add-owner',
    'remove-owner',
    'change-threshold',
  ].map((sub): [string[], string] => [['safe', sub], 'lifeboat safe']),
];

describe('help', () => {
  for (const [words, expected] of TOPICS) {
    it(`answers "lifeboat ${words.join(' ')} --help"`, async () => {
      for (const argv of [
        [...words, '--help'],
        [...words, '-h'],
        [...words, '--json', '--help'],
      ]) {
        const run = await runCli(argv, '');
        expect(run, argv.join(' ')).toMatchObject({ code: 0, stderr: '' });
        expect(run.stdout, argv.join(' ')).toContain(expected);
      }
    });
  }

  it('answers "lifeboat help COMMAND" and "lifeboat COMMAND help"', async () => {
    for (const argv of [
      ['help', 'card'],
      ['card', 'help'],
    ]) {
      const run = await runCli(argv, '');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('factory-reset');
    }
    const top = await runCli(['help'], '');
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Commands:');
  });

  it('names an unknown command, and points to --help after a wrong option', async () => {
    const unknown = await runCli(['help', 'frobnicate'], '');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const option = await runCli(['phrase', 'check', '--frobnicate'], '');
    expect(option.code).toBe(2);
    expect(option.stderr).toBe(
      `Unknown option '--frobnicate'. Run "lifeboat phrase --help" for its options.\n`,
    );
  });
});

describe('a person who stops or runs out of input', () => {
  it('cancels the command with Ctrl-C at a hidden prompt', async () => {
    const run = await runCliAtTerminal(['shares', 'combine'], ['\u0003']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Error (cancelled): The operation was cancelled.');
    expect(run.stderr).not.toContain('insufficient-shares');
  });

  it('names what standard input ended before', async () => {
    const run = await runCli(['shares', 'split', '--group', '2-of-3'], '');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('Standard input ended; expected: Master secret (hex).\n');
  });
});
