// Starts Debian's pcscd with the vsmartcard vpcd driver for tests and the demo, and stops
// only a daemon it started itself.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { VPCD_READERS } from './vpcd-card';

export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
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

/** Reuses a running pcscd, or starts one in the foreground and owns it. */
export async function ensurePcscd(): Promise<PcscdHandle> {
  const binary = pcscdBinary();
  if (await pcscdRunning()) {
    if (!Object.values(VPCD_READERS).every(listening)) {
      throw new Error(
        'A pcscd is running without the virtual readers of vsmartcard-vpcd (it was probably started ' +
          'before the package was installed). Restart it, e.g. "sudo systemctl restart pcscd", or stop ' +
          'it and let the test bench start its own.',
      );
    }
    return {
      owned: false,
      pid: () => undefined,
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
          return (await pcscdRunning()) && Object.values(VPCD_READERS).every(listening);
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
