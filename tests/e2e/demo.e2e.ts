// `npm run demo` end to end: the demo starts its bench (pcscd, two simulated Keycards, a
// local chain) and the browser harness; Debian's Chromium opens the console and sees both
// readers with their cards, through the same window.lifeboat the app uses.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';

test.describe.configure({ mode: 'serial' });

let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness' });
});

test.afterAll(async () => {
  await demo?.stop();
});

/** The demo wallet's fingerprint, computed here from the phrase without Lifeboat code. */
function demoKeyUid(): string {
  const root = HDKey.fromMasterSeed(mnemonicToSeedSync(DEMO.mnemonic));
  return bytesToHex(sha256(secp256k1.Point.fromBytes(root.publicKey!).toBytes(false)));
}

test('the demo console shows both readers with their cards', async ({ page }) => {
  expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/open#token=/);
  await page.goto(demo.url!);
  for (const reader of [DEMO.oldReader, DEMO.newReader]) {
    await expect(page.getByText(reader).first()).toBeVisible();
  }
  await page.screenshot({ path: 'test-results/screenshots/demo-home.png', fullPage: true });

  const seen = await page.evaluate(
    async ([oldReader, newReader]) => {
      const api = window.lifeboat;
      // The console opens the cards itself; an open of ours racing it is told the reader
      // is busy, and then finds the console's session.
      const open = async (reader: string) => {
        for (let attempt = 0; ; attempt++) {
          const result = await api.cards.open({ reader });
          if (result.ok || result.error.code !== 'reader-busy' || attempt === 20) return result;
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      const readers = await api.readers.list();
      return { readers, oldCard: await open(oldReader), newCard: await open(newReader) };
    },
    [DEMO.oldReader, DEMO.newReader] as const,
  );

  expect(seen.readers).toEqual({
    ok: true,
    value: {
      state: 'ready',
      readers: [
        expect.objectContaining({ name: DEMO.oldReader, atr: expect.any(String) }),
        expect.objectContaining({ name: DEMO.newReader, atr: expect.any(String) }),
      ],
    },
  });
  const readers = seen.readers.ok ? seen.readers.value.readers : [];
  for (const reader of readers) expect(['card-present', 'connected']).toContain(reader.state);
  expect(seen.oldCard).toMatchObject({
    ok: true,
    value: {
      reader: DEMO.oldReader,
      info: { family: 'keycard', initialized: true, keyUid: demoKeyUid() },
    },
  });
  expect(seen.newCard).toMatchObject({
    ok: true,
    value: { reader: DEMO.newReader, info: { family: 'keycard', initialized: false } },
  });

  // The command line, meanwhile, is told that the console holds the card, not some other
  // program. Asynchronously: the simulated cards answer from this very process.
  const cli = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/lifeboat.cjs', 'card', 'info', '--reader', DEMO.oldReader, '--json'],
      { timeout: 30_000 },
      (_error, stdout) => resolve({ code: child.exitCode, stdout }),
    );
  });
  expect(cli.code).not.toBe(0);
  expect(JSON.parse(cli.stdout)).toMatchObject({
    error: { code: 'card-in-use', holder: 'console' },
  });
});

test('the console’s credential reaches no other server on 127.0.0.1, and the harness wants it', async ({
  page,
  request,
}) => {
  // Another local server, as any program on this machine may run one: it records what
  // the browser sends it. A cookie for 127.0.0.1 would be among it, whatever the port.
  const seen: { url: string; headers: http.IncomingHttpHeaders }[] = [];
  const other = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>other</title><img src="/pixel.png">');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  const token = new URL(demo.url!).hash.slice('#token='.length);
  try {
    await page.goto(demo.url!);
    await expect(page.getByRole('heading', { level: 1, name: 'Recovery console' })).toBeVisible();
    await expect(page.getByText(DEMO.oldReader).first()).toBeVisible();
    // The token left the address bar; it lives in this tab's storage for this origin only.
    expect(page.url()).toBe(`${new URL(demo.url!).origin}/`);
    expect(await page.context().cookies()).toEqual([]);
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([token]);

    await page.goto(`${otherOrigin}/`);
    await expect(page).toHaveTitle('other');
    expect(await page.evaluate(() => [document.cookie, sessionStorage.length])).toEqual(['', 0]);
    expect(seen.length).toBeGreaterThan(0);
    for (const { url, headers } of seen) {
      expect(headers.cookie).toBeUndefined();
      expect(JSON.stringify({ url, headers })).not.toContain(token);
    }
  } finally {
    await new Promise((resolve) => other.close(resolve));
  }

  // Without the header, main is out of reach; the page itself is public build output.
  const origin = new URL(demo.url!).origin;
  const call = { data: { channel: 'lifeboat:readers.list' } };
  expect((await request.post(`${origin}/__lifeboat/ipc`, call)).status()).toBe(403);
  expect((await request.get(`${origin}/__lifeboat/events`)).status()).toBe(403);
  expect(
    (
      await request.post(`${origin}/__lifeboat/ipc`, {
        ...call,
        headers: { 'X-Lifeboat-Token': token },
      })
    ).status(),
  ).toBe(200);
});

test('the page cannot reach anything but the harness', async ({ page }) => {
  await page.goto(demo.url!);
  const blocked = await page.evaluate(async (rpc) => {
    try {
      await fetch(rpc, { method: 'POST', body: '{}' });
      return false;
    } catch {
      return true;
    }
  }, demo.node.url);
  expect(blocked).toBe(true);
});
