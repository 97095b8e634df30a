// A hold of the bench gives systemd's pcscd back however it ends: released, interrupted
// (Ctrl-C, TERM), or killed outright (then its watchdog does). Run on a lock directory and
// marker of their own (TMPDIR), with a stand-in for systemctl first on PATH, since systemd
// cannot run here.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdBench } from './bench';
import { BENCH_LOCK_ENV } from './bench-lock';
import type { CommandRunner } from './system-pcscd';
import { waitFor } from './wait';

const HOLD_BENCH = path.resolve('tests/support/hold-bench.ts');

/** systemctl for is-active, start and stop; units are lines of $FAKE_SYSTEMD/active. */
const FAKE_SYSTEMCTL = `#!/bin/sh
echo "$*" >> "$FAKE_SYSTEMD/calls"
verb=$1; shift
for unit in "$@"; do
  case $verb in
    is-active) if grep -qx "$unit" "$FAKE_SYSTEMD/active"; then echo active; else echo inactive; fi ;;
    stop) grep -vx "$unit" "$FAKE_SYSTEMD/active" > "$FAKE_SYSTEMD/next"; mv "$FAKE_SYSTEMD/next" "$FAKE_SYSTEMD/active" ;;
    start) grep -qx "$unit" "$FAKE_SYSTEMD/active" || echo "$unit" >> "$FAKE_SYSTEMD/active" ;;
  esac
done
`;

let dir: string;
let systemd: string;
let tmp: string;
const children: ChildProcess[] = [];

const read = (name: string) => {
  try {
    return fs.readFileSync(path.join(systemd, name), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};
const active = () => read('active');
const calls = () => read('calls');
const lockDir = () => path.join(tmp, 'lifeboat-bench.lock');
const markerFile = () => path.join(tmp, 'lifeboat-bench.pcscd-restore.json');

/** `hold-bench -- sh -c SCRIPT` as its own process group, on this test's bench. */
function holdAround(script: string): { holder: ChildProcess; exited: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: tmp,
    FAKE_SYSTEMD: systemd,
    PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`,
  };
  delete env[BENCH_LOCK_ENV];
  const holder = spawn(
    process.execPath,
    ['--import', 'tsx', HOLD_BENCH, '--', 'sh', '-c', script],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(holder);
  const exited = new Promise<number | null>((resolve) =>
    holder.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
  return { holder, exited };
}

const during = () => path.join(systemd, 'during');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-bench-hold-'));
  systemd = path.join(dir, 'systemd');
  tmp = path.join(dir, 'tmp');
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.mkdirSync(systemd);
  fs.mkdirSync(tmp);
  fs.writeFileSync(path.join(dir, 'bin', 'systemctl'), FAKE_SYSTEMCTL, { mode: 0o755 });
  fs.writeFileSync(path.join(systemd, 'active'), 'pcscd.socket\npcscd.service\n');
});

afterEach(() => {
  for (const child of children.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('holdBench', () => {
  it('stops systemd’s pcscd while held, and starts it again on release', async () => {
    const run: CommandRunner = (command, args) => {
      const [verb, ...units] = args;
      const now = new Set(active());
      if (verb === 'stop') units.forEach((u) => now.delete(u));
      if (verb === 'start') units.forEach((u) => now.add(u));
      fs.writeFileSync(path.join(systemd, 'active'), [...now].join('\n'));
      fs.appendFileSync(path.join(systemd, 'calls'), `${[command, ...args].join(' ')}\n`);
      const states = units.map((u) => (now.has(u) ? 'active' : 'inactive'));
      return { status: 0, stdout: verb === 'is-active' ? states.join('\n') : '', stderr: '' };
    };
    const release = await holdBench('test', {
      run,
      root: true,
      lockDir: lockDir(),
      markerFile: markerFile(),
      watchdog: false,
      log: () => undefined,
    });
    try {
      expect(active()).toEqual([]);
      expect(fs.existsSync(lockDir())).toBe(true);
    } finally {
      release();
      delete process.env[BENCH_LOCK_ENV];
    }
    expect(active().sort()).toEqual(['pcscd.service', 'pcscd.socket']);
    expect(fs.existsSync(lockDir())).toBe(false);
    expect(fs.existsSync(markerFile())).toBe(false);
  });

  it('gives pcscd back after the command ends, and shares the hold with what it starts', async () => {
    const nested = `${process.execPath} --import tsx ${HOLD_BENCH} -- sh -c 'cat "$FAKE_SYSTEMD/active" > "$FAKE_SYSTEMD/during"'`;
    const { exited } = holdAround(nested);
    expect(await exited).toBe(0);
    expect(fs.readFileSync(during(), 'utf8')).toBe('');
    expect(active().sort()).toEqual(['pcscd.service', 'pcscd.socket']);
    // The nested hold neither waited for the lock nor stopped anything itself.
    expect(calls()).toEqual([
      'is-active pcscd.socket pcscd.service',
      'stop pcscd.socket pcscd.service',
      'start pcscd.socket pcscd.service',
    ]);
    expect(fs.existsSync(lockDir())).toBe(false);
  });

  for (const [how, signal] of [
    ['Ctrl-C', 'SIGINT'],
    ['a TERM', 'SIGTERM'],
  ] as const) {
    it(`gives pcscd back when the run is interrupted by ${how}`, async () => {
      const { holder, exited } = holdAround(`touch "$FAKE_SYSTEMD/during"; sleep 60`);
      await waitFor(() => (fs.existsSync(during()) ? true : undefined), 20_000, 'the command');
      expect(active()).toEqual([]);
      // Ctrl-C reaches the whole foreground group; a TERM usually only the holder.
      if (signal === 'SIGINT') process.kill(-holder.pid!, signal);
      else holder.kill(signal);
      expect(await exited).toBe(128 + os.constants.signals[signal]);
      expect(active().sort()).toEqual(['pcscd.service', 'pcscd.socket']);
      expect(fs.existsSync(lockDir())).toBe(false);
    });
  }

  it('gives pcscd back through its watchdog when the holder is killed outright', async () => {
    const { holder, exited } = holdAround(`touch "$FAKE_SYSTEMD/during"; sleep 60`);
    await waitFor(() => (fs.existsSync(during()) ? true : undefined), 20_000, 'the command');
    expect(active()).toEqual([]);
    holder.kill('SIGKILL');
    await exited;
    await waitFor(
      () => (active().length === 2 ? true : undefined),
      20_000,
      'the watchdog to start pcscd again',
    );
    expect(calls().at(-1)).toBe('start pcscd.socket pcscd.service');
    await waitFor(() => (fs.existsSync(lockDir()) ? undefined : true), 5000, 'the lock freed');
    expect(fs.existsSync(markerFile())).toBe(false);
  });
});
