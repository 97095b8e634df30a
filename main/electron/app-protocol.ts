// The console is served from `app://lifeboat/`, never `file://`: a custom standard scheme
// gives the page a real origin to check IPC senders against, and lets us decide exactly
// which files exist (the built renderer and nothing else) and which headers they carry.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'lifeboat';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * `standard` gives the scheme real origins and relative URLs, `secure` makes the page a
 * secure context, `corsEnabled` lets Chromium load the module scripts Vite emits (they are
 * fetched in CORS mode). Nothing that would loosen the page: no `bypassCSP`, no service
 * workers, no fetch API, no streaming.
 */
export const APP_SCHEME_PRIVILEGES = Object.freeze({
  standard: true,
  secure: true,
  corsEnabled: true,
});

/**
 * The renderer may load its own scripts, styles, images and fonts and nothing else: no
 * network at all (`connect-src 'none'`; main makes every JSON-RPC call), no inline script,
 * no eval, no frames, no plugins, no forms posting anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "media-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
});

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Whether `url` is on our own origin. Compared by scheme and host: Node's URL gives every
 * non-special scheme the opaque origin "null", so `.origin` cannot be used in main.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}

/** The content type for a served file, or undefined for a kind the console never serves. */
export function contentTypeOf(file: string): string | undefined {
  return CONTENT_TYPES[path.extname(file).toLowerCase()];
}

/**
 * Maps an `app://lifeboat/…` URL to a file under `root`, or undefined when the URL is for
 * another host, escapes the root (`..`, encoded or not), or names something odd.
 */
export function resolveAppFile(url: string, root: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!isAppUrl(url)) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  if (pathname.split('/').some((segment) => segment === '..')) return undefined;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (!file.startsWith(base + path.sep)) return undefined;
  if (contentTypeOf(file) === undefined) return undefined;
  return file;
}
