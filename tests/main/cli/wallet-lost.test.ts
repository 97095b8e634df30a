// `lifeboat wallet list` and `lifeboat wallet lost` over a drills.json made with the store
// itself: the lost mark lands on the named copy only, the advice follows the copies that are
// left, and a call that names nothing of this wallet changes nothing.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WalletRecord } from '../../../preload/api';
import { DrillStore } from '../../../main/cases/drills';
import { runCli } from './cli-harness';

let dataDir: string;
const file = () => path.join(dataDir, 'drills.json');
const NOW = '2026-11-02T10:00:00.000Z';

function member(label: string, instanceId: string) {
  return {
    memberId: randomUUID(),
    family: 'keycard' as const,
    instanceId,
    label,
    place: 'the desk',
    addedAt: NOW,
  };
}

/** A ready wallet with two cards and a phrase, and one with a 2-of-3 share set only. */
function seed(): { phrased: WalletRecord; shared: WalletRecord } {
  const store = new DrillStore(file());
  const a = store.begin(
    'Savings',
    { keyUid: 'a'.repeat(64), firstAddress: `0x${'1'.repeat(40)}` },
    'bip39',
  );
  const phrased = store.update(a.walletId, (w) => ({
    ...w,
    state: 'ready',
    members: [member('Card 1', 'aa01'), member('Card 2', 'aa02')],
    phrase: { words: 24, place: 'the safe', createdAt: NOW },
  }));
  const b = store.begin(
    'Family',
    { keyUid: 'b'.repeat(64), firstAddress: `0x${'2'.repeat(40)}` },
    'slip39',
  );
  const shared = store.update(b.walletId, (w) => ({
    ...w,
    state: 'ready',
    members: [member('Card 1', 'bb01')],
    shareSets: [
      {
        shareSetId: randomUUID(),
        identifier: 7,
        groupThreshold: 1,
        groups: [{ threshold: 2, count: 3 }],
        shares: [0, 1, 2].map((memberIndex) => ({
          groupIndex: 0,
          memberIndex,
          holder: 'written' as const,
          label: `Share ${memberIndex + 1}`,
          place: '',
        })),
        createdAt: NOW,
      },
    ],
  }));
  return { phrased, shared };
}

const stored = () => new DrillStore(file()).list();
const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-wallet-lost-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('lifeboat wallet list', () => {
  it('shows each wallet with the ids and share numbers the other commands take', async () => {
    const { phrased, shared } = seed();
    const run = await runCli(['wallet', 'list', '--data-dir', dataDir], '');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(phrased.walletId);
    expect(run.stdout).toContain(phrased.members[1]!.memberId);
    expect(run.stdout).toContain('Phrase of 24 words, kept the safe');
    expect(run.stdout).toContain(`"Family"\n  Id             ${shared.walletId}`);
    expect(run.stdout).toContain('    3. "Share 3"');
    expect(run.stdout).toContain('last drilled never');
  });

  it('says so when no wallet is remembered, and gives the records with --json', async () => {
    expect((await runCli(['wallet', 'list', '--data-dir', dataDir], '')).stdout).toContain(
      'remembers no wallet',
    );
    seed();
    const listed = json(
      (await runCli(['wallet', 'list', '--json', '--data-dir', dataDir], '')).stdout,
    );
    expect((listed.wallets as WalletRecord[]).map((w) => w.label)).toEqual(['Savings', 'Family']);
  });
});

