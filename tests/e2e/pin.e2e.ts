// Journey 4: the PIN pad shows the tries left before every attempt — two wrong PINs count
// 3 → 2 → 1 with the last-try warning — then the right PIN unlocks. A card blocked by three
// wrong PINs is then unblocked with its PUK and a new PIN, which unlocks it afterwards.
// Pairing tries the default password first and asks for the card's own one when it fails.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import {
  checkpoint,
  chooseCard,
  enterPin,
  NEW_CARD,
  openConsole,
  setUpBlankCard,
} from './console-steps';

const WRONG_PIN = '000000';
const NEW_PIN = '246802';

let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness' });
});

test.afterAll(async () => {
  await demo?.stop();
});

function tries(page: Page, text: string) {
  return page.getByRole('status').filter({ hasText: text });
}

async function release(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Release the card' }).click();
  await expect(page.getByRole('heading', { name: 'Choose the card' })).toBeVisible();
}

test('wrong PINs count down before each attempt; a blocked card is unblocked with the PUK', async ({
  page,
}) => {
  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('navigation').getByRole('button', { name: 'Card tools' }).click();
  await checkpoint(page, 'tools-choose-card');
  await chooseCard(page, DEMO.oldReader);

  await expect(tries(page, '3 tries left.')).toBeVisible();
  await expect(page.getByText('When no tries are left the PIN is blocked')).toBeVisible();
  await enterPin(page, WRONG_PIN);
  await expect(tries(page, 'Wrong PIN. 2 tries left.')).toBeVisible();
  await checkpoint(page, 'pin-two-left');
  await enterPin(page, WRONG_PIN);
  await expect(tries(page, 'Wrong PIN. 1 try left.')).toBeVisible();
  await expect(page.getByText('This is the last try')).toBeVisible();
  await checkpoint(page, 'pin-last-try');
  await enterPin(page, DEMO.pin);

  await expect(page.getByRole('heading', { name: `The card in ${DEMO.oldReader}` })).toBeVisible();
  const summary = page.locator('dl.card-summary');
  await expect(summary).toContainText('PIN tries left3');
  await expect(summary).toContainText('UnlockedYes');
  await checkpoint(page, 'tools-unlocked');

  await release(page);
  await chooseCard(page, DEMO.oldReader);
  for (const left of ['2 tries left.', '1 try left.']) {
    await enterPin(page, WRONG_PIN);
    await expect(tries(page, `Wrong PIN. ${left}`)).toBeVisible();
  }
  await enterPin(page, WRONG_PIN);
  await expect(page.getByRole('heading', { name: 'The PIN is blocked' })).toBeVisible();
  await expect(tries(page, '5 PUK tries left.')).toBeVisible();
  await expect(page.getByText('If the PUK tries run out')).toBeVisible();
  await checkpoint(page, 'pin-blocked');

  await page.getByLabel('PUK (12 digits)').fill(DEMO.puk);
  await page.getByLabel('New PIN (6 digits)').fill(NEW_PIN);
  await page.getByLabel('New PIN again').fill(NEW_PIN);
  await page.getByRole('button', { name: 'Unblock and set the new PIN' }).click();
  await expect(page.getByRole('heading', { name: `The card in ${DEMO.oldReader}` })).toBeVisible();
  await expect(summary).toContainText('UnlockedYes');
  await checkpoint(page, 'pin-unblocked');

  await release(page);
  await chooseCard(page, DEMO.oldReader);
  await expect(tries(page, '3 tries left.')).toBeVisible();
  await enterPin(page, NEW_PIN);
  await expect(summary).toContainText('UnlockedYes');
  expectClean();
});

test('pairing asks for the card’s own password once the default one fails', async ({ page }) => {
  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('navigation').getByRole('button', { name: 'Card tools' }).click();
  await chooseCard(page, DEMO.newReader);
  await setUpBlankCard(page);
  await page.getByRole('button', { name: 'Set up the card' }).click();
  const summary = page.locator('dl.card-summary');
  await expect(page.getByRole('heading', { name: `The card in ${DEMO.newReader}` })).toBeVisible();
  await expect(summary).toContainText('Set up, but holds no wallet');
  await page.getByRole('button', { name: 'Unpair this computer' }).click();
  await page.getByRole('button', { name: 'Yes, unpair' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'This computer is no longer paired with the card.' }),
  ).toBeVisible();

  await chooseCard(page, DEMO.newReader);
  await expect(page.getByRole('heading', { name: 'Pairing password' })).toBeVisible();
  await checkpoint(page, 'pairing-password');
  await page.getByLabel('Pairing password').fill('not the password');
  await page.getByRole('button', { name: 'Pair', exact: true }).click();
  await expect(tries(page, 'The pairing password is wrong.')).toBeVisible();
  await page.getByLabel('Pairing password').fill(NEW_CARD.pairingPassword);
  await page.getByRole('button', { name: 'Pair', exact: true }).click();
  await expect(tries(page, '3 tries left.')).toBeVisible();
  await enterPin(page, NEW_CARD.pin);
  await expect(summary).toContainText('UnlockedYes');
  expectClean();
});
