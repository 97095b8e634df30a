// The system's own pcscd, where systemd runs it: on a Debian/Ubuntu desktop, installing
// pcscd leaves pcscd.socket listening and pcscd.service started on demand. The bench must
// have the daemon to itself (some tests stop and restart it, and only its own is sure to
// have the virtual readers), so a hold of the bench stops both units and starts again the
// ones that were running when it ends. What is owed is written to a marker file before
// anything is stopped: a holder that dies without giving the daemon back leaves the debt to
// its watchdog (bench-watchdog.ts) or to the next hold, never a silently missing pcscd.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PCSCD_UNITS = ['pcscd.socket', 'pcscd.service'] as const;
export type PcscdUnit = (typeof PCSCD_UNITS)[number];

export const DEFAULT_MARKER_FILE = path.join(os.tmpdir(), 'lifeboat-bench.pcscd-restore.json');

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Set when the command could not be started at all (e.g. no systemctl). */
  error?: Error;
}

/** Runs a command to its end. Injected by tests: `systemctl` is the one thing they cannot run. */
export type CommandRunner = (command: string, args: readonly string[]) => CommandResult;

export const runCommand: CommandRunner = (command, args) => {
  // stdin stays the terminal's, so sudo can ask for a password.
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  return {
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    error: result.error,
  };
};

export interface SystemdOptions {
  run?: CommandRunner;
  /** Whether this process may run systemctl itself; otherwise it goes through sudo. */
  root?: boolean;
}

/** What a hold of the bench owes the system: the units to start again, and who owes them. */
export interface RestoreMarker {
  units: PcscdUnit[];
  holder: number;
}

const RUNNING_STATES = new Set(['active', 'activating', 'reloading']);

/** The pcscd units systemd has running or listening now; none where systemd is not running. */
export function activePcscdUnits(options: SystemdOptions = {}): PcscdUnit[] {
  const result = (options.run ?? runCommand)('systemctl', ['is-active', ...PCSCD_UNITS]);
  if (result.error) return [];
  // One line per unit; without a running systemd it prints nothing on stdout.
  const states = result.stdout.trim().split('\n');
  if (states.length !== PCSCD_UNITS.length) return [];
  return PCSCD_UNITS.filter((_, i) => RUNNING_STATES.has(states[i]!.trim()));
}

/** The command line that runs `systemctl verb units` with the rights it needs. */
export function systemctlCommand(
  verb: 'start' | 'stop',
  units: readonly PcscdUnit[],
  options: SystemdOptions = {},
): string[] {
  const root = options.root ?? process.getuid?.() === 0;
  return [...(root ? [] : ['sudo']), 'systemctl', verb, ...units];
}

function systemctl(verb: 'start' | 'stop', units: readonly PcscdUnit[], options: SystemdOptions) {
  const [command, ...args] = systemctlCommand(verb, units, options);
  const result = (options.run ?? runCommand)(command!, args);
  if (result.error || result.status !== 0) {
    const why = result.error?.message ?? (result.stderr.trim() || `exit status ${result.status}`);
    throw new Error(`"${[command, ...args].join(' ')}" failed: ${why}`);
  }
}

export function readMarker(file = DEFAULT_MARKER_FILE): RestoreMarker | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const { units, holder } = (parsed ?? {}) as Partial<RestoreMarker>;
  if (!Array.isArray(units) || typeof holder !== 'number') return undefined;
  return { units: PCSCD_UNITS.filter((u) => units.includes(u)), holder };
}

function writeMarker(file: string, marker: RestoreMarker): void {
  const temporary = `${file}.${process.pid}`;
  fs.writeFileSync(temporary, `${JSON.stringify(marker)}\n`);
  fs.renameSync(temporary, file);
}

export interface ClaimOptions extends SystemdOptions {
  markerFile?: string;
  log?: (line: string) => void;
}

/**
 * Called by the holder of the bench lock: stops systemd's pcscd if it runs, and takes over
 * a debt left by a holder that died. Returns the units to start again at the end (none when
 * systemd does not run pcscd here).
 */
export function claimSystemPcscd(holder: number, options: ClaimOptions = {}): PcscdUnit[] {
  const markerFile = options.markerFile ?? DEFAULT_MARKER_FILE;
  const owed = readMarker(markerFile)?.units ?? [];
  const active = activePcscdUnits(options);
  const units = PCSCD_UNITS.filter((u) => owed.includes(u) || active.includes(u));
  if (units.length === 0) return [];
  writeMarker(markerFile, { units, holder });
  if (active.length > 0) {
    options.log?.(
      `The test bench stops the system's pcscd (${active.join(', ')}) while it runs, ` +
        'and starts it again afterwards.',
    );
    try {
      // Both units: a listening socket would start the service again at the first client.
      systemctl('stop', PCSCD_UNITS, options);
    } catch (error) {
      throw new Error(
        `The test bench could not stop the system's pcscd: ${(error as Error).message}. ` +
          `Stop it yourself with "sudo systemctl stop ${PCSCD_UNITS.join(' ')}" and run again.`,
        { cause: error },
      );
    }
  }
  return units;
}

/**
 * Starts again what the marker says is owed, and clears it. If that fails the marker stays,
 * so the next hold of the bench tries again, and the person is told the command.
 */
export function restoreSystemPcscd(options: ClaimOptions = {}): void {
  const markerFile = options.markerFile ?? DEFAULT_MARKER_FILE;
  const marker = readMarker(markerFile);
  if (!marker) return;
  if (marker.units.length > 0) {
    try {
      systemctl('start', marker.units, options);
    } catch (error) {
      options.log?.(
        `The test bench could not start the system's pcscd again (${(error as Error).message}). ` +
          `Start it with "sudo systemctl start ${marker.units.join(' ')}".`,
      );
      return;
    }
  }
  fs.rmSync(markerFile, { force: true });
}
