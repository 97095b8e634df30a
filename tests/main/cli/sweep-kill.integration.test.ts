// `lifeboat sweep execute` as a real process, killed with SIGKILL after each step of a
// 5-step sweep in turn (right after it signed, after it broadcast, after it was confirmed),
// then `lifeboat sweep resume`: every run must end with everything moved, 0 wei left, one
// transaction per nonce and no step ever signed twice.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAddress, hexlify, randomBytes } from 'ethers';
import { EvmNode } from '../../support/evm-node';
import { testWallet } from '../../support/test-wallet';
import { waitFor } from '../../support/wait';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const TOKENS = 4;
const STEPS = TOKENS + 1;

interface LogLine {
  event?: string;
  step?: number;
}

let dataRoot: string;

beforeAll(() => {
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-kill-'));
});

afterAll(() => {
  fs.rmSync(dataRoot, { recursive: true, force: true });
});

function cli(
  args: string[],
  stdin: string,
): { child: ChildProcess; output: Promise<{ code: number | null; stdout: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/bin.ts', ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.resume();
  child.stdin!.end(stdin);
  const output = new Promise<{ code: number | null; stdout: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout })),
  );
  return { child, output };
}

function caseDir(dataDir: string): string | undefined {
  try {
    const [id] = fs.readdirSync(path.join(dataDir, 'cases'));
    return id === undefined ? undefined : path.join(dataDir, 'cases', id);
  } catch {
    return undefined;
  }
}

function readLog(dir: string | undefined): LogLine[] {
  if (!dir) return [];
  try {
    return fs
      .readFileSync(path.join(dir, 'log.jsonl'), 'utf8')
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      });
  } catch {
    return [];
  }
}

type Phase = 'signed' | 'broadcast' | 'confirmed';

async function killAndResume(killStep: number, phase: Phase): Promise<void> {
  const node = await EvmNode.start({ chainId: 31337 });
  try {
    const wallet = testWallet();
    const from = wallet.address(0);
    const to = getAddress(hexlify(randomBytes(20)));
    const tokens: string[] = [];
    for (let i = 0; i < TOKENS; i++) {
      const token = await node.deployToken(`K${i}`, 18);
      await node.mintToken(token, from, 10n ** 18n + BigInt(i));
      tokens.push(token);
    }
    await node.fund(from, 10n ** 18n);
    await node.setAutomine(false);
    const dataDir = path.join(dataRoot, `${killStep}-${phase}`);
    const common = [
      '--rpc',
      `31337=${node.url}`,
      '--data-dir',
      dataDir,
      '--poll-interval',
      '25',
      '--json',
    ];
    const stdin = `${wallet.mnemonic}\n\n\n`;

    // Run until the chosen point, mining each broadcast before it, then SIGKILL.
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
        '--yes',
      ],
      stdin,
    );
    const mined = new Set<number>();
    await waitFor(
      async () => {
        if (run.child.exitCode !== null)
          throw new Error(`execute exited early (${run.child.exitCode})`);
        const log = readLog(caseDir(dataDir));
        if (log.some((l) => l.event === phase && l.step === killStep)) return true;
        for (const l of log) {
          if (l.event !== 'broadcast' || l.step === undefined || mined.has(l.step)) continue;
          if (l.step === killStep && phase !== 'confirmed') continue;
          mined.add(l.step);
          await node.mine();
        }
        return undefined;
      },
      60_000,
      `step ${killStep} ${phase}`,
    );
    run.child.kill('SIGKILL');
    await run.output;
    // What was broadcast may be included while the process is gone.
    await node.mine();

    const dir = caseDir(dataDir)!;
    const caseId = path.basename(dir);
    // Killed after the last step, the run may have finished before the signal landed.
    const finishedBeforeKill = readLog(dir).some((l) => l.event === 'finished');
    await node.setIntervalMining(50);
    const resumed = await cli(['sweep', 'resume', '--case', caseId, ...common], stdin).output;
    await node.setIntervalMining(0);
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
      transactions: { nonce: number; txHash: string }[];
    };
    expect(result.assets.map((a) => a.actualRemainder)).toEqual(Array(STEPS).fill('0'));

    expect(await node.balance(from)).toBe(0n);
    for (const token of tokens) expect(await node.tokenBalance(token, from)).toBe(0n);
    const sent = await node.transactionsFrom(from);
    expect(sent.map((t) => t.nonce)).toEqual([0, 1, 2, 3, 4]);
    expect(sent.map((t) => t.hash)).toEqual(result.transactions.map((t) => t.txHash));
    const record = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as {
      steps: { attempts: unknown[] }[];
    };
    // Never signed twice: every step went out as the bytes it was first signed with.
    expect(record.steps.map((s) => s.attempts.length)).toEqual(Array(STEPS).fill(1));
    expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);
  } finally {
    await node.stop();
  }
}

describe('a sweep killed after each step in turn, then resumed', () => {
  for (const phase of ['signed', 'broadcast', 'confirmed'] as const) {
    for (let step = 0; step < STEPS; step++) {
      it(`killed after step ${step + 1} was ${phase}`, () => killAndResume(step, phase));
    }
  }
});
