import type { App, Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  hardenApp,
  hardenSession,
  hardenWebContents,
  isAllowedRequest,
} from '../../../main/electron/harden';

type Handler = (...args: unknown[]) => unknown;

/** Records what the code under test registers, so each handler can be called directly. */
function recorder() {
  const handlers = new Map<string, Handler>();
  const record =
    (name: string) =>
    (handler: Handler | null): void => {
      if (handler) handlers.set(name, handler);
      else handlers.set(name, () => 'cleared');
    };
  return { handlers, record };
}

function preventable() {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

describe('hardenWebContents', () => {
  it('cancels every navigation, redirect and webview, and denies every new window', () => {
    const { handlers, record } = recorder();
    const contents = {
      on: (event: string, listener: Handler) => record(event)(listener),
      setWindowOpenHandler: record('window-open'),
    };
    hardenWebContents(contents as unknown as WebContents);
    for (const name of [
      'will-navigate',
      'will-frame-navigate',
      'will-redirect',
      'will-attach-webview',
    ]) {
      const event = preventable();
      handlers.get(name)!(event, 'https://evil.example/');
      expect(event.prevented, name).toBe(true);
    }
    expect(handlers.get('window-open')!({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('is applied to every web contents the app creates', () => {
    const { handlers, record } = recorder();
    hardenApp({ on: (e: string, l: Handler) => record(e)(l) } as unknown as App);
    const inner = recorder();
    handlers.get('web-contents-created')!(
      {},
      {
        on: (e: string, l: Handler) => inner.record(e)(l),
        setWindowOpenHandler: inner.record('window-open'),
      },
    );
    expect([...inner.handlers.keys()].sort()).toEqual(
      [
        'will-attach-webview',
        'will-frame-navigate',
        'will-navigate',
        'will-redirect',
        'window-open',
      ].sort(),
    );
  });
});

describe('hardenSession', () => {
  function hardened(devTools: boolean) {
    const { handlers, record } = recorder();
    const session = {
      setPermissionRequestHandler: record('permission-request'),
      setPermissionCheckHandler: record('permission-check'),
      setDevicePermissionHandler: record('device-permission'),
      setDisplayMediaRequestHandler: record('display-media'),
      setBluetoothPairingHandler: record('bluetooth'),
      webRequest: { onBeforeRequest: record('before-request') },
      on: (event: string, listener: Handler) => record(event)(listener),
    };
    hardenSession(session as unknown as Session, { devTools });
    return handlers;
  }

  it('denies every permission request and check', () => {
    const handlers = hardened(false);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'hid',
      'serial',
      'usb',
      'clipboard-read',
      'smart-card',
    ]) {
      let granted: unknown = 'unanswered';
      handlers.get('permission-request')!(
        { getURL: () => 'app://lifeboat/index.html' },
        permission,
        (g: boolean) => (granted = g),
        {},
      );
      expect(granted, permission).toBe(false);
      expect(handlers.get('permission-check')!({}, permission, 'app://lifeboat', {})).toBe(false);
    }
    expect(handlers.get('device-permission')!({ deviceType: 'usb' })).toBe(false);
    let streams: unknown = 'unanswered';
    handlers.get('display-media')!({}, (s: unknown) => (streams = s));
    expect(streams).toBeNull();
  });

  it('lets our own page write text to the clipboard for the copy buttons, and nobody else', () => {
    const handlers = hardened(false);
    const check = handlers.get('permission-check')!;
    expect(check({}, 'clipboard-sanitized-write', 'app://lifeboat', {})).toBe(true);
    expect(check({}, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
    expect(check({}, 'clipboard-read', 'app://lifeboat', {})).toBe(false);
    let granted: unknown;
    handlers.get('permission-request')!(
      { getURL: () => 'https://evil.example/' },
      'clipboard-sanitized-write',
      (g: boolean) => (granted = g),
      {},
    );
    expect(granted).toBe(false);
  });

  it('cancels every request that is not for our own page', () => {
    const handlers = hardened(false);
    const verdict = (url: string) => {
      let answer: unknown;
      handlers.get('before-request')!({ url }, (a: unknown) => (answer = a));
      return answer;
    };
    expect(verdict('app://lifeboat/assets/index.js')).toEqual({ cancel: false });
    for (const url of [
      'https://rpc.example/',
      'http://127.0.0.1:8545/',
      'ws://x/',
      'file:///etc/passwd',
      'app://other/x',
      'devtools://devtools/x',
    ]) {
      expect(verdict(url), url).toEqual({ cancel: true });
    }
  });

  it('lets only blob: downloads of our own page through', () => {
    const handlers = hardened(false);
    for (const [url, allowed] of [
      ['blob:app://lifeboat/4c9a-report', true],
      ['https://evil.example/x.exe', false],
      ['blob:https://evil.example/x', false],
    ] as const) {
      const event = preventable();
      handlers.get('will-download')!(event, { getURL: () => url });
      expect(event.prevented, url).toBe(!allowed);
    }
  });
});

describe('isAllowedRequest', () => {
  it('allows DevTools only when they are enabled', () => {
    expect(isAllowedRequest('devtools://devtools/bundled/x.html', { devTools: true })).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/x.html', { devTools: false })).toBe(false);
    expect(isAllowedRequest('data:image/png;base64,AAAA', { devTools: false })).toBe(true);
    expect(isAllowedRequest('chrome-extension://abc/x', { devTools: true })).toBe(false);
    expect(isAllowedRequest('::not a url', { devTools: true })).toBe(false);
  });
});
