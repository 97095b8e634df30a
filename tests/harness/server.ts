// The browser harness: serves the built console on 127.0.0.1 and backs `window.lifeboat`
// with main's real dispatcher, so Playwright (and a developer without the Electron binary)
// drive the same handlers the app uses. A development tool: it never ships in the app.
//
// Only loopback is ever bound, and the Host header must be ours, so a DNS-rebound name
// cannot reach the server. The console's page and files are public build output; what
// reaches main (IPC calls and the event stream) needs the random per-run token in a
// header. The token travels in the URL's fragment, which browsers never send to a
// server; the bridge moves it into sessionStorage, which belongs to this origin, port
// included, and this tab. It is never a cookie: cookies for 127.0.0.1 go to every other
// server on 127.0.0.1, whatever its port (RFC 6265 §8.5).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import {
  CONTENT_SECURITY_POLICY,
  RESPONSE_HEADERS,
  contentTypeOf,
} from '../../main/electron/app-protocol';
import type { Dispatcher } from '../../main/ipc/dispatcher';
import type { EventHub } from '../../main/ipc/events';

export const LOOPBACK_HOSTS = ['127.0.0.1', '::1'] as const;
export const TOKEN_HEADER = 'x-lifeboat-token';
const BRIDGE_PATH = '/__lifeboat/bridge.js';
/**
 * The link's path: it redirects to the console, and the browser keeps the fragment. As the
 * page's own address is then "/", opening the link again loads the console afresh rather
 * than scrolling the open page to a fragment.
 */
const OPEN_PATH = '/open';
const IPC_PATH = '/__lifeboat/ipc';
const EVENTS_PATH = '/__lifeboat/events';
const MAX_BODY = 1 << 20;
const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The app's CSP with one change: the page may talk to its own origin, i.e. the bridge. */
export const HARNESS_CSP = CONTENT_SECURITY_POLICY.replace(
  "connect-src 'none'",
  "connect-src 'self'",
);

export interface HarnessOptions {
  dispatcher: Dispatcher;
  events: EventHub;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
}

export interface Harness {
  /** Open this in the browser: its fragment carries the token. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  /** Settles at the first request that carries the token: a page has it. */
  readonly connected: Promise<void>;
  close(): Promise<void>;
}

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(HERE, 'bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    define: { __LIFEBOAT_TOKEN_HEADER__: JSON.stringify(TOKEN_HEADER) },
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('The harness bridge did not build.');
  return output.text;
}

/** The built index.html without its meta CSP (the header carries the harness's) plus the bridge. */
export function harnessIndexHtml(html: string): string {
  const withoutMeta = html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/i, '');
  const at = withoutMeta.search(/<script\b/i);
  const tag = `<script src="${BRIDGE_PATH}"></script>\n    `;
  if (at < 0) return withoutMeta.replace(/<\/head>/i, `${tag}</head>`);
  return `${withoutMeta.slice(0, at)}${tag}${withoutMeta.slice(at)}`;
}

function sameToken(candidate: string | undefined, token: string): boolean {
  if (candidate === undefined) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function headerToken(request: http.IncomingMessage): string | undefined {
  const value = request.headers[TOKEN_HEADER];
  return typeof value === 'string' ? value : undefined;
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const host = options.host ?? '127.0.0.1';
  if (!(LOOPBACK_HOSTS as readonly string[]).includes(host)) {
    throw new Error(`The harness only listens on loopback (${LOOPBACK_HOSTS.join(', ')}).`);
  }
  const token = randomBytes(32).toString('base64url');
  const bridge = await bundleBridge();
  const root = path.resolve(options.rendererDir);
  const index = harnessIndexHtml(await fs.readFile(path.join(root, 'index.html'), 'utf8'));
  const streams = new Set<http.ServerResponse>();
  let origin = '';
  let hostHeader = '';
  let markConnected!: () => void;
  const connected = new Promise<void>((resolve) => (markConnected = resolve));

  const headers = (type?: string): Record<string, string> => ({
    ...RESPONSE_HEADERS,
    'Content-Security-Policy': HARNESS_CSP,
    ...(type === undefined ? {} : { 'Content-Type': type }),
  });
  const deny = (response: http.ServerResponse, status: number) => {
    response.writeHead(status, headers('text/plain; charset=utf-8'));
    response.end(http.STATUS_CODES[status]);
  };

  const server = http.createServer((request, response) => {
    void (async () => {
      if (request.headers.host !== hostHeader) return deny(response, 421);
      const url = new URL(request.url ?? '/', origin);

      if (url.pathname === IPC_PATH || url.pathname === EVENTS_PATH) {
        const fromOrigin = request.headers.origin;
        if (!sameToken(headerToken(request), token)) return deny(response, 403);
        if (fromOrigin !== undefined && fromOrigin !== origin) return deny(response, 403);
        markConnected();
      }
      if (url.pathname === IPC_PATH) {
        if (request.method !== 'POST') return deny(response, 405);
        let message: unknown;
        try {
          message = JSON.parse(await readBody(request));
        } catch {
          return deny(response, 400);
        }
        const { channel, payload } = (message ?? {}) as { channel?: unknown; payload?: unknown };
        const result = await options.dispatcher.dispatch(
          typeof channel === 'string' ? channel : '',
          payload,
        );
        response.writeHead(200, headers('application/json'));
        return response.end(JSON.stringify(result));
      }
      if (request.method !== 'GET') return deny(response, 405);
      if (url.pathname === EVENTS_PATH) {
        response.writeHead(200, {
          ...headers('text/event-stream'),
          Connection: 'keep-alive',
        });
        response.write(': connected\n\n');
        streams.add(response);
        request.on('close', () => streams.delete(response));
        return;
      }
      if (url.pathname === OPEN_PATH) {
        response.writeHead(303, { ...headers(), Location: '/' });
        return response.end();
      }
      if (url.pathname === BRIDGE_PATH) {
        response.writeHead(200, headers('text/javascript; charset=utf-8'));
        return response.end(bridge);
      }
      if (url.pathname === '/' || url.pathname === '/index.html') {
        response.writeHead(200, headers('text/html; charset=utf-8'));
        return response.end(index);
      }
      const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
      const type = contentTypeOf(file);
      if (!file.startsWith(root + path.sep) || type === undefined) return deny(response, 404);
      try {
        const body = await fs.readFile(file);
        response.writeHead(200, headers(type));
        response.end(body);
      } catch {
        deny(response, 404);
      }
    })().catch(() => {
      if (!response.headersSent) deny(response, 500);
      else response.destroy();
    });
  });

  const disconnect = options.events.connect((channel, payload) => {
    const frame = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  hostHeader = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  origin = `http://${hostHeader}`;

  return {
    url: `${origin}${OPEN_PATH}#token=${token}`,
    origin,
    token,
    connected,
    async close() {
      disconnect();
      for (const stream of streams) stream.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
