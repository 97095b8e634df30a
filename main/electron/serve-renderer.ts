// Registers `app://` and serves the built renderer from it, with the CSP as a header.
import { protocol } from 'electron';
import fs from 'node:fs/promises';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  RESPONSE_HEADERS,
  contentTypeOf,
  resolveAppFile,
} from './app-protocol';

/** Must run before the app is ready: a scheme registered later is silently unprivileged. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } },
  ]);
}

export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? resolveAppFile(request.url, root) : undefined;
    const type = file === undefined ? undefined : contentTypeOf(file);
    if (file === undefined || type === undefined) {
      return new Response('Not found', { status: 404, headers: RESPONSE_HEADERS });
    }
    try {
      const body = await fs.readFile(file);
      return new Response(body, { headers: { ...RESPONSE_HEADERS, 'Content-Type': type } });
    } catch {
      return new Response('Not found', { status: 404, headers: RESPONSE_HEADERS });
    }
  });
}
