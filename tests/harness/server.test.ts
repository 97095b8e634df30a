// The browser harness as an HTTP server: loopback only, the per-run token in a header on
// every request that reaches main (never a cookie), the page rewritten for the bridge, and
// the real dispatcher and events behind it.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../main/services';
import { HARNESS_CSP, TOKEN_HEADER, harnessIndexHtml, startHarness, type Harness } from './server';

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'none'" />
    <title>Lifeboat</title>
    <script type="module" crossorigin src="./assets/index.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

let dir: string;
let rendererDir: string;
let services: Services;
let harness: Harness;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const url = new URL(pathname, harness.origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: { Host: url.host, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function ipc(payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return request('/__lifeboat/ipc', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      [TOKEN_HEADER]: harness.token,
      Origin: harness.origin,
      ...headers,
    },
    body: JSON.stringify(payload),
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-harness-'));
  rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), PAGE);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index.js'), 'console.log("console");');
  fs.writeFileSync(path.join(dir, 'outside.js'), 'secret');
  services = await createServices({
    dataDir: path.join(dir, 'data'),
    shell: 'harness',
    version: '1.0.0',
  });
  harness = await startHarness({
    dispatcher: services.dispatcher,
    events: services.events,
    rendererDir,
  });
});

afterAll(async () => {
  await harness?.close();
  await services?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('startHarness', () => {
  it('refuses to listen anywhere but loopback', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'localhost', 'example.com']) {
      await expect(
        startHarness({
          dispatcher: services.dispatcher,
          events: services.events,
          rendererDir,
          host,
        }),
      ).rejects.toThrow(/loopback/);
    }
    expect(harness.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(harness.url).toBe(`${harness.origin}/open#token=${harness.token}`);
    expect(harness.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses IPC and events without the token header; a cookie or a query does not do', async () => {
    const call = JSON.stringify({ channel: 'lifeboat:app.info' });
    const post = (pathname: string, headers: Record<string, string> = {}) =>
      request(pathname, { method: 'POST', headers, body: call });
    expect((await post('/__lifeboat/ipc')).status).toBe(403);
    expect((await post('/__lifeboat/ipc', { [TOKEN_HEADER]: 'wrong' })).status).toBe(403);
    expect(
      (await post('/__lifeboat/ipc', { Cookie: `lifeboat-harness=${harness.token}` })).status,
    ).toBe(403);
    expect((await post(`/__lifeboat/ipc?token=${harness.token}`)).status).toBe(403);
    expect((await request('/__lifeboat/events')).status).toBe(403);
    expect((await request(`/__lifeboat/events?token=${harness.token}`)).status).toBe(403);
    expect((await request('/__lifeboat/events', { headers: { [TOKEN_HEADER]: 'x' } })).status).toBe(
      403,
    );
  });

  it('never sets a cookie, and the public files do not hold the token', async () => {
    for (const pathname of ['/', '/__lifeboat/bridge.js', '/assets/index.js']) {
      const reply = await request(pathname);
      expect(reply.status, pathname).toBe(200);
      expect(reply.headers['set-cookie'], pathname).toBeUndefined();
      expect(reply.body, pathname).not.toContain(harness.token);
    }
    // The link's path sends the browser on to the console, which keeps the fragment.
    const open = await request('/open');
    expect([open.status, open.headers.location, open.headers['set-cookie']]).toEqual([
      303,
      '/',
      undefined,
    ]);
    const answered = await ipc({ channel: 'lifeboat:app.info' });
    expect(answered.status).toBe(200);
    expect(answered.headers['set-cookie']).toBeUndefined();
  });

  it('says when a page first came with the token', async () => {
    const fresh = await startHarness({
      dispatcher: services.dispatcher,
      events: services.events,
      rendererDir,
    });
    try {
      let connected = false;
      void fresh.connected.then(() => (connected = true));
      const url = new URL('/__lifeboat/ipc', fresh.origin);
      const send = (headers: Record<string, string>) =>
        new Promise<number>((resolve, reject) => {
          const req = http.request(
            url,
            { method: 'POST', headers: { Host: url.host, ...headers } },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify({ channel: 'lifeboat:app.info' }));
        });
      expect(await send({})).toBe(403);
      await new Promise((r) => setTimeout(r, 50));
      expect(connected).toBe(false);
      expect(await send({ [TOKEN_HEADER]: fresh.token })).toBe(200);
      await fresh.connected;
    } finally {
      await fresh.close();
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await request('/__lifeboat/ipc', {
      method: 'POST',
      headers: { [TOKEN_HEADER]: harness.token, Host: 'evil.example:80' },
    });
    expect(reply.status).toBe(421);
  });

  it('serves the page with the bridge first and the harness CSP instead of the meta tag', async () => {
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(HARNESS_CSP);
    expect(HARNESS_CSP).toContain("connect-src 'self'");
    expect(HARNESS_CSP).toContain("script-src 'self'");
    expect(HARNESS_CSP).not.toMatch(/unsafe-/);
    expect(page.body).not.toContain('http-equiv="Content-Security-Policy"');
    expect(page.body.indexOf('/__lifeboat/bridge.js')).toBeLessThan(
      page.body.indexOf('./assets/index.js'),
    );
    expect(page.body).toBe(harnessIndexHtml(PAGE));

    const bridge = await request('/__lifeboat/bridge.js');
    expect(bridge.headers['content-type']).toMatch(/javascript/);
    expect(bridge.body).toContain(TOKEN_HEADER);
    expect(bridge.body).toContain('lifeboat:readers.list');
  });

  it('serves only files inside the renderer folder', async () => {
    const asset = await request('/assets/index.js');
    expect(asset.body).toBe('console.log("console");');
    for (const p of [
      '/../outside.js',
      '/assets/%2e%2e/%2e%2e/outside.js',
      '/%2e%2e%2foutside.js',
      '/nothing.js',
    ]) {
      expect((await request(p)).status, p).toBe(404);
    }
  });

  it('dispatches IPC to the real handler table only with the token header and our origin', async () => {
    const reply = await ipc({ channel: 'lifeboat:app.info' });
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: true,
      value: { shell: 'harness', version: '1.0.0' },
    });
    expect((await ipc({ channel: 'lifeboat:app.info' }, { [TOKEN_HEADER]: 'wrong' })).status).toBe(
      403,
    );
    expect(
      (await ipc({ channel: 'lifeboat:app.info' }, { Origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect(
      (
        await request('/__lifeboat/ipc', {
          method: 'GET',
          headers: { [TOKEN_HEADER]: harness.token },
        })
      ).status,
    ).toBe(405);
    const junk = await ipc({ channel: 'lifeboat:cards.unlock', payload: { __proto__: 1 } });
    expect(JSON.parse(junk.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('streams main’s events to the page', async () => {
    const url = new URL('/__lifeboat/events', harness.origin);
    const frames: string[] = [];
    const req = http.get(url, { headers: { [TOKEN_HEADER]: harness.token } });
    const response = await new Promise<http.IncomingMessage>((resolve) =>
      req.on('response', resolve),
    );
    expect(response.headers['content-type']).toBe('text/event-stream');
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => frames.push(chunk));
    await new Promise((r) => setTimeout(r, 50));
    services.events.emit('readers', 'watch', { state: 'no-reader', readers: [] });
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
    expect(frames.join('')).toContain(
      `data: ${JSON.stringify({ channel: 'lifeboat:readers.changed', payload: { state: 'no-reader', readers: [] } })}`,
    );
  });
});
