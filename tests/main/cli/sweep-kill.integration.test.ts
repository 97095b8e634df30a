// `lifeboat sweep execute` as a real process, SIGKILLed right after each save of its case
// in turn — 2 accounts × (2 tokens + ETH), pipelined, on a node that mines a block every
// half second, so several transactions are pending at many of those points — then
// `lifeboat sweep resume`: every run must end with everything moved, 0 wei left, one
// transaction per nonce, nothing sent twice and no step ever signed twice.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAddress, hexlify, randomBytes } from 'ethers';
import { EvmNode } from '../../support/evm-node';
import { testWallet } from '../../support/test-wallet';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const ACCOUNTS = 2;
const TOKENS = 2;
const STEPS = ACCOUNTS * (TOKENS + 1);
/** The case is created, set running, then each step saved signed, sent, included and confirmed, then finished. */
const SAVES = 2 + 4 * STEPS + 1;
const BLOCK_MS = 500;

let dataRoot: string;
/** How many of the case's transactions were pending at each kill. */
const pendingAtKill: number[] = [];

beforeAll(() => {
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-kill-'));
});

afterAll(() => {
  fs.rmSync(dataRoot, { recursive: true, force: true });
});

function cli(
  args: string[],
  stdin: string,
  killAfterSave?: number,
): { child: ChildProcess; output: Promise<{ code: number | null; stdout: string }> } {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      ...(killAfterSave === undefined ? [] : ['--import', './tests/support/kill-after-save.ts']),
      'main/cli/bin.ts',
      ...args,
    ],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...(killAfterSave === undefined ? {} : { LIFEBOAT_KILL_AFTER_SAVE: String(killAfterSave) }),
      },
    },
  );
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.resume();
  child.stdin!.end(stdin);
  const output = new Promise<{ code: number | null; stdout: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout })),
  );
  return { child, output };
}

function caseDir(dataDir: string): string {
  const [id] = fs.readdirSync(path.join(dataDir, 'cases'));
  return path.join(dataDir, 'cases', id!);
}

async function killAndResume(killAfterSave: number): Promise<void> {
  const node = await EvmNode.start({ chainId: 31337 });
  try {
    const wallet = testWallet();
    const accounts = Array.from({ length: ACCOUNTS }, (_, i) => wallet.address(i));
    const to = getAddress(hexlify(randomBytes(20)));
    const tokens: string[] = [];
    for (let t = 0; t < TOKENS; t++) tokens.push(await node.deployToken(`K${t}`, 18));
    for (const [i, account] of accounts.entries()) {
      for (const token of tokens) await node.mintToken(token, account, 10n ** 18n + BigInt(i));
      await node.fund(account, 10n ** 18n);
    }
    await node.setAutomine(false);
    await node.setIntervalMining(BLOCK_MS);
    const dataDir = path.join(dataRoot, `save-${killAfterSave}`);
    const common = ['--rpc', `31337=${node.url}`, '--data-dir', dataDir, '--json'];
    const stdin = `${wallet.mnemonic}\n\n\n`;

    const run = cli(
      [
        'sweep',
        'execute',
        ...common,
        '--tokens',
        tokens.join(','),
        '--to',
        to,
        '--scheme',
        'bip44',
        '--gap-limit',
        '2',
        '--poll-interval',
        '100',
        '--yes',
      ],
      stdin,
      killAfterSave,
    );
    const killed = await run.output;
    const dir = caseDir(dataDir);
    const caseId = path.basename(dir);
    const finishedBeforeKill = killAfterSave >= SAVES;
    if (!finishedBeforeKill) expect(killed.code).toBeNull();
    pendingAtKill.push((await node.pendingTransactions()).length);

    const resumed = await cli(
      ['sweep', 'resume', '--case', caseId, '--poll-interval', '100', ...common],
      stdin,
    ).output;
    const resumedResult = JSON.parse(resumed.stdout) as {
      state?: string;
      error?: { code: string };
    };
    if (finishedBeforeKill) {
      expect(resumed.code).toBe(1);
      expect(resumedResult.error?.code).toBe('case-finished');
    } else {
      expect(resumed.code).toBe(0);
      expect(resumedResult.state).toBe('finished');
    }
    const report = await cli(['sweep', 'report', '--case', caseId, ...common], '').output;
    const result = JSON.parse(report.stdout) as {
      assets: { actualRemainder?: string }[];
      transactions: { from: string; nonce: number; txHash: string }[];
    };
    expect(result.assets.map((a) => a.actualRemainder)).toEqual(
      Array(ACCOUNTS * (TOKENS + 1)).fill('0'),
    );

    for (const account of accounts) {
      expect(await node.balance(account)).toBe(0n);
      for (const token of tokens) expect(await node.tokenBalance(token, account)).toBe(0n);
      // One transaction per nonce, nothing sent twice, exactly what the report lists.
      const sent = await node.transactionsFrom(account);
      expect(sent.map((t) => t.nonce)).toEqual([0, 1, 2]);
      expect(sent.map((t) => t.hash)).toEqual(
        result.transactions.filter((t) => t.from === account).map((t) => t.txHash),
      );
    }
    const record = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as {
      steps: { attempts: unknown[] }[];
    };
    // Never signed twice: every step went out as the bytes it was first signed with.
    expect(record.steps.map((s) => s.attempts.length)).toEqual(Array(STEPS).fill(1));
    // Killed after its last save, the run leaves its lock behind: a dead process's lock,
    // which any later run takes over. Every resumed run releases its own.
    if (!finishedBeforeKill) expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);
  } finally {
    await node.stop();
  }
}

describe('a pipelined sweep killed right after each save in turn, then resumed', () => {
  for (let save = 1; save <= SAVES; save++) {
    it(`killed right after save ${save} of ${SAVES}`, () => killAndResume(save));
  }

  it('had several transactions pending at once at some of those kills', () => {
    expect(pendingAtKill).toHaveLength(SAVES);
    expect(Math.max(...pendingAtKill)).toBeGreaterThanOrEqual(2);
  });
});
