// The bench next to a pcscd that a person started by hand, for real: it is used as it is,
// the tests that must restart it are skipped with the reason, and one that lacks the
// virtual readers is refused with the command that fixes it. Each test starts that pcscd
// itself, exactly as a person would (`pcscd -f`), and stops it after.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_LOCK_ENV } from './bench-lock';
import {
  ensurePcscd,
  foreignPcscdNotice,
  hasVirtualReaders,
  pcscdBinary,
  pcscdRunning,
  runningPcscdPid,
} from './pcscd';
import { waitFor } from './wait';

let byHand: ChildProcess | undefined;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let alreadyRunning = false;

beforeAll(async () => {
  alreadyRunning = await pcscdRunning();
});

/** `pcscd -f`, with extra arguments, as a person starts it in a terminal. */
async function startByHand(...args: string[]): Promise<number> {
  const child = spawn(pcscdBinary(), ['-f', ...args], { stdio: 'ignore' });
  byHand = child;
  await waitFor(
    async () => ((await pcscdRunning()) && runningPcscdPid() === child.pid ? true : undefined),
    10_000,
    'the hand-started pcscd',
  );
  return child.pid!;
}

afterEach(async () => {
  const child = byHand;
  byHand = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  await waitFor(async () => ((await pcscdRunning()) ? undefined : true), 5000, 'pcscd to stop');
});

describe('the bench next to a hand-started pcscd', () => {
  it('uses it as it is, and its restart test says it is skipped, and why', async (context) => {
    if (alreadyRunning) context.skip('a pcscd was already running; this test starts its own');
    const pid = await startByHand();
    await waitFor(() => (hasVirtualReaders() ? true : undefined), 10_000, 'the virtual readers');

    const handle = await ensurePcscd();
    expect(handle.owned).toBe(false);
    expect(handle.pid()).toBe(pid);
    await expect(handle.stop()).rejects.toThrow(/not started by the test bench/);
    expect(await foreignPcscdNotice()).toContain(`process ${pid}`);

    // The real restart test, run by vitest as a person runs it; it shares this run's hold.
    expect(process.env[BENCH_LOCK_ENV]).toBeDefined();
    const run = spawnSync(
      'npx',
      [
        'vitest',
        'run',
        '--project',
        'integration',
        'tests/main/cards/pcsc/pcsc-readers.integration.test.ts',
        '-t',
        'moves to no-service',
        '--reporter=verbose',
      ],
      { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } },
    );
    const output = run.stdout + run.stderr;
    expect(run.status, output).toBe(0);
    const reason = `it stops and restarts pcscd, and the running one, a pcscd (process ${pid}), was not started by the test bench (stop it to run this test too)`;
    const restartTest = 'moves to no-service when pcscd stops and back when it starts again';
    // vitest's own skip, with its note, and the same words where any reporter shows them.
    expect(output).toMatch(new RegExp(`↓ .*${restartTest}.* \\[${escape(reason)}\\]`));
    expect(output).toContain(`Skipped "${restartTest}": ${reason}.`);
    expect(output).toContain(
      `integration tests: using a pcscd (process ${pid}) that was already running; the test bench did not start it, so the tests that stop and restart pcscd are skipped.`,
    );
    expect(runningPcscdPid()).toBe(pid);
  });

  it('refuses one without the virtual readers, with the command that fixes it', async (context) => {
    if (alreadyRunning) context.skip('a pcscd was already running; this test starts its own');
    const emptyConfig = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-reader-conf-'));
    try {
      const pid = await startByHand('-c', emptyConfig);
      const message = `The test bench found a pcscd (process ${pid}) running without the virtual readers of vsmartcard-vpcd: it was started before that package was installed, or with another reader configuration. Stop it with "sudo kill ${pid}" and run again; the test bench then starts its own.`;
      await expect(ensurePcscd()).rejects.toThrow(message);
      await expect(foreignPcscdNotice()).rejects.toThrow(message);
    } finally {
      fs.rmSync(emptyConfig, { recursive: true, force: true });
    }
  });

  it('starts its own when none runs, and stops only that one', async (context) => {
    if (alreadyRunning) context.skip('a pcscd was already running; this test needs none');
    expect(await foreignPcscdNotice()).toBeUndefined();
    const handle = await ensurePcscd();
    expect(handle.owned).toBe(true);
    expect(runningPcscdPid()).toBe(handle.pid());
    expect(hasVirtualReaders()).toBe(true);
    await handle.stop();
    expect(await pcscdRunning()).toBe(false);
  });
});
