// What people expect of a wallet, on the demo bench, in both themes with axe at every step:
// the dark theme follows the computer and the header switch is saved; values in dollars
// are off until turned on, then per asset, per account and for the whole wallet; copy, QR
// code and explorer links on an address; "Max" in Send leaves exactly nothing behind, with the
// fee shown per gas in gwei, in ETH and in dollars; the transaction hash has copy and link.
import { expect, test, type Page } from '@playwright/test';
import { Wallet } from 'ethers';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import { checkpoint, chooseCard, enterPin, openConsole } from './console-steps';

let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness' });
});

test.afterAll(async () => {
  await demo?.stop();
});

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

test('themes follow the computer, and the switch in the header is kept', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const expectClean = await openConsole(page, demo.url!);
  await expect.poll(() => theme(page)).toBe('dark');
  await checkpoint(page, 'home-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => theme(page)).toBe('light');
  await checkpoint(page, 'home-light');

  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect.poll(() => theme(page)).toBe('dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  // The pointer still rests on the switch it just pressed: its words stay readable.
  await toggle.hover();
  await checkpoint(page, 'theme-switch-pressed-hover-dark');
  const saved = await page.evaluate(() => window.lifeboat.settings.get());
  expect(saved.ok && saved.value.preferences.theme).toBe('dark');
  await page.reload();
  await expect.poll(() => theme(page)).toBe('dark');
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Appearance')).toHaveValue('dark');
  await checkpoint(page, 'settings-dark');
  await page.getByRole('navigation').getByRole('button', { name: 'Networks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Networks' })).toBeVisible();
  await checkpoint(page, 'networks-dark');
  // Back to light: the computer is light now, so the setting goes back to following it.
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect.poll(() => theme(page)).toBe('light');
  const back = await page.evaluate(() => window.lifeboat.settings.get());
  expect(back.ok && back.value.preferences.theme).toBe('system');
  expectClean();
});

test('values, copy, QR code, explorer links and Max, in the dark theme', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(demo.url!).origin,
  });
  await page.emulateMedia({ colorScheme: 'dark' });
  const expectClean = await openConsole(page, demo.url!);

  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Show values in US dollars')).not.toBeChecked();
  await page.getByLabel('Show values in US dollars').check();
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The settings were saved.' }),
  ).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await page.getByRole('button', { name: /Restore after a lost phone/ }).click();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await expect(page.getByRole('heading', { name: 'Your accounts', exact: true })).toBeVisible();
  const [first] = demo.accounts as [string];
  const balances = page.getByRole('table', { name: `Balances of ${first}` });
  const row = (symbol: string) => balances.getByRole('row').filter({ hasText: symbol });
  // The demo's feeds: ETH $3,000, USDC $1, DAI $0.9998.
  await expect(row('ETH')).toContainText('$15,000.00');
  await expect(row('USDC')).toContainText('$1,000.00');
  await expect(row('DAI')).toContainText('$249.95');
  await expect(
    balances.getByRole('row').filter({ hasText: 'Total of this account' }),
  ).toContainText('$16,249.95');
  // 5.75 ETH, 1000 USDC and 292.5 DAI.
  await expect(page.getByText('Value of everything found: $18,542.44')).toBeVisible();
  await checkpoint(page, 'accounts-values-dark');

  await page.getByRole('button', { name: `Copy the address ${first}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied.' }).first()).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
  await page.getByRole('button', { name: `Show a QR code of ${first}` }).click();
  await expect(page.getByRole('img', { name: `QR code of ${first}` })).toBeVisible();
  // The code opens under the address's buttons, not beside them.
  const copyBox = await page
    .getByRole('button', { name: `Copy the address ${first}` })
    .boundingBox();
  const qrBox = await page.getByRole('img', { name: `QR code of ${first}` }).boundingBox();
  expect(qrBox!.y).toBeGreaterThanOrEqual(copyBox!.y + copyBox!.height);
  await checkpoint(page, 'address-qr-dark');
  await page
    .getByRole('button', {
      name: `Open on explorer.lifeboat-demo.invalid: the address ${first}, in your browser`,
    })
    .click();
  await expect
    .poll(() => demo.openedLinks)
    .toContain(`https://explorer.lifeboat-demo.invalid/address/${first}`);

  const recipient = Wallet.createRandom().address;
  await page.getByRole('button', { name: 'Send an amount' }).click();
  await page.getByLabel('What to send').selectOption({
    label: `ETH: 5 on ${first.slice(0, 6)}…${first.slice(-4)} (Local demo chain)`,
  });
  await page.getByLabel('Recipient address').fill(recipient);
  await page.getByRole('button', { name: 'Max: the whole balance of ETH' }).click();
  await expect(page.getByLabel('Amount (ETH)')).toHaveValue('5');
  await checkpoint(page, 'send-max-form-dark');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('heading', { name: 'Check before sending' })).toBeVisible();
  await expect(page.getByText(/^\d+(\.\d+)? gwei per gas$/)).toBeVisible();
  await expect(page.getByText(/^at most 0\.\d+ ETH \(\$\d+\.\d\d\)$/)).toBeVisible();
  await checkpoint(page, 'send-max-review-dark');
  await page.getByRole('button', { name: 'Sign with the card and send' }).click();
  await expect(page.getByRole('heading', { name: 'Sent', exact: true })).toBeVisible();
  // Max with the tip equal to the fee cap: exactly nothing is left behind.
  expect(await demo.node.balance(first)).toBe(0n);
  expect(await demo.node.balance(recipient)).toBeGreaterThan(0n);
  const hash = (await page.locator('dd code.hex').first().innerText()).trim();
  await page.getByRole('button', { name: `Copy the transaction hash ${hash}` }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(hash);
  await page
    .getByRole('button', {
      name: `Open on explorer.lifeboat-demo.invalid: the transaction ${hash}, in your browser`,
    })
    .click();
  await expect
    .poll(() => demo.openedLinks)
    .toContain(`https://explorer.lifeboat-demo.invalid/tx/${hash}`);
  await checkpoint(page, 'send-max-sent-dark');
  expectClean();
});
