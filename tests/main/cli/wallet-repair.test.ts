// `lifeboat wallet repair --shares` needs no card: a wallet made of Shamir shares, one of them
// lost, gets a fresh share set from the shares kept. The new shares are shown and typed back,
// two of them rebuild the same wallet (checked here with the reference combine), and the old
// set is retired in the inventory. Shares of another wallet are refused and change nothing.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DrillStore } from '../../../main/cases/drills';
import { walletPreview } from '../../../main/secrets/derivation';
import { combine, split } from '../../../main/secrets/slip39';
import { main } from '../../../main/cli/index';
import { runCli } from './cli-harness';

let dataDir: string;
const file = () => path.join(dataDir, 'drills.json');

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-wallet-repair-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** A remembered 2-of-3 share wallet, its old shares, and its first address. */
async function shareWallet(): Promise<{ shares: string[]; firstAddress: string }> {
  const secret = new Uint8Array(randomBytes(16));
  const [shares] = await split(secret, {
    groupThreshold: 1,
    groups: [{ threshold: 2, count: 3 }],
  });
  const preview = walletPreview(secret, 1);
  const store = new DrillStore(file());
  const made = store.begin(
    'Family',
    { keyUid: preview.keyUid, firstAddress: preview.addresses[0]! },
    'slip39',
  );
  store.update(made.walletId, (w) => ({
    ...w,
    state: 'ready',
    shareSets: [
      {
        shareSetId: '22222222-2222-4222-8222-222222222222',
        identifier: 1,
        groupThreshold: 1,
        groups: [{ threshold: 2, count: 3 }],
        shares: [0, 1, 2].map((memberIndex) => ({
          groupIndex: 0,
          memberIndex,
          holder: 'written' as const,
          label: `Share ${memberIndex + 1}`,
          place: '',
          ...(memberIndex === 0 ? { lostAt: '2026-12-01T10:00:00.000Z' } : {}),
        })),
        createdAt: '2026-11-01T10:00:00.000Z',
      },
    ],
  }));
  return { shares: shares!, firstAddress: preview.addresses[0]! };
}

describe('lifeboat wallet repair --shares', () => {
  it('makes a fresh share set from the shares kept, tests it and retires the old one', async () => {
    const { shares: old, firstAddress } = await shareWallet();
    const fresh: string[] = [];
    // From a script that answers as the command goes: the shares kept, the empty line that
    // ends them and the empty passphrase first, then each new share as it is shown, then the
    // new shares the test recovery asks for.
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    stderr.on('data', (c: Buffer) => {
      const text = c.toString();
      err += text;
      const shown = /Share (\d) of 3\. Write it down now, then type it back:\n\n {2}(.+)\n/.exec(
        text,
      );
      if (shown) {
        fresh[Number(shown[1]) - 1] = shown[2]!.trim();
        stdin.write(`${shown[2]!.trim()}\n`);
      }
      const asked = /type shares? ([\d, ]+) again/.exec(text);
      if (asked) for (const n of asked[1]!.split(', ')) stdin.write(`${fresh[Number(n) - 1]}\n`);
    });
    stdin.write(`${old[1]}\n${old[2]}\n\n\n`);
    const code = await main(
      [
        'wallet',
        'repair',
        '--wallet',
        'Family',
        '--shares',
        '2-of-3',
        '--yes',
        '--json',
        '--data-dir',
        dataDir,
      ],
      { stdin, stdout, stderr },
    );
    const run = { code, stdout: out, stderr: err };
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      firstAddress,
      state: 'ready',
      testRecovery: { passed: true, shares: { passed: true } },
    });
    expect(fresh).toHaveLength(3);
    const rebuilt = walletPreview(await combine([fresh[2]!, fresh[0]!]), 1);
    expect(rebuilt.addresses[0]).toBe(firstAddress);
    const [wallet] = new DrillStore(file()).list();
    expect(wallet!.shareSets.map((s) => s.retiredAt !== undefined)).toEqual([true, false]);
    expect(wallet!.shareSets[1]!.shares.every((s) => s.lostAt === undefined)).toBe(true);
  });

  it('refuses shares of another wallet with wrong-wallet and records nothing', async () => {
    await shareWallet();
    const before = fs.readFileSync(file(), 'utf8');
    const [other] = await split(new Uint8Array(randomBytes(16)), {
      groupThreshold: 1,
      groups: [{ threshold: 2, count: 3 }],
    });
    const run = await runCli(
      [
        'wallet',
        'repair',
        '--wallet',
        'Family',
        '--shares',
        '2-of-3',
        '--yes',
        '--json',
        '--data-dir',
        dataDir,
      ],
      `${other![0]}\n${other![1]}\n\n\n`,
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'wrong-wallet' } });
    expect(fs.readFileSync(file(), 'utf8')).toBe(before);
  });
});
