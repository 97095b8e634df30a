// Rebuild from Shamir shares and the answers around it: a wrong passphrase caught by the
// wallet's empty history and replaced without typing the shares again, then the funds moved
// to a new card; a rebuilt wallet with nothing in it, whose sweep finds its accounts and says
// there is nothing to move (the chain engineer's "nothing-to-move" answer) instead of asking
// for a new card; a factory reset that names the funds it would strand; and a backup drill that
// fails, which says what to do rather than offering the next reminder. Wallets are made here
// from random master secrets and funded on the demo chain; addresses are derived here.
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { HDKey } from '@scure/bip32';
import { computeAddress, parseEther, parseUnits } from 'ethers';
import { split } from '../../main/secrets/slip39';
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

test.describe.configure({ mode: 'serial' });

const PASSPHRASE = 'correct horse';
const LAYOUT = { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }] };

let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness' });
});

test.afterAll(async () => {
  await demo?.stop();
});

function firstAddress(masterSecret: Uint8Array): string {
  const node = HDKey.fromMasterSeed(masterSecret).derive("m/44'/60'/0'/0/0");
  return computeAddress(`0x${Buffer.from(node.publicKey!).toString('hex')}`);
}

/** From the start screen to a rebuilt wallet: two shares of a 2-of-3 backup, then combine. */
async function rebuildFromShares(
  page: Page,
  shares: readonly string[],
  passphrase: string,
): Promise<void> {
  await page.getByRole('button', { name: /Rebuild from Shamir shares/ }).click();
  await page.getByRole('button', { name: /Shamir shares \(SLIP-39\)/ }).click();
  for (const share of shares) {
    await page.getByLabel(/^Share \d+$/).fill(share);
    await page.getByRole('button', { name: 'Check and add this share' }).click();
  }
  await expect(page.getByText('Enough shares: the wallet can be rebuilt.')).toBeVisible();
  await page.getByLabel('Passphrase (optional)').fill(passphrase);
  await page.getByRole('button', { name: 'Rebuild the wallet' }).click();
  await expect(page.getByRole('heading', { name: 'The wallet is rebuilt' })).toBeVisible();
}

const NEVER_USED =
  'This wallet has never been used. A wrong passphrase opens a different, empty wallet.';

test('shares with a wrong passphrase, then the right one, then the funds to a new card', async ({
  page,
}) => {
  const masterSecret = new Uint8Array(randomBytes(16));
  const wallet = firstAddress(masterSecret);
  const [shares] = (await split(masterSecret, { ...LAYOUT, passphrase: PASSPHRASE })) as [string[]];
  const usdc = demo.tokens.find((t) => t.symbol === 'USDC')!;
  await demo.node.fund(wallet, parseEther('2'));
  await demo.node.mintToken(usdc.address, wallet, parseUnits('75', usdc.decimals));

  const expectClean = await openConsole(page, demo.url!);
  await rebuildFromShares(page, shares.slice(0, 2), '');
  await expect(page.getByText(NEVER_USED)).toBeVisible();
  expect(await shownAddress(page)).not.toBe(wallet);

  await page.getByRole('button', { name: 'Try another passphrase' }).click();
  await expect(page.getByText('Your shares stay entered.')).toBeVisible();
  await expect(page.getByLabel(/^Share \d+$/)).toHaveCount(0);
  await page.getByLabel('Passphrase (optional)').fill(PASSPHRASE);
  await checkpoint(page, 'shares-other-passphrase');
  await page.getByRole('button', { name: 'Open with this passphrase' }).click();
  await expect(page.getByText('2 ETH on Local demo chain')).toBeVisible();
  await expect(page.getByText('75 USDC on Local demo chain')).toBeVisible();
  expect(await shownAddress(page)).toBe(wallet);

  await page.getByRole('button', { name: 'Move its funds to a new card' }).click();
  await expect(page.getByRole('heading', { name: 'The new card', exact: true })).toBeVisible({
    timeout: 30_000,
  });
  await chooseCard(page, DEMO.newReader);
  await setUpBlankCard(page);
  await page.getByRole('button', { name: 'Set up the card' }).click();
  await createKeyWithoutBackup(page);
  await expect(
    page.getByText('This wallet has no backup: if the card is lost or broken'),
  ).toBeVisible();
  const destination = await shownAddress(page);
  await page.getByRole('button', { name: 'Continue to the plan' }).click();
  await page.getByRole('button', { name: 'Continue to the confirmation' }).click();
  await page.getByLabel(/I compared this address/).check();
  await page.getByRole('button', { name: 'Sign and send 2 transactions' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Everything was moved: 0 is left on the old accounts.' }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Transaction 2: the remaining ETH')).toBeVisible();
  await checkpoint(page, 'shares-sweep-report');

  expect(await demo.node.balance(wallet)).toBe(0n);
  expect(await demo.node.tokenBalance(usdc.address, wallet)).toBe(0n);
  expect(await demo.node.tokenBalance(usdc.address, destination)).toBe(
    parseUnits('75', usdc.decimals),
  );
  expectClean();
});

