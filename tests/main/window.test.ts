// The Electron security checklist, read from the sources that configure it. Any weakened
// item fails here: window options, the CSP, the app:// privileges, the fuses and packaging.
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';

const created: { options: unknown; loaded: string[]; hardened: boolean }[] = [];

// The Electron binary is absent; only BrowserWindow is replaced, by a recorder.
vi.mock('electron', () => ({
  BrowserWindow: class {
    readonly webContents = {
      handlers: new Map<string, unknown>(),
      on(event: string, listener: unknown) {
        this.handlers.set(event, listener);
      },
      setWindowOpenHandler(handler: unknown) {
        this.handlers.set('window-open', handler);
      },
    };
    private readonly record: (typeof created)[number];
    constructor(options: unknown) {
      this.record = { options, loaded: [], hardened: false };
      created.push(this.record);
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.record.loaded.push(url);
      this.record.hardened = [
        'will-navigate',
        'will-redirect',
        'will-attach-webview',
        'window-open',
      ].every((k) => this.webContents.handlers.has(k));
      return Promise.resolve();
    }
  },
}));

const { createMainWindow, mainWindowOptions } = await import('../../main/window');
const { APP_ENTRY, APP_SCHEME_PRIVILEGES, CONTENT_SECURITY_POLICY } =
  await import('../../main/electron/app-protocol');

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('the main window', () => {
  it('has every webPreferences item of the checklist, explicitly', () => {
    const options = mainWindowOptions({ preloadPath: '/app/preload.cjs', devTools: false });
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      plugins: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      enableWebSQL: false,
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.webPreferences).not.toHaveProperty('additionalArguments');
  });

  it('allows DevTools only when asked (development builds)', () => {
    const dev = mainWindowOptions({ preloadPath: 'p', devTools: true });
    expect(dev.webPreferences?.devTools).toBe(true);
    expect(dev.webPreferences?.sandbox).toBe(true);
  });

  it('loads the console from app://, never file://, and hardens its contents first', () => {
    createMainWindow({ preloadPath: 'p', devTools: false });
    expect(created.at(-1)).toMatchObject({ loaded: ['app://lifeboat/index.html'], hardened: true });
    expect(APP_ENTRY).toBe('app://lifeboat/index.html');
  });

  it('disables the sandbox nowhere and enables it for the whole app', () => {
    const entry = fs.readFileSync('main/index.ts', 'utf8');
    expect(entry).toMatch(/app\.enableSandbox\(\)/);
    expect(entry).toMatch(/requestSingleInstanceLock\(\)/);
    for (const file of [
      'main/index.ts',
      'main/window.ts',
      ...fs.readdirSync('main/electron').map((f) => `main/electron/${f}`),
    ]) {
      const source = fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
        .join('\n');
      expect(source, file).not.toMatch(
        /sandbox:\s*false|contextIsolation:\s*false|nodeIntegration:\s*true|webSecurity:\s*false/,
      );
      expect(source, file).not.toMatch(/loadFile\(|file:\/\//);
      // Links leave for the browser in one place only, which lets nothing but https through.
      if (file === 'main/electron/open-external.ts') {
        expect(source).toMatch(/protocol !== 'https:'/);
      } else {
        expect(source, file).not.toMatch(/\.openExternal\(/);
      }
    }
  });
});

describe('the content security policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows no network, no inline or eval script, no frames, no plugins', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('worker-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:|blob:|wasm/);
  });

  it('is repeated as a meta tag in the renderer page', () => {
    const html = fs.readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const page = directives(meta!);
    expect(page.get('default-src')).toEqual(["'none'"]);
    expect(page.get('connect-src')).toEqual(["'none'"]);
    expect(page.get('script-src')).toEqual(["'self'"]);
    expect(meta).not.toMatch(/unsafe-|\*|https?:/);
  });

  it('gives app:// no privilege that loosens the page', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, corsEnabled: true });
  });
});

describe('packaging (electron-builder.yml)', () => {
  const config = parse(fs.readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

  it('flips every security fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('publishes nothing, packs into an asar with native addons unpacked', () => {
    expect(config).toHaveProperty('publish', null);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });

  it('ships only the built app, never the harness or tests', () => {
    const files = config.files as string[];
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/main/**',
        'dist/preload/**',
        'dist/renderer/**',
        '!**/tests/**',
      ]),
    );
    expect(files.some((f) => /^(tests|scripts|main|preload|renderer)\b/.test(f))).toBe(false);
    for (const dir of ['main', 'preload', 'renderer']) {
      for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
        if (!/\.tsx?$/.test(file)) continue;
        expect(fs.readFileSync(`${dir}/${file}`, 'utf8'), `${dir}/${file}`).not.toMatch(
          /tests\/harness/,
        );
      }
    }
  });

  it('makes the Debian package depend on pcscd', () => {
    const deb = config.deb as { depends: string[] };
    expect(deb.depends).toEqual(expect.arrayContaining(['pcscd', 'libpcsclite1']));
  });
});
