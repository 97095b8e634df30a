// `lifeboat wallet` and `lifeboat drill` refuse what they cannot do before any card is
// touched: no reader is opened for a malformed call.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-harness';

const json = (stdout: string) => JSON.parse(stdout) as { error: { code: string; message: string } };

describe('lifeboat wallet create, called wrongly', () => {
  it('says what T-of-N means when --shares is not written that way', async () => {
    const run = await runCli(
      ['wallet', 'create', '--card', 'R', '--shares', '2of', '--yes', '--json'],
      '',
    );
    expect(run.code).toBe(1);
    expect(json(run.stdout).error).toMatchObject({ code: 'invalid-split-parameters' });
    expect(json(run.stdout).error.message).toContain('2-of-3');
  });

  it('refuses a share set SLIP-39 cannot make', async () => {
    const run = await runCli(
      ['wallet', 'create', '--card', 'R', '--shares', '4-of-3', '--json'],
      '',
    );
    expect(json(run.stdout).error.code).toBe('invalid-split-parameters');
  });

  it('asks for the number of groups that rebuild the wallet with several groups', async () => {
    const run = await runCli(
      ['wallet', 'create', '--card', 'R', '--shares', '2-of-3', '--shares', '1-of-1', '--json'],
      '',
    );
    expect(json(run.stdout).error.message).toContain('how many of them rebuild the wallet');
  });

  it('refuses shares and a phrase together, no card, and too many cards, as usage errors', async () => {
    for (const argv of [
      ['--card', 'R', '--shares', '2-of-3', '--phrase'],
      ['--phrase'],
      ['--card', 'A', '--card', 'B', '--card', 'C', '--card', 'D'],
      ['--card', 'R', '--words', '12'],
    ]) {
      const run = await runCli(['wallet', 'create', ...argv], '');
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).not.toBe('');
    }
  });

  it('refuses --share-card without --shares, and more backup cards than shares', async () => {
    const alone = await runCli(['wallet', 'create', '--share-card', 'R', '--json'], '');
    expect(alone.code).toBe(2);
    expect(json(alone.stdout).error.message).toContain('--share-card goes with --shares');
    const many = await runCli(
      [
        'wallet',
        'create',
        ...['--shares', '2-of-3'],
        ...['--share-card', 'R', '--share-card', 'R', '--share-card', 'R', '--share-card', 'R'],
        '--json',
      ],
      '',
    );
    expect(many.code).toBe(1);
    expect(json(many.stdout).error).toMatchObject({ code: 'invalid-split-parameters' });
    expect(json(many.stdout).error.message).toContain('at most 3 backup cards');
  });

  it('wants a typed ONE COPY for a single card, and stops without one', async () => {
    const run = await runCli(['wallet', 'create', '--card', 'R', '--yes', '--json'], 'one copy\n');
    expect(run.code).toBe(1);
    expect(json(run.stdout).error.code).toBe('single-copy');
  });

  it('stops when the person does not say yes', async () => {
    const run = await runCli(['wallet', 'create', '--card', 'R', '--phrase', '--json'], 'no\n');
    expect(json(run.stdout).error.code).toBe('cancelled');
  });

  it('explains itself with --help', async () => {
    const run = await runCli(['wallet', 'create', '--help'], '');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--shares T-of-N');
    expect(run.stdout).toContain('in the order of the --card options');
    expect(run.stdout).toContain(
      'then the PIN of each backup\n    card, in the order of the --share-card options',
    );
  });
});

describe('lifeboat drill, called wrongly', () => {
  it('drills cards or shares, not both and not neither', async () => {
    for (const argv of [[], ['--card', 'R', '--shares']]) {
      const run = await runCli(['drill', ...argv], '');
      expect(run.code).toBe(2);
    }
    const alone = await runCli(['drill', '--share-card', 'R'], '');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--share-card goes with --shares');
  });

  it('says plainly when it remembers no wallet made of shares, before any reader', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-drill-'));
    try {
      const run = await runCli(
        ['drill', '--shares', '--share-card', 'No such reader', '--json', '--data-dir', dataDir],
        '',
      );
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({
        error: { code: 'not-remembered', message: 'Lifeboat remembers no wallet made of shares.' },
      });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('explains itself with --help', async () => {
    const run = await runCli(['drill', '--help'], '');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--card READER');
    expect(run.stdout).toContain('lifeboat drill --shares --share-card READER');
  });
});
