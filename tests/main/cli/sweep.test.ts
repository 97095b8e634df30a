// `lifeboat sweep` and `lifeboat discover` mistakes that are caught before any secret is read
// or any network is contacted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-harness';

const RPC = ['--rpc', '31337=http://127.0.0.1:1'];
const TO = ['--to', '0x1111111111111111111111111111111111111111'];

describe('lifeboat sweep, called wrongly', () => {
  it.each([
    [['sweep', 'plan', ...TO], 'Give at least one --rpc'],
    [['sweep', 'plan', ...RPC], 'Say where the funds go'],
    [
      ['sweep', 'execute', ...RPC, ...TO, '--to-reader', 'Virtual PCD 00 01'],
      'either --to or --to-reader',
    ],
    [['sweep', 'execute', ...RPC, ...TO, '--top-up'], 'needs --to-reader'],
    [['sweep', 'plan', '--rpc', 'http://127.0.0.1:1', ...TO], 'Say which network'],
    [['sweep', 'plan', ...RPC, ...TO, '--fee-model', 'cheap'], '--fee-model is one of'],
    [['sweep', 'plan', ...RPC, ...TO, '--scheme', 'bip99'], 'Unknown scheme'],
    [['sweep', 'resume', ...RPC], 'Name the case'],
    [['sweep', 'explode'], 'Unknown sweep command'],
    [['sweep', 'plan', '--bogus'], 'Unknown option'],
  ])('%j → usage error', async (argv, message) => {
    const run = await runCli([...argv, '--json'], 'never read\n');
    expect(run.code).toBe(2);
    const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid-request');
    expect(error.message).toContain(message);
  });

  it('refuses an invalid destination or preset before reading the wallet', async () => {
    const bad = await runCli(['sweep', 'plan', ...RPC, '--to', '0x1234', '--json'], '');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'invalid-address' } });
    const preset = await runCli(
      ['sweep', 'plan', '--rpc', 'atlantis=http://x', ...TO, '--json'],
      '',
    );
    expect(JSON.parse(preset.stdout)).toMatchObject({ error: { code: 'network-not-configured' } });
    const url = await runCli(
      ['sweep', 'plan', '--rpc', 'ethereum=file:///etc/passwd', ...TO, '--json'],
      '',
    );
    expect(JSON.parse(url.stdout)).toMatchObject({ error: { code: 'invalid-input' } });
  });

  it.each([
    ['0x0000000000000000000000000000000000000000', 'zero'],
    ['0x0000000000000000000000000000000000000004', 'reserved'],
    ['0x000000000000000000000000000000000000ffff', 'reserved'],
    ['0x000000000000000000000000000000000000dEaD', 'burn'],
  ])('refuses --to %s (%s) before reading the wallet', async (address, reason) => {
    const run = await runCli(['sweep', 'plan', ...RPC, '--to', address, '--json'], 'never read\n');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      error: expect.objectContaining({ code: 'destination-refused', field: 'to', reason }),
    });
  });

  it('refuses one chain given twice under two names, and says how to give both addresses', async () => {
    const run = await runCli(
      [
        'sweep',
        'plan',
        '--rpc',
        'ethereum=http://127.0.0.1:1',
        '--rpc',
        '1=http://127.0.0.1:2',
        ...TO,
      ],
      'never read\n',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Error (duplicate-chain-id): Chain 1 is given twice');
    expect(run.stderr).toContain('--rpc ethereum=URL1 --rpc ethereum=URL2');
    // Two addresses under one name are one network with two servers.
    const merged = await runCli(
      [
        'sweep',
        'plan',
        '--rpc',
        'ethereum=http://127.0.0.1:1',
        '--rpc',
        'ethereum=http://127.0.0.1:2',
        ...TO,
        '--json',
      ],
      '',
    );
    expect(JSON.parse(merged.stdout).error.code).not.toBe('duplicate-chain-id');
  });

  it('prints an error once, with its help only when that says something more', async () => {
    const run = await runCli(['sweep', 'plan', ...RPC, '--to', '0x1234'], '');
    expect(run.stderr).toBe(
      'Error (invalid-address): "0x1234" is not a valid address.\nCheck every character.\n',
    );
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cli-'));
    try {
      const bare = await runCli(
        ['sweep', 'report', '--case', '20990101-000000-00000000', '--data-dir', dataDir],
        '',
      );
      expect(bare.stderr).toBe('Error (case-not-found): That recovery case does not exist.\n');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says when standard input has no wallet', async () => {
    const run = await runCli(['sweep', 'plan', ...RPC, ...TO, '--json'], '');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error.message).toContain('recovery phrase or Shamir shares');
  });

  it('reports a case that does not exist, and lists none in an empty data directory', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cli-'));
    try {
      const report = await runCli(
        ['sweep', 'report', '--case', '20990101-000000-00000000', '--data-dir', dataDir, '--json'],
        '',
      );
      expect(report.code).toBe(1);
      expect(JSON.parse(report.stdout)).toMatchObject({ error: { code: 'case-not-found' } });
      const list = await runCli(['sweep', 'list', '--data-dir', dataDir], '');
      expect(list).toMatchObject({ code: 0, stdout: 'No unfinished cases.\n' });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('prints its usage', async () => {
    const run = await runCli(['sweep', '--help'], '');
    expect(run.code).toBe(0);
    for (const word of [
      'plan',
      'execute',
      'resume',
      'report',
      '--to-reader',
      '--from-reader',
      '--yes',
    ]) {
      expect(run.stdout).toContain(word);
    }
    const discover = await runCli(['discover', '--help'], '');
    expect(discover.stdout).toContain('--gap-limit');
  });
});
