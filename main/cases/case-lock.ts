// One runner per case across processes: a lock file created exclusively, holding the owner's
// pid. A lock whose process no longer exists (a crash, a kill) is taken over. Node has no
// advisory file locks, so two processes taking over the same stale lock at the same instant
// could both believe they won; `assertHeld` closes that gap — the runner calls it before
// every irreversible action, and the loser stops there.
import fs from 'node:fs';
import path from 'node:path';
import { LifeboatError } from '../errors';

const LOCK_FILE = 'lock';
const FRESH_MS = 5000;

export interface CaseLock {
  /** Throws `case-busy` unless this process still owns the lock. */
  assertHeld(): void;
  release(): void;
}

function ownerOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function modifiedAt(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Locks a case directory for this process, so the same process cannot run it twice either. */
export function lockCase(caseDir: string, caseId: string): CaseLock {
  const file = path.join(caseDir, LOCK_FILE);
  const busy = (pid?: number) =>
    new LifeboatError('case-busy', undefined, pid === undefined ? { caseId } : { caseId, pid });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      try {
        fs.writeFileSync(fd, String(process.pid));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      let released = false;
      return {
        assertHeld: () => {
          if (released || ownerOf(file) !== process.pid) throw busy(ownerOf(file));
        },
        release: () => {
          if (released) return;
          released = true;
          if (ownerOf(file) === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = ownerOf(file);
    if (owner === process.pid || (owner !== undefined && alive(owner))) throw busy(owner);
    // No pid yet: its owner may be between creating the file and writing to it.
    if (owner === undefined && Date.now() - modifiedAt(file) < FRESH_MS) throw busy();
    fs.rmSync(file, { force: true });
  }
  throw busy();
}
