// pcscd and its two virtual readers are one per machine, so every test run (and the demo)
// that uses them holds this lock. It is a directory, created atomically; a lock left by a
// process that no longer exists is taken over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LOCK_DIR = path.join(os.tmpdir(), 'lifeboat-bench.lock');
const OWNER_FILE = path.join(LOCK_DIR, 'owner');

function ownerPid(): number | undefined {
  try {
    return Number.parseInt(fs.readFileSync(OWNER_FILE, 'utf8'), 10) || undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function acquireBenchLock(what: string, timeoutMs = 20 * 60_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      fs.writeFileSync(OWNER_FILE, String(process.pid));
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = ownerPid();
    if (pid !== undefined && !alive(pid)) {
      fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if (pid === undefined) {
      // The owner is between mkdir and writing its pid; give it a moment.
      await new Promise((r) => setTimeout(r, 200));
      if (ownerPid() === undefined) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: the PC/SC test bench is held by process ${pid} (${LOCK_DIR}).`);
    }
    if (!announced) {
      announced = true;
      process.stderr.write(`${what}: waiting for the PC/SC test bench held by process ${pid}…\n`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
