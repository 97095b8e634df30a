// Journey 2, sweep: the old card is unlocked, a blank new card is set up in the flow and
// makes its key, the plan is reviewed and confirmed, and the report says every asset moved.
// The chain itself is read afterwards: 0 wei and 0 token units left on the old accounts.
// Values in dollars are on, from the demo chain's Chainlink-shaped feeds.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { getAddress, parseUnits } from 'ethers';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import {
  checkpoint,
  chooseCard,
  createKeyWithoutBackup,
  enterPin,
  openConsole,
  setUpBlankCard,
  shownAddress,
} from './console-steps';

let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness' });
});

test.afterAll(async () => {
  await demo?.stop();
});

test('sweep every asset from the old card to a new card set up in the flow', async ({ page }) => {
  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Show values in US dollars').check();
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The settings were saved.' }),
  ).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  const usdc = demo.tokens.find((t) => t.symbol === 'USDC')!;
  const dai = demo.tokens.find((t) => t.symbol === 'DAI')!;
  const heldBefore = {
    usdc: await demo.node.tokenBalance(usdc.address, demo.accounts[0]!),
    dai:
      (await demo.node.tokenBalance(dai.address, demo.accounts[0]!)) +
      (await demo.node.tokenBalance(dai.address, demo.accounts[1]!)),
  };

  await page.getByRole('button', { name: /Move funds to a new card/ }).click();
  await checkpoint(page, 'sweep-source');
  await page.getByRole('button', { name: 'Connect the old card' }).click();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);

  await expect(page.getByRole('heading', { name: 'The new card', exact: true })).toBeVisible();
  // The old card's reader is not offered for the new card.
  await expect(
    page.getByRole('button', { name: `Use this card in ${DEMO.oldReader}` }),
  ).toHaveCount(0);
  await checkpoint(page, 'sweep-new-card');
  await chooseCard(page, DEMO.newReader);
  await setUpBlankCard(page);
  await checkpoint(page, 'sweep-set-up');
  await page.getByRole('button', { name: 'Set up the card' }).click();
  await expect(
    page.getByRole('heading', { name: 'Create the new wallet on the card' }),
  ).toBeVisible();
  await checkpoint(page, 'sweep-generate');
  await createKeyWithoutBackup(page);
  await expect(page.getByRole('heading', { name: 'The new card’s address' })).toBeVisible();
  await expect(page.locator('main svg.identicon')).toBeVisible();
  const destination = await shownAddress(page);
  expect(destination).toBe(getAddress(destination));
  expect(demo.accounts).not.toContain(destination);
  await checkpoint(page, 'sweep-new-address');

  await page.getByRole('button', { name: 'Continue to the plan' }).click();
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();
  expect(await shownAddress(page)).toBe(destination);
  const assets = page.getByRole('table', { name: /Every asset/ }).getByRole('row');
  await expect(assets).toHaveCount(1 + 5);
  for (const symbol of ['USDC', 'DAI', 'ETH']) {
    await expect(assets.filter({ hasText: symbol }).first()).toBeVisible();
  }
  // 5 and 0.75 ETH less the fees at $3,000 an ETH; 1000 USDC at $1.
  await expect(assets.filter({ hasText: 'USDC' })).toContainText('$1,000.00');
  for (const row of await assets.filter({ hasText: 'ETH' }).all()) {
    await expect(row).toContainText(/\$(14,99\d|2,24\d)\.\d\d/);
  }
  await expect(
    page.getByRole('listitem').filter({ hasText: /^Local demo chain: at most/ }),
  ).toContainText(/ETH \(\$\d+\.\d\d\) in total at today’s fee of [\d.]+ gwei per gas\./);
  await expect(page.getByRole('heading', { name: 'The 5 transactions, in order' })).toBeVisible();
  await expect(page.getByLabel('Fee cap (gwei per gas)')).not.toHaveValue('');
  await checkpoint(page, 'sweep-review');

  await page.getByRole('button', { name: 'Continue to the confirmation' }).click();
  const go = page.getByRole('button', { name: 'Sign and send 5 transactions' });
  await expect(go).toBeDisabled();
  await page.getByLabel(/I compared this address/).check();
  await expect(go).toBeEnabled();
  await checkpoint(page, 'sweep-confirm');
  await go.click();

  await expect(page.getByRole('heading', { name: 'Report' })).toBeVisible({ timeout: 60_000 });
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Everything was moved: 0 is left on the old accounts.' }),
  ).toBeVisible();
  const outcome = page.getByRole('table', { name: /What moved and what is left/ }).getByRole('row');
  await expect(outcome).toHaveCount(1 + 5);
  for (const row of await outcome.all().then((rows) => rows.slice(1))) {
    await expect(row.getByRole('cell').last()).toHaveText('0');
  }
  await expect(outcome.filter({ hasText: 'USDC' })).toContainText('$1,000.00');
  await checkpoint(page, 'sweep-report');

  for (const account of demo.accounts) {
    expect(await demo.node.balance(account)).toBe(0n);
    for (const token of demo.tokens) {
      expect(await demo.node.tokenBalance(token.address, account)).toBe(0n);
    }
  }
  expect(await demo.node.tokenBalance(usdc.address, destination)).toBe(heldBefore.usdc);
  expect(await demo.node.tokenBalance(dai.address, destination)).toBe(heldBefore.dai);
  const eth = await demo.node.balance(destination);
  expect(eth > parseUnits('5.74', 18) && eth < parseUnits('5.75', 18)).toBe(true);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save the report as text' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^lifeboat-sweep-\d{4}-\d{2}-\d{2}-[0-9a-z-]{8}\.txt$/);
  const text = fs.readFileSync(await saved.path(), 'utf8');
  expect(text).toContain(destination);
  expect(text.length).toBeGreaterThan(100);
  expectClean();
});
