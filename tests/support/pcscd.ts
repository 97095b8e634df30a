// Starts Debian's pcscd with the vsmartcard vpcd driver for tests and the demo, and stops
// only a daemon it started itself. A pcscd that a person started by hand is used as it is
// (the tests that must restart it are skipped); systemd's is stopped for the whole hold of
// the bench before this runs (see bench.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import type { TestContext } from 'vitest';
import { VPCD_READERS } from './vpcd-card';

export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
const PCSCD_PID_FILE = '/run/pcscd/pcscd.pid';
const PCSCD_CANDIDATES = ['/usr/sbin/pcscd', '/usr/bin/pcscd'];
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
const REQUIRED_PACKAGES = 'pcscd libpcsclite-dev vsmartcard-vpcd';

export interface PcscdHandle {
  /** True when this process started the daemon (and so may stop or restart it). */
  readonly owned: boolean;
  pid(): number | undefined;
  stop(): Promise<void>;
  /** Starts the daemon again after `stop()`. */
  start(): Promise<void>;
}

export function pcscdBinary(): string {
  const found = PCSCD_CANDIDATES.find((p) => fs.existsSync(p));
  if (!found || !fs.existsSync(VPCD_DRIVER)) {
    throw new Error(
      `The PC/SC test bench needs the Debian packages ${REQUIRED_PACKAGES}. ` +
        `Install them with: sudo apt-get install -y ${REQUIRED_PACKAGES}`,
    );
  }
  return found;
}

function canConnect(options: net.NetConnectOpts): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(options);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether something listens on a TCP port, read from /proc so that no card is "inserted". */
function listening(port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].some((file) => {
    try {
      return fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .some((line) => {
          const fields = line.trim().split(/\s+/);
          return fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A';
        });
    } catch {
      return false;
    }
  });
}

export function pcscdRunning(): Promise<boolean> {
  return canConnect({ path: PCSCD_SOCKET });
}

/** The running pcscd's process id, from the file it writes at start. */
export function runningPcscdPid(): number | undefined {
  try {
    return Number.parseInt(fs.readFileSync(PCSCD_PID_FILE, 'utf8'), 10) || undefined;
  } catch {
    return undefined;
  }
}

export function hasVirtualReaders(): boolean {
  return Object.values(VPCD_READERS).every(listening);
}

function describePcscd(pid: number | undefined): string {
  return pid === undefined ? 'a pcscd' : `a pcscd (process ${pid})`;
}

/** The message for a running pcscd that lacks the bench's readers, with the command that fixes it. */
function withoutVirtualReaders(pid: number | undefined): string {
  const stop = pid === undefined ? `sudo kill $(cat ${PCSCD_PID_FILE})` : `sudo kill ${pid}`;
  return (
    `The test bench found ${describePcscd(pid)} running without the virtual readers of ` +
    'vsmartcard-vpcd: it was started before that package was installed, or with another reader ' +
    `configuration. Stop it with "${stop}" and run again; the test bench then starts its own.`
  );
}

/** Why a test that stops and restarts pcscd cannot run next to a daemon the bench did not start. */
function foreignPcscdReason(pid: number | undefined): string {
  return (
    `it stops and restarts pcscd, and the running one, ${describePcscd(pid)}, was not started ` +
    'by the test bench (stop it to run this test too)'
  );
}

/**
 * Skips the calling test, with the reason, unless the bench started the running pcscd. The
 * reason is also written out: vitest lists a skipped test, note included, only when it runs
 * one file or the file failed.
 */
export function skipUnlessOwnPcscd(context: TestContext, pcscd: PcscdHandle): void {
  if (pcscd.owned) return;
  const reason = foreignPcscdReason(pcscd.pid());
  console.warn(`Skipped "${context.task.name}": ${reason}.`);
  context.skip(reason);
}

async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Looks at a pcscd that runs before the bench starts its own: fails at once, with the fix,
 * when it lacks the virtual readers; otherwise returns what a run on it should say.
 */
export async function foreignPcscdNotice(): Promise<string | undefined> {
  if (!(await pcscdRunning())) return undefined;
  const pid = runningPcscdPid();
  if (!hasVirtualReaders()) throw new Error(withoutVirtualReaders(pid));
  return (
    `using ${describePcscd(pid)} that was already running; the test bench did not start it, ` +
    'so the tests that stop and restart pcscd are skipped.'
  );
}

/** Reuses a running pcscd, or starts one in the foreground and owns it. */
export async function ensurePcscd(): Promise<PcscdHandle> {
  const binary = pcscdBinary();
  if (await pcscdRunning()) {
    const pid = runningPcscdPid();
    if (!hasVirtualReaders()) throw new Error(withoutVirtualReaders(pid));
    return {
      owned: false,
      pid: () => pid,
      stop: () =>
        Promise.reject(
          new Error('This pcscd was not started by the test bench; it is left alone.'),
        ),
      start: () => Promise.resolve(),
    };
  }
  let child: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    if (child && child.exitCode === null) return;
    output = '';
    child = spawn(binary, ['-f'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const started = child;
    try {
      await waitUntil(
        async () => {
          if (started.exitCode !== null) {
            throw new Error(
              `pcscd exited with code ${started.exitCode}. It needs root or write access to /run/pcscd.\n${output}`,
            );
          }
          return (await pcscdRunning()) && hasVirtualReaders();
        },
        10_000,
        'pcscd and its virtual readers',
      );
    } catch (error) {
      started.kill('SIGKILL');
      throw error;
    }
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((r) => running.once('exit', () => r()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    // pcscd removes its socket on exit; wait so a restart does not see a stale one.
    await waitUntil(async () => !(await pcscdRunning()), 5000, 'pcscd to stop');
  };
  await start();
  return { owned: true, pid: () => child?.pid, stop, start };
}
