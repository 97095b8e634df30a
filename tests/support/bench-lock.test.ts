// The machine-wide bench lock, on a lock directory of its own: one holder at a time, a
// dead holder's lock taken over, and the hold shared with the processes the holder starts.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BENCH_LOCK_ENV, acquireBenchLock, heldByAncestor } from './bench-lock';

let dir: string;
let lockDir: string;
const ownerFile = () => path.join(lockDir, 'owner');

/** A process id that is certainly not running: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], {
    encoding: 'utf8',
  });
  return Number.parseInt(child.stdout, 10);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-bench-lock-'));
  lockDir = path.join(dir, 'lock');
  delete process.env[BENCH_LOCK_ENV];
});

afterEach(() => {
  delete process.env[BENCH_LOCK_ENV];
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('acquireBenchLock', () => {
  it('holds the lock in a directory naming this process, and lets it go', async () => {
    const release = await acquireBenchLock('test', { lockDir });
    const claim = fs.readFileSync(ownerFile(), 'utf8');
    expect(claim).toMatch(new RegExp(`^${process.pid} [0-9a-f]{16}$`));
    expect(process.env[BENCH_LOCK_ENV]).toBe(claim);
    release();
    expect(fs.existsSync(lockDir)).toBe(false);
    expect(process.env[BENCH_LOCK_ENV]).toBeUndefined();
  });

  it('waits for a live holder, and says who holds it', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(ownerFile(), `${holder.pid} 0123456789abcdef`);
      await expect(acquireBenchLock('test', { lockDir, timeoutMs: 600 })).rejects.toThrow(
        `held by process ${holder.pid}`,
      );
    } finally {
      holder.kill();
    }
  });

  it('takes over the lock of a holder that died, whether or not it wrote a nonce', async () => {
    for (const claim of [`${deadPid()}`, `${deadPid()} 0123456789abcdef`]) {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(ownerFile(), claim);
      const release = await acquireBenchLock('test', { lockDir, timeoutMs: 0 });
      expect(fs.readFileSync(ownerFile(), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
      release();
    }
  });

  it('is shared with a process started under the hold, and only with one', async () => {
    const release = await acquireBenchLock('test', { lockDir });
    try {
      // What a child process sees: the holder's claim in its environment.
      expect(heldByAncestor(lockDir)).toBe(true);
      const inner = await acquireBenchLock('inner', { lockDir, timeoutMs: 0 });
      inner();
      expect(fs.existsSync(lockDir)).toBe(true);

      // A claim that is not the lock's (an older hold, another machine's copy) counts for nothing.
      process.env[BENCH_LOCK_ENV] = `${process.pid} ffffffffffffffff`;
      expect(heldByAncestor(lockDir)).toBe(false);
    } finally {
      release();
    }
  });

  it('lets a real child process in through the environment', async () => {
    const release = await acquireBenchLock('test', { lockDir });
    try {
      const script = `import { acquireBenchLock } from ${JSON.stringify(path.resolve('tests/support/bench-lock.ts'))};
        const inner = await acquireBenchLock('child', { lockDir: ${JSON.stringify(lockDir)}, timeoutMs: 0 });
        inner();
        console.log('shared');`;
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { encoding: 'utf8', timeout: 30_000 },
      );
      expect(child.stderr).toBe('');
      expect(child.stdout.trim()).toBe('shared');
      expect(fs.existsSync(lockDir)).toBe(true);
    } finally {
      release();
    }
  });
});
