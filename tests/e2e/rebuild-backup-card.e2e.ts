// Rebuild from a backup card: the demo's old card is a Seedkeeper keeping the demo phrase.
// A wallet card is never taken for it — this one is refused as a backup card where a wallet
// is wanted — and in the rebuild it is unlocked with its own PIN rules, lists what it keeps
// by label and fingerprint (never the words), and opens the wallet in main's memory. The
// rebuilt wallet is the demo's, found used, and is loaded onto the blank Keycard.
import { expect, test } from '@playwright/test';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import { checkpoint, openConsole, setUpBlankCard, shownAddress } from './console-steps';

let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness', cards: ['seedkeeper', 'keycard'] });
});

test.afterAll(async () => {
  await demo?.stop();
});

test('rebuild the wallet a Seedkeeper keeps, then load it onto a new card', async ({ page }) => {
  const expectClean = await openConsole(page, demo.url!);
  const oldPanel = page.getByRole('listitem').filter({ hasText: DEMO.oldReader });
  await expect(oldPanel).toContainText('Seedkeeper');
  await checkpoint(page, 'backup-card-home');

  // Where a wallet card is wanted, the Seedkeeper is named for what it is, with the way on.
  await page.getByRole('button', { name: /Restore after a lost phone/ }).click();
  await page.getByRole('button', { name: `Use this card in ${DEMO.oldReader}` }).click();
  await expect(page.getByRole('heading', { name: 'This is a backup card' })).toBeVisible();
  await checkpoint(page, 'backup-card-not-a-wallet');
  await page.getByRole('button', { name: 'Rebuild from a backup card' }).click();

  await expect(page.getByRole('heading', { name: 'Read the backup card' })).toBeVisible();
  await page.getByRole('button', { name: `Use this card in ${DEMO.oldReader}` }).click();
  await expect(page.getByRole('heading', { name: 'Is the card genuine?' })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: /^Checked once the card is set up and unlocked/ }),
  ).toBeVisible();
  await checkpoint(page, 'backup-card-attestation');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  const pin = page.getByLabel('PIN (4 to 16 characters)');
  await expect(pin).toBeVisible();
  await checkpoint(page, 'backup-card-pin');
  await pin.fill(DEMO.pin);
  await page.getByRole('button', { name: 'Unlock' }).click();

  // Unlocked, the Seedkeeper shows its certificate: now the verdict is given.
  await expect(page.getByRole('status').filter({ hasText: /^Genuine/ })).toBeVisible();
  await checkpoint(page, 'backup-card-attested-after-unlock');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'What the backup card keeps' })).toBeVisible();
  const kept = page.getByRole('listitem').filter({ hasText: DEMO.backupLabel });
  await expect(kept).toContainText('a recovery phrase');
  await expect(kept).toContainText('Fingerprint');
  for (const word of DEMO.mnemonic.split(' ')) {
    await expect(page.getByText(new RegExp(`\\b${word}\\b`))).toHaveCount(0);
  }
  await checkpoint(page, 'backup-card-list');
  await page.getByRole('button', { name: `Open “${DEMO.backupLabel}”` }).click();

  await expect(page.getByRole('heading', { name: 'The wallet is rebuilt' })).toBeVisible();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'This wallet has been used: it has funds or transactions' }),
  ).toBeVisible({ timeout: 30_000 });
  expect(await shownAddress(page)).toBe(demo.accounts[0]);
  await checkpoint(page, 'backup-card-rebuilt');

  await page.getByRole('button', { name: 'Load it onto a new card' }).click();
  await page.getByRole('button', { name: `Use this card in ${DEMO.newReader}` }).click();
  await expect(page.getByRole('heading', { name: 'Is the card genuine?' })).toBeVisible();
  await page.getByRole('button', { name: /^Continue/ }).click();
  await setUpBlankCard(page);
  await page.getByRole('button', { name: 'Set up the card' }).click();
  await expect(
    page.getByRole('heading', { name: 'Load the rebuilt wallet onto the card' }),
  ).toBeVisible();
  await checkpoint(page, 'backup-card-load');
  await page.getByRole('button', { name: 'Load the wallet onto the card' }).click();
  await expect(
    page.getByText('The card now holds the rebuilt wallet: its first address matches.'),
  ).toBeVisible({ timeout: 30_000 });
  expect(await shownAddress(page)).toBe(demo.accounts[0]);
  await checkpoint(page, 'backup-card-loaded');
  expectClean();
});