test('an empty wallet is told there is nothing to move, before any new card', async ({ page }) => {
  const [shares] = (await split(new Uint8Array(randomBytes(16)), LAYOUT)) as [string[]];
  const expectClean = await openConsole(page, demo.url!);
  await rebuildFromShares(page, shares.slice(1), '');
  await expect(page.getByText(NEVER_USED)).toBeVisible();
  await page.getByRole('button', { name: 'Move its funds to a new card' }).click();

  await expect(page.getByRole('heading', { name: 'No funds found' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByText(
      /^No funds were found on Local demo chain\. Lifeboat looked at \d+ addresses \(Standard \(BIP-44\), Ledger Live, Ledger legacy \(MEW\)\)/,
    ),
  ).toBeVisible();
  await expect(page.getByText('There is nothing to move, so no new card is needed.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The new card', exact: true })).toHaveCount(0);
  await checkpoint(page, 'sweep-nothing-to-move');
  await page.getByRole('button', { name: 'Back to the start' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recovery console');
  expectClean();
});

test('a factory reset shows the funds and the fingerprint before the confirmation', async ({
  page,
}) => {
  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('navigation').getByRole('button', { name: 'Card tools' }).click();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);

  const funds = page.getByText('This card holds a wallet with funds:');
  await expect(funds).toBeVisible({ timeout: 30_000 });
  const reset = page
    .locator('.tool')
    .filter({ has: page.getByRole('heading', { name: 'Factory reset' }) });
  await expect(reset.getByText('5.75 ETH on Local demo chain, over 2 accounts')).toBeVisible();
  await expect(reset.getByText('1000 USDC on Local demo chain')).toBeVisible();
  const keyUid = await page.evaluate(async (reader) => {
    const sessions = await window.lifeboat.cards.list();
    return sessions.ok ? sessions.value.find((s) => s.reader === reader)?.info.keyUid : undefined;
  }, DEMO.oldReader);
  await expect(reset.getByText(keyUid!.match(/.{4}/g)!.join(' '))).toBeVisible();
  const confirmation = page.getByLabel('To confirm, type FACTORY RESET');
  await expect(confirmation).toBeEnabled();
  const fundsFirst = await funds.evaluate(
    (notice, field) =>
      Boolean(notice.compareDocumentPosition(field!) & Node.DOCUMENT_POSITION_FOLLOWING),
    await confirmation.elementHandle(),
  );
  expect(fundsFirst).toBe(true);
  await checkpoint(page, 'tools-reset-with-funds');

  await confirmation.fill('FACTORY RESET');
  await page.getByRole('button', { name: 'Erase the card' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The card was reset. It is blank now.' }),
  ).toBeVisible();
  expectClean();
});

test('a failed drill says what to do and offers no reminder; a passed one does', async ({
  page,
}) => {
  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('button', { name: /Rebuild from Shamir shares/ }).click();
  await page.getByRole('button', { name: /A recovery phrase \(BIP-39\)/ }).click();
  await page.getByLabel('Recovery phrase').fill(DEMO.mnemonic);
  await page.getByRole('button', { name: 'Open the wallet' }).click();
  await page.getByLabel('A name for this wallet').fill('Demo savings');
  await page.getByRole('button', { name: 'Remember this wallet' }).click();
  await expect(
    page.getByText('Remembered as “Demo savings”. Check its backups in “Check a backup”'),
  ).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await page.getByRole('button', { name: /Check a backup/ }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Demo savings' })).toContainText(
    'Not checked yet. Check each of its backups now with “Check a backup”',
  );
  await page.getByRole('button', { name: 'Check a backup of Demo savings' }).click();
  await page.getByRole('button', { name: 'Shamir shares or a recovery phrase' }).click();
  await page.getByRole('button', { name: /A recovery phrase \(BIP-39\)/ }).click();
  await page.getByLabel('Recovery phrase').fill(DEMO.mnemonic);
  await page.getByLabel('Passphrase (optional)').fill('a passphrase it never had');
  await page.getByRole('button', { name: 'Open the wallet' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Failed: this backup does NOT open Demo savings.' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What to do now' })).toBeVisible();
  await expect(page.getByLabel('Date of the next check')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /calendar reminder/ })).toHaveCount(0);
  await checkpoint(page, 'drill-failed');

  await page.getByRole('button', { name: 'Check again' }).click();
  await page.getByRole('button', { name: 'Shamir shares or a recovery phrase' }).click();
  await page.getByRole('button', { name: /A recovery phrase \(BIP-39\)/ }).click();
  await page.getByLabel('Recovery phrase').fill(DEMO.mnemonic);
  await page.getByRole('button', { name: 'Open the wallet' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Passed: this backup opens Demo savings.' }),
  ).toBeVisible();
  await expect(page.getByLabel('Date of the next check')).toBeVisible();
  expectClean();
});
