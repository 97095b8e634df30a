// The systemd side of the bench, against a stand-in for systemctl (systemd cannot run on
// the test machines): which units run, stopping them for a hold, and starting again
// exactly those that ran, from the marker that records the debt.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activePcscdUnits,
  claimSystemPcscd,
  readMarker,
  restoreSystemPcscd,
  systemctlCommand,
  type CommandRunner,
} from './system-pcscd';

interface FakeSystemd {
  run: CommandRunner;
  active: Set<string>;
  calls: string[];
  /** Makes the next calls of this verb fail as a refused sudo would. */
  failing: Set<string>;
}

/** systemctl as Debian's behaves for is-active, start and stop, with every call recorded. */
function fakeSystemd(active: string[]): FakeSystemd {
  const fake: FakeSystemd = {
    run: () => ({ status: 0, stdout: '', stderr: '' }),
    active: new Set(active),
    calls: [],
    failing: new Set(),
  };
  fake.run = (command, args) => {
    fake.calls.push([command, ...args].join(' '));
    const [verb, ...units] = command === 'sudo' ? args.slice(1) : args;
    if (fake.failing.has(verb!))
      return { status: 1, stdout: '', stderr: 'sudo: a password is required' };
    if (verb === 'is-active') {
      const states = units.map((u) => (fake.active.has(u) ? 'active' : 'inactive'));
      return {
        status: states.includes('active') ? 0 : 3,
        stdout: `${states.join('\n')}\n`,
        stderr: '',
      };
    }
    for (const unit of units) {
      if (verb === 'stop') fake.active.delete(unit);
      else fake.active.add(unit);
    }
    return { status: 0, stdout: '', stderr: '' };
  };
  return fake;
}

let dir: string;
let markerFile: string;
let logged: string[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-system-pcscd-'));
  markerFile = path.join(dir, 'restore.json');
  logged = [];
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const options = (fake: FakeSystemd) => ({
  run: fake.run,
  root: true,
  markerFile,
  log: (line: string) => logged.push(line),
});

describe('activePcscdUnits', () => {
  it('reads which pcscd units systemd runs', () => {
    expect(activePcscdUnits({ run: fakeSystemd(['pcscd.socket']).run })).toEqual(['pcscd.socket']);
    expect(activePcscdUnits({ run: fakeSystemd(['pcscd.socket', 'pcscd.service']).run })).toEqual([
      'pcscd.socket',
      'pcscd.service',
    ]);
    expect(activePcscdUnits({ run: fakeSystemd([]).run })).toEqual([]);
  });

  it('finds none where systemctl is missing or systemd does not run', () => {
    const missing: CommandRunner = () => ({
      status: null,
      stdout: '',
      stderr: '',
      error: Object.assign(new Error('spawnSync systemctl ENOENT'), { code: 'ENOENT' }),
    });
    // What systemctl prints in a container, or on a machine booted without systemd.
    const notBooted: CommandRunner = () => ({
      status: 1,
      stdout: '',
      stderr: "System has not been booted with systemd as init system (PID 1). Can't operate.\n",
    });
    expect(activePcscdUnits({ run: missing })).toEqual([]);
    expect(activePcscdUnits({ run: notBooted })).toEqual([]);
  });
});

describe('claimSystemPcscd and restoreSystemPcscd', () => {
  it('stops systemd’s pcscd for the hold and starts again exactly what ran', () => {
    const fake = fakeSystemd(['pcscd.socket']);
    expect(claimSystemPcscd(4242, options(fake))).toEqual(['pcscd.socket']);
    expect(fake.active.size).toBe(0);
    expect(fake.calls).toEqual([
      'systemctl is-active pcscd.socket pcscd.service',
      'systemctl stop pcscd.socket pcscd.service',
    ]);
    expect(readMarker(markerFile)).toEqual({ units: ['pcscd.socket'], holder: 4242 });
    expect(logged.join('\n')).toMatch(/stops the system's pcscd \(pcscd\.socket\)/);

    restoreSystemPcscd(options(fake));
    expect(fake.calls.at(-1)).toBe('systemctl start pcscd.socket');
    expect([...fake.active]).toEqual(['pcscd.socket']);
    expect(fs.existsSync(markerFile)).toBe(false);
  });

  it('goes through sudo when not root, as scripts/setup.sh does', () => {
    const fake = fakeSystemd(['pcscd.socket', 'pcscd.service']);
    claimSystemPcscd(4242, { ...options(fake), root: false });
    restoreSystemPcscd({ ...options(fake), root: false });
    expect(fake.calls.slice(1)).toEqual([
      'sudo systemctl stop pcscd.socket pcscd.service',
      'sudo systemctl start pcscd.socket pcscd.service',
    ]);
    expect(systemctlCommand('start', ['pcscd.socket'], { root: true })).toEqual([
      'systemctl',
      'start',
      'pcscd.socket',
    ]);
  });

  it('does nothing where systemd does not run pcscd', () => {
    const fake = fakeSystemd([]);
    expect(claimSystemPcscd(4242, options(fake))).toEqual([]);
    restoreSystemPcscd(options(fake));
    expect(fake.calls).toEqual(['systemctl is-active pcscd.socket pcscd.service']);
    expect(fs.existsSync(markerFile)).toBe(false);
    expect(logged).toEqual([]);
  });

  it('takes over the debt of a holder that died before giving pcscd back', () => {
    const fake = fakeSystemd(['pcscd.socket']);
    claimSystemPcscd(1111, options(fake));
    // Holder 1111 is killed here: nothing restores. The next hold finds the marker.
    expect(claimSystemPcscd(2222, options(fake))).toEqual(['pcscd.socket']);
    expect(readMarker(markerFile)).toEqual({ units: ['pcscd.socket'], holder: 2222 });
    expect(fake.calls.filter((c) => c.includes(' stop '))).toHaveLength(1);
    restoreSystemPcscd(options(fake));
    expect([...fake.active]).toEqual(['pcscd.socket']);
  });

  it('keeps the debt and gives the command when pcscd cannot be started again', () => {
    const fake = fakeSystemd(['pcscd.socket']);
    claimSystemPcscd(4242, { ...options(fake), root: false });
    fake.failing.add('start');
    restoreSystemPcscd({ ...options(fake), root: false });
    expect(logged.at(-1)).toContain('Start it with "sudo systemctl start pcscd.socket"');
    expect(readMarker(markerFile)?.units).toEqual(['pcscd.socket']);

    fake.failing.clear();
    restoreSystemPcscd(options(fake));
    expect(fs.existsSync(markerFile)).toBe(false);
    expect([...fake.active]).toEqual(['pcscd.socket']);
  });

  it('says what to do when it cannot stop pcscd', () => {
    const fake = fakeSystemd(['pcscd.socket', 'pcscd.service']);
    fake.failing.add('stop');
    expect(() => claimSystemPcscd(4242, { ...options(fake), root: false })).toThrow(
      /could not stop the system's pcscd: "sudo systemctl stop pcscd\.socket pcscd\.service" failed: sudo: a password is required\. Stop it yourself with "sudo systemctl stop pcscd\.socket pcscd\.service"/,
    );
  });
});
