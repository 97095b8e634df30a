// A hold of the PC/SC test bench: the machine-wide lock, plus the system's pcscd stopped
// for as long as the hold lasts (see system-pcscd.ts). The integration run, the e2e run and
// the demo each hold the bench; processes they start share their hold.
//
// The system's pcscd is given back when the hold is released. So that it is given back
// also when the holder is interrupted or killed, a watchdog process waits beside the holder
// and does it when the holder is gone without having done it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_LOCK_ENV, DEFAULT_LOCK_DIR, acquireBenchLock, heldByAncestor } from './bench-lock';
import {
  DEFAULT_MARKER_FILE,
  claimSystemPcscd,
  restoreSystemPcscd,
  type PcscdUnit,
  type SystemdOptions,
} from './system-pcscd';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');

export interface HoldOptions extends SystemdOptions {
  lockDir?: string;
  markerFile?: string;
  /** Start the watchdog process (tests of the hold itself run without it). */
  watchdog?: boolean;
  timeoutMs?: number;
  log?: (line: string) => void;
}

function startWatchdog(lockDir: string, markerFile: string): void {
  const env = { ...process.env };
  // The watchdog takes the lock only once the holder is gone; it must not share the hold.
  delete env[BENCH_LOCK_ENV];
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(HERE, 'bench-watchdog.ts'),
      String(process.pid),
      lockDir,
      markerFile,
    ],
    // Same session as the holder, so sudo's cached credentials still apply when it restores.
    { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  child.unref();
}

/** Holds the bench until the returned function is called. */
export async function holdBench(what: string, options: HoldOptions = {}): Promise<() => void> {
  const lockDir = options.lockDir ?? DEFAULT_LOCK_DIR;
  if (heldByAncestor(lockDir)) return () => undefined;
  const claim = {
    ...options,
    markerFile: options.markerFile ?? DEFAULT_MARKER_FILE,
    log: options.log ?? ((line: string) => process.stderr.write(`${what}: ${line}\n`)),
  };
  const unlock = await acquireBenchLock(what, { lockDir, timeoutMs: options.timeoutMs });
  let owed: PcscdUnit[];
  try {
    owed = claimSystemPcscd(process.pid, claim);
  } catch (error) {
    restoreSystemPcscd(claim);
    unlock();
    throw error;
  }
  if (owed.length > 0 && options.watchdog !== false) startWatchdog(lockDir, claim.markerFile);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      if (owed.length > 0) restoreSystemPcscd(claim);
    } finally {
      unlock();
    }
  };
}
