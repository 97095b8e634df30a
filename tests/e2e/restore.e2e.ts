// Journey 1, lost phone: the card alone opens the wallet — attestation, pairing, PIN — the
// accounts and balances appear as the chain holds them, a small amount is sent with the
// card, and the balances update.
import { expect, test } from '@playwright/test';
import { parseEther, Wallet } from 'ethers';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import { checkpoint, enterPin, openConsole, plainAmount } from './console-steps';

let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness' });
});

test.afterAll(async () => {
  await demo?.stop();
});

test('restore after a lost phone, then send a small amount with the card', async ({ page }) => {
  const expectClean = await openConsole(page, demo.url!);
  const oldPanel = page.getByRole('listitem').filter({ hasText: DEMO.oldReader });
  const newPanel = page.getByRole('listitem').filter({ hasText: DEMO.newReader });
  await expect(oldPanel).toContainText('Set up and holds a wallet');
  await expect(oldPanel).toContainText('Genuine');
  await expect(newPanel).toContainText('Blank: not set up yet');
  await checkpoint(page, 'home');

  await page.getByRole('button', { name: /Restore after a lost phone/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Restore after a lost phone');
  await checkpoint(page, 'restore-choose-card');
  await page.getByRole('button', { name: `Use this card in ${DEMO.oldReader}` }).click();
  await expect(page.getByRole('heading', { name: 'Is the card genuine?' })).toBeVisible();
  await checkpoint(page, 'restore-attestation');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  await expect(page.getByRole('status').filter({ hasText: '3 tries left.' })).toBeVisible();
  await checkpoint(page, 'restore-pin');
  await enterPin(page, DEMO.pin);

  await expect(page.getByRole('heading', { name: 'Your accounts', exact: true })).toBeVisible();
  await checkpoint(page, 'restore-accounts');
  const [first, second] = demo.accounts as [string, string];
  const usdc = demo.tokens.find((t) => t.symbol === 'USDC')!;
  const dai = demo.tokens.find((t) => t.symbol === 'DAI')!;
  const balances = (address: string) => page.getByRole('table', { name: `Balances of ${address}` });
  const row = (address: string, symbol: string) =>
    balances(address).getByRole('row').filter({ hasText: symbol });
  await expect(row(first, 'ETH')).toContainText(plainAmount(await demo.node.balance(first), 18));
  await expect(row(first, 'USDC')).toContainText(
    plainAmount(await demo.node.tokenBalance(usdc.address, first), usdc.decimals),
  );
  await expect(row(first, 'DAI')).toContainText(
    plainAmount(await demo.node.tokenBalance(dai.address, first), dai.decimals),
  );
  await expect(row(second, 'ETH')).toContainText(plainAmount(await demo.node.balance(second), 18));
  await expect(row(second, 'DAI')).toContainText(
    plainAmount(await demo.node.tokenBalance(dai.address, second), dai.decimals),
  );

  const recipient = Wallet.createRandom().address;
  const before = await demo.node.balance(first);
  await page.getByRole('button', { name: 'Send an amount' }).click();
  await page.getByLabel('What to send').selectOption({
    label: `ETH: 5 on ${first.slice(0, 6)}…${first.slice(-4)} (Local demo chain)`,
  });
  await page.getByLabel('Recipient address').fill(recipient);
  await page.getByLabel('Amount (ETH)').fill('0.25');
  await checkpoint(page, 'restore-send-form');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('heading', { name: 'Check before sending' })).toBeVisible();
  await checkpoint(page, 'restore-send-review');
  await page.getByRole('button', { name: 'Sign with the card and send' }).click();
  await expect(page.getByRole('heading', { name: 'Sent', exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Sent 0.25 ETH' })).toBeVisible();
  await checkpoint(page, 'restore-sent');

  expect(await demo.node.balance(recipient)).toBe(parseEther('0.25'));
  const after = await demo.node.balance(first);
  expect(after < before - parseEther('0.25')).toBe(true);
  expect(before - after - parseEther('0.25') < parseEther('0.001')).toBe(true);

  await page.getByRole('button', { name: 'Back to the accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Your accounts', exact: true })).toBeVisible();
  await expect(row(first, 'ETH')).toContainText(plainAmount(after, 18));
  await checkpoint(page, 'restore-balances-updated');
  expectClean();
});
