// The parts of the Electron security checklist that are event handlers rather than window
// options: every navigation, new window, webview, permission and remote request is refused.
// Written against the types only, so the decisions are unit-tested without the binary.
import type { App, Session, WebContents } from 'electron';
import { APP_ORIGIN, isAppUrl } from './app-protocol';

/** The page may only ever load from its own origin (and DevTools, when they are enabled). */
export function isAllowedRequest(url: string, options: { devTools: boolean }): boolean {
  if (isAppUrl(url) || url.startsWith(`blob:${APP_ORIGIN}/`) || url.startsWith('data:')) {
    return true;
  }
  return options.devTools && url.startsWith('devtools://');
}

export function hardenWebContents(contents: WebContents): void {
  // The console is one page; any navigation is either a bug or an attack.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * The one permission the page gets: writing text to the clipboard, for the copy buttons on
 * addresses and hashes. Reading the clipboard, and everything else, stays refused.
 */
export function isGrantedPermission(permission: string, pageUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(pageUrl);
}

export function hardenSession(session: Session, options: { devTools: boolean }): void {
  session.setPermissionRequestHandler((contents, permission, callback) =>
    callback(isGrantedPermission(permission, contents.getURL())),
  );
  session.setPermissionCheckHandler((_contents, permission, origin) =>
    isGrantedPermission(permission, origin),
  );
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.setBluetoothPairingHandler(null);
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequest(details.url, options) }),
  );
  // Reports and drill reminders are saved from blob: URLs of our own page, nothing else.
  session.on('will-download', (event, item) => {
    if (!item.getURL().startsWith(`blob:${APP_ORIGIN}/`)) event.preventDefault();
  });
}

/** Applies `hardenWebContents` to every web contents the app ever creates. */
export function hardenApp(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
