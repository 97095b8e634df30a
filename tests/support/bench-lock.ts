// pcscd and its two virtual readers are one per machine, so every test run (and the demo)
// that uses them holds this lock. It is a directory, created atomically; a lock left by a
// process that no longer exists is taken over.
//
// The holder puts its claim in BENCH_LOCK_ENV, so the processes it starts (a `bash .ci/run`
// under a hand-held bench, the vitest and Playwright runs inside it) share its hold instead
// of waiting for it forever.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BENCH_LOCK_ENV = 'LIFEBOAT_BENCH_LOCK';

export interface BenchLockOptions {
  timeoutMs?: number;
  /** Tests of the lock itself use their own directory. */
  lockDir?: string;
}

function readClaim(ownerFile: string): string | undefined {
  try {
    return fs.readFileSync(ownerFile, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The owner file holds "<pid> <nonce>"; older copies of this file wrote the pid alone. */
function pidOf(claim: string | undefined): number | undefined {
  return claim === undefined ? undefined : Number.parseInt(claim, 10) || undefined;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is only someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const DEFAULT_LOCK_DIR = path.join(os.tmpdir(), 'lifeboat-bench.lock');

/** Whether this process runs inside a live hold of the bench (its own or an ancestor's). */
export function heldByAncestor(lockDir = DEFAULT_LOCK_DIR): boolean {
  const inherited = process.env[BENCH_LOCK_ENV];
  if (!inherited) return false;
  const claim = readClaim(path.join(lockDir, 'owner'));
  const pid = pidOf(claim);
  return claim === inherited && pid !== undefined && alive(pid);
}

export async function acquireBenchLock(
  what: string,
  options: BenchLockOptions = {},
): Promise<() => void> {
  const lockDir = options.lockDir ?? DEFAULT_LOCK_DIR;
  const ownerFile = path.join(lockDir, 'owner');
  if (heldByAncestor(lockDir)) return () => undefined;

  const deadline = Date.now() + (options.timeoutMs ?? 20 * 60_000);
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      const claim = `${process.pid} ${randomBytes(8).toString('hex')}`;
      fs.writeFileSync(ownerFile, claim);
      process.env[BENCH_LOCK_ENV] = claim;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (process.env[BENCH_LOCK_ENV] === claim) delete process.env[BENCH_LOCK_ENV];
        fs.rmSync(lockDir, { recursive: true, force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = pidOf(readClaim(ownerFile));
    if (pid !== undefined && !alive(pid)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (pid === undefined) {
      // The owner is between mkdir and writing its pid; give it a moment.
      await new Promise((r) => setTimeout(r, 200));
      if (pidOf(readClaim(ownerFile)) === undefined) {
        fs.rmSync(lockDir, { recursive: true, force: true });
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: the PC/SC test bench is held by process ${pid} (${lockDir}).`);
    }
    if (!announced) {
      announced = true;
      process.stderr.write(`${what}: waiting for the PC/SC test bench held by process ${pid}…\n`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
