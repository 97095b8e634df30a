// main/index.ts against a recording stand-in for the Electron binary (which is absent
// here): the order of the lock-down steps, the single-instance lock, and a clean quit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface Recorder {
  steps: string[];
  listeners: Map<string, (...args: unknown[]) => unknown>;
  ready: () => void;
  lock: boolean;
  packaged: boolean;
  userData: string;
  windows: { sent: unknown[][] }[];
  ipcChannels: string[];
}

let rec: Recorder;

vi.mock('electron', () => {
  const step = (name: string) => rec.steps.push(name);
  let ready: () => void = () => undefined;
  const whenReady = () =>
    new Promise<void>((resolve) => {
      ready = resolve;
      rec.ready = () => ready();
    });
  return {
    app: {
      enableSandbox: () => step('enableSandbox'),
      requestSingleInstanceLock: () => (step('requestSingleInstanceLock'), rec.lock),
      quit: () => step('quit'),
      exit: (code: number) => step(`exit ${code}`),
      on: (event: string, listener: (...args: unknown[]) => unknown) => {
        step(`app.on ${event}`);
        rec.listeners.set(event, listener);
      },
      whenReady,
      get isPackaged() {
        return rec.packaged;
      },
      getVersion: () => '1.2.3',
      getPath: () => rec.userData,
      setPath: (name: string, value: string) => {
        step(`setPath ${name}`);
        rec.userData = value;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
        step(`registerSchemesAsPrivileged ${schemes.map((s) => s.scheme).join()}`),
      handle: (scheme: string) => step(`protocol.handle ${scheme}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => step('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => step('setPermissionCheckHandler'),
        setDevicePermissionHandler: () => step('setDevicePermissionHandler'),
        setDisplayMediaRequestHandler: () => step('setDisplayMediaRequestHandler'),
        setBluetoothPairingHandler: () => step('setBluetoothPairingHandler'),
        webRequest: { onBeforeRequest: () => step('onBeforeRequest') },
        on: (event: string) => step(`session.on ${event}`),
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
    shell: { openExternal: (url: string) => (step(`openExternal ${url}`), Promise.resolve()) },
    ipcMain: {
      handle: (channel: string) => rec.ipcChannels.push(channel),
      removeHandler: () => undefined,
    },
    BrowserWindow: class {
      readonly sent: unknown[][] = [];
      readonly webContents = {
        on: () => undefined,
        setWindowOpenHandler: () => undefined,
        send: (...args: unknown[]) => this.sent.push(args),
        isDestroyed: () => false,
      };
      constructor(options: { webPreferences: { preload: string } }) {
        step(`new BrowserWindow ${path.basename(options.webPreferences.preload)}`);
        rec.windows.push(this);
      }
      once() {}
      on() {}
      loadURL(url: string) {
        step(`loadURL ${url}`);
        return Promise.resolve();
      }
    },
  };
});

beforeEach(() => {
  vi.resetModules();
  rec = {
    steps: [],
    listeners: new Map(),
    ready: () => undefined,
    lock: true,
    packaged: true,
    userData: fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-entry-')),
    windows: [],
    ipcChannels: [],
  };
});

afterEach(() => {
  fs.rmSync(rec.userData, { recursive: true, force: true });
  delete process.env.LIFEBOAT_DATA_DIR;
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

describe('main/index.ts', () => {
  it('sandboxes everything and registers app:// before anything else, then quits if another instance runs', async () => {
    rec.lock = false;
    await import('../../../main/index');
    expect(rec.steps).toEqual([
      'enableSandbox',
      'registerSchemesAsPrivileged app',
      'requestSingleInstanceLock',
      'quit',
    ]);
  });

  it('locks the session and IPC down before the window loads, then shuts down cleanly', async () => {
    await import('../../../main/index');
    rec.ready();
    await until(() => rec.steps.some((s) => s.startsWith('loadURL')));
    const at = (prefix: string) => rec.steps.findIndex((s) => s.startsWith(prefix));
    expect(at('app.on web-contents-created')).toBeLessThan(at('new BrowserWindow'));
    for (const lockdown of [
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'setDevicePermissionHandler',
      'onBeforeRequest',
      'protocol.handle app',
    ]) {
      expect(at(lockdown), lockdown).toBeGreaterThanOrEqual(0);
      expect(at(lockdown), lockdown).toBeLessThan(at('loadURL'));
    }
    expect(rec.steps).toContain('new BrowserWindow index.cjs');
    expect(rec.steps).toContain('loadURL app://lifeboat/index.html');
    expect(rec.ipcChannels.length).toBeGreaterThan(40);
    expect(rec.ipcChannels.every((c) => c.startsWith('lifeboat:'))).toBe(true);
    // The pairings fall back to a key file, which says so, when there is no keychain.
    expect(fs.existsSync(path.join(rec.userData, 'pairings.key'))).toBe(true);

    let prevented = false;
    rec.listeners.get('will-quit')!({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await until(() => rec.steps.includes('quit'));
  });

  it('uses the demo data folder only in development builds', async () => {
    const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-entry-demo-'));
    process.env.LIFEBOAT_DATA_DIR = demoDir;
    rec.packaged = true;
    await import('../../../main/index');
    expect(rec.steps).not.toContain('setPath userData');
    vi.resetModules();
    rec.steps = [];
    rec.packaged = false;
    await import('../../../main/index');
    expect(rec.steps).toContain('setPath userData');
    fs.rmSync(demoDir, { recursive: true, force: true });
  });
});
