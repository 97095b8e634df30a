// A sweep across card families: the demo's old Keycard is unlocked, the blank new card is a
// Satochip — set up with its own PIN rules (characters, no pairing password), given a new
// recovery phrase written down and checked (it makes no key of its own) — and every asset
// moves to it. The chain is read afterwards; the Satochip's address is derived here from the
// words the console showed, independently.
import { expect, test, type Page } from '@playwright/test';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { computeAddress } from 'ethers';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import { checkpoint, chooseCard, enterPin, openConsole, shownAddress } from './console-steps';

/** What the journey gives the blank Satochip. Test values only. */
const SATOCHIP = Object.freeze({ pin: 'harbour-light', puk: 'keep-it-safe-42' });

let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness', cards: ['keycard', 'satochip'] });
});

test.afterAll(async () => {
  await demo?.stop();
});

function firstAddress(words: readonly string[]): string {
  const node = HDKey.fromMasterSeed(mnemonicToSeedSync(words.join(' '))).derive("m/44'/60'/0'/0/0");
  return computeAddress(`0x${Buffer.from(node.publicKey!).toString('hex')}`);
}

/** Writes down the new phrase the console shows and answers its check; returns the words. */
async function writeDownPhrase(page: Page): Promise<string[]> {
  await expect(page.getByRole('heading', { name: 'Write down these 12 words' })).toBeVisible();
  const shown = await page.locator('.phrase-words li .mono').allInnerTexts();
  expect(shown).toHaveLength(12);
  await checkpoint(page, 'family-sweep-phrase-shown');
  await page.getByRole('button', { name: 'I have written down all 12 words' }).click();
  await expect(page.getByRole('heading', { name: 'Check what you wrote down' })).toBeVisible();
  for (const id of (await page
    .getByLabel(/^Word \d+$/)
    .evaluateAll((fields) => fields.map((f) => f.id))) as string[]) {
    const label = await page.locator(`label[for="${id}"]`).innerText();
    const position = Number(/^Word (\d+)$/.exec(label)![1]) - 1;
    await page.locator(`[id="${id}"]`).fill(shown[position]!);
  }
  await checkpoint(page, 'family-sweep-phrase-check');
  await page.getByRole('button', { name: 'Check the words' }).click();
  return shown;
}

test('sweep every asset from a Keycard to a blank Satochip set up in the flow', async ({
  page,
}) => {
  const expectClean = await openConsole(page, demo.url!);
  const newPanel = page.getByRole('listitem').filter({ hasText: DEMO.newReader });
  await expect(newPanel).toContainText('Satochip');
  await checkpoint(page, 'family-sweep-home');

  await page.getByRole('button', { name: /Move funds to a new card/ }).click();
  await page.getByRole('button', { name: 'Connect the old card' }).click();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);

  await expect(page.getByRole('heading', { name: 'The new card', exact: true })).toBeVisible();
  // A Satochip shows its certificate only once unlocked: said so, not a wrong verdict.
  await page.getByRole('button', { name: `Use this card in ${DEMO.newReader}` }).click();
  await expect(page.getByRole('heading', { name: 'Is the card genuine?' })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: /^Checked once the card is set up and unlocked/ }),
  ).toBeVisible();
  await checkpoint(page, 'family-sweep-new-card-attestation');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // The Satochip's rules: a PIN and PUK of 4 to 16 characters, and no pairing password.
  await expect(page.getByRole('heading', { name: 'Set up the card', level: 2 })).toBeVisible();
  await expect(page.getByLabel(/^Pairing password/)).toHaveCount(0);
  await page.getByLabel('PIN (4 to 16 characters)').fill(SATOCHIP.pin);
  await page.getByLabel('PIN again').fill(SATOCHIP.pin);
  await page.getByLabel('PUK (4 to 16 characters)').fill(SATOCHIP.puk);
  await page.getByLabel('PUK again').fill(SATOCHIP.puk);
  await checkpoint(page, 'family-sweep-set-up');
  await page.getByRole('button', { name: 'Set up the card' }).click();

  // Once set up and unlocked, the Satochip shows its certificate: now the verdict is given.
  await expect(page.getByRole('heading', { name: 'Is the card genuine?' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Genuine/ })).toBeVisible();
  await checkpoint(page, 'family-sweep-attested-after-set-up');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // It makes no key of its own: it is given a wallet, backed up by a phrase written down.
  await expect(page.getByRole('heading', { name: 'Give the new card its wallet' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Create the key on the card, without a backup' }),
  ).toHaveCount(0);
  await checkpoint(page, 'family-sweep-give-wallet');
  await page
    .getByRole('button', { name: 'Write down a new recovery phrase, then put it on the card' })
    .click();
  const words = await writeDownPhrase(page);

  await expect(page.getByRole('heading', { name: 'The new card’s address' })).toBeVisible({
    timeout: 30_000,
  });
  const destination = await shownAddress(page);
  expect(destination).toBe(firstAddress(words));
  expect(demo.accounts).not.toContain(destination);
  await checkpoint(page, 'family-sweep-new-address');

  await page.getByRole('button', { name: 'Continue to the plan' }).click();
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();
  expect(await shownAddress(page)).toBe(destination);
  await checkpoint(page, 'family-sweep-review');
  await page.getByRole('button', { name: 'Continue to the confirmation' }).click();
  await page.getByLabel(/I compared this address/).check();
  await checkpoint(page, 'family-sweep-confirm');
  await page.getByRole('button', { name: 'Sign and send 5 transactions' }).click();

  await expect(page.getByRole('heading', { name: 'Report' })).toBeVisible({ timeout: 60_000 });
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Everything was moved: 0 is left on the old accounts.' }),
  ).toBeVisible();
  await checkpoint(page, 'family-sweep-report');

  const held = { usdc: 0n, dai: 0n };
  for (const account of demo.accounts) {
    expect(await demo.node.balance(account)).toBe(0n);
    for (const token of demo.tokens) {
      expect(await demo.node.tokenBalance(token.address, account)).toBe(0n);
    }
  }
  for (const token of demo.tokens) {
    const symbol = token.symbol.toLowerCase() as keyof typeof held;
    held[symbol] = await demo.node.tokenBalance(token.address, destination);
  }
  expect(held.usdc).toBeGreaterThan(0n);
  expect(held.dai).toBeGreaterThan(0n);
  expect(await demo.node.balance(destination)).toBeGreaterThan(0n);
  expectClean();
});
