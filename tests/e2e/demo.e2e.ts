// `npm run demo` end to end: the demo starts its bench (pcscd, two simulated Keycards, a
// local chain) and the browser harness; Debian's Chromium opens the console and sees both
// readers with their cards, through the same window.lifeboat the app uses.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
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
  expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
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
});

test('the page cannot reach the harness without its token, nor anything else', async ({
  page,
  request,
}) => {
  const bare = new URL(demo.url!);
  bare.search = '';
  expect((await request.get(bare.toString())).status()).toBe(403);
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