describe('lifeboat wallet lost', () => {
  it('marks a card lost by its label and advises a new card from the phrase', async () => {
    const { phrased } = seed();
    const run = await runCli(
      [
        'wallet',
        'lost',
        '--wallet',
        'Savings',
        '--member',
        'Card 2',
        '--yes',
        '--json',
        '--data-dir',
        dataDir,
      ],
      '',
    );
    expect(run.code, run.stdout).toBe(0);
    expect(json(run.stdout)).toMatchObject({
      walletId: phrased.walletId,
      lost: { memberId: phrased.members[1]!.memberId },
      advice: { action: 'repair', from: ['phrase'] },
      next: `lifeboat wallet repair --wallet ${phrased.walletId} --card READER`,
    });
    const [savings, family] = stored();
    expect(savings!.members.map((m) => m.lostAt !== undefined)).toEqual([false, true]);
    expect(family!.members[0]!.lostAt).toBeUndefined();
  });

  it('says in words to move the money when the card could be opened without its PIN', async () => {
    const { phrased } = seed();
    const run = await runCli(
      [
        'wallet',
        'lost',
        '--wallet',
        phrased.walletId,
        '--member',
        phrased.members[0]!.memberId,
        '--could-be-opened',
        '--yes',
        '--data-dir',
        dataDir,
      ],
      '',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('The card "Card 1" is marked lost.');
    expect(run.stdout).toContain('Whoever finds the card may open it.');
    expect(run.stdout).toContain('lifeboat sweep');
  });

  it('advises a fresh share set for one lost share of 2-of-3, and a sweep once two are lost', async () => {
    seed();
    const lose = (n: string) =>
      runCli(
        [
          'wallet',
          'lost',
          '--wallet',
          'Family',
          '--share',
          n,
          '--yes',
          '--json',
          '--data-dir',
          dataDir,
        ],
        '',
      );
    expect(json((await lose('2')).stdout).advice).toEqual({ action: 'reshare' });
    expect(json((await lose('3')).stdout).advice).toEqual({
      action: 'sweep',
      reason: 'finder-can-rebuild',
    });
    expect(stored()[1]!.shareSets[0]!.shares.map((s) => s.lostAt !== undefined)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('repairs a lost card from the shares left, and advises a sweep once they are too few', async () => {
    seed();
    const lose = (...argv: string[]) =>
      runCli(
        ['wallet', 'lost', '--wallet', 'Family', ...argv, '--yes', '--json', '--data-dir', dataDir],
        '',
      );
    expect(json((await lose('--share', '1')).stdout).advice).toEqual({ action: 'reshare' });
    // Two shares of 2-of-3 are left: a new card can still be made from them.
    expect(json((await lose('--member', 'Card 1')).stdout).advice).toEqual({
      action: 'repair',
      from: ['shares'],
    });
    const run = await runCli(['wallet', 'list', '--data-dir', dataDir], '');
    expect(run.stdout).toMatch(
      /Card "Card 1" \(keycard\), kept the desk: lost on \d{4}-\d{2}-\d{2}/,
    );
    expect(run.stdout).toMatch(/1\. "Share 1": lost on/);
  });

  it('says no new card can be made when neither phrase nor enough shares are left', async () => {
    const { shared } = seed();
    new DrillStore(file()).update(shared.walletId, (w) => ({ ...w, shareSets: [] }));
    const run = await runCli(
      [
        'wallet',
        'lost',
        '--wallet',
        'Family',
        '--member',
        'Card 1',
        '--yes',
        '--data-dir',
        dataDir,
      ],
      '',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('no new card can be made');
    expect(run.stdout).toContain('lifeboat sweep');
  });

  it('changes nothing for an unknown wallet, a card of another wallet, a share out of range, or no "yes"', async () => {
    const { shared } = seed();
    const before = fs.readFileSync(file(), 'utf8');
    const cases: [string[], string, string][] = [
      [['--wallet', 'Nope', '--member', 'Card 1', '--yes'], '', 'invalid-input'],
      [
        ['--wallet', 'Savings', '--member', shared.members[0]!.memberId, '--yes'],
        '',
        'invalid-input',
      ],
      [['--wallet', 'Family', '--share', '4', '--yes'], '', 'invalid-input'],
      [['--wallet', 'Savings', '--share', '1', '--yes'], '', 'invalid-input'],
      [['--wallet', 'Savings', '--member', 'Card 1'], 'no\n', 'cancelled'],
    ];
    for (const [argv, input, code] of cases) {
      const run = await runCli(['wallet', 'lost', ...argv, '--json', '--data-dir', dataDir], input);
      expect(run.code, argv.join(' ')).toBe(1);
      expect((json(run.stdout).error as { code: string }).code, argv.join(' ')).toBe(code);
    }
    expect(fs.readFileSync(file(), 'utf8')).toBe(before);
  });

  it('wants exactly one of --member and --share, and explains itself with --help', async () => {
    for (const argv of [
      ['--wallet', 'Savings'],
      ['--wallet', 'Savings', '--member', 'Card 1', '--share', '1'],
      ['--member', 'Card 1'],
      ['--wallet', 'Family', '--share', '1', '--could-be-opened'],
    ]) {
      const run = await runCli(['wallet', 'lost', ...argv, '--data-dir', dataDir], '');
      expect(run.code, argv.join(' ')).toBe(2);
    }
    const help = await runCli(['wallet', 'lost', '--help'], '');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--could-be-opened');
    expect(help.stdout).toContain('lifeboat wallet repair --wallet ID|LABEL --card READER');
  });
});

describe('lifeboat wallet repair, called wrongly', () => {
  it('refuses what it cannot do before reading a secret or opening a reader', async () => {
    seed();
    for (const argv of [
      ['--card', 'R'],
      ['--wallet', 'Savings'],
      ['--wallet', 'Savings', '--card', 'A', '--card', 'B', '--card', 'C', '--card', 'D'],
    ]) {
      const run = await runCli(['wallet', 'repair', ...argv, '--data-dir', dataDir], '');
      expect(run.code, argv.join(' ')).toBe(2);
    }
    const unknown = await runCli(
      [
        'wallet',
        'repair',
        '--wallet',
        'Nope',
        '--card',
        'R',
        '--yes',
        '--json',
        '--data-dir',
        dataDir,
      ],
      '',
    );
    expect((json(unknown.stdout).error as { code: string }).code).toBe('invalid-input');
  });
});
