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
      const readers = await api.readers.list();
      const oldCard = await api.cards.open({ reader: oldReader });
      const newCard = await api.cards.open({ reader: newReader });
      return { readers, oldCard, newCard };
    },
    [DEMO.oldReader, DEMO.newReader] as const,
  );

  expect(seen.readers).toEqual({
    ok: true,
    value: {
      state: 'ready',
      readers: [
        expect.objectContaining({ name: DEMO.oldReader, state: 'card-present' }),
        expect.objectContaining({ name: DEMO.newReader, state: 'card-present' }),
      ],
    },
  });
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
