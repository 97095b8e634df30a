// Journey 5: the old card is pulled in the middle of a sweep. The console says so and keeps
// the case; the card goes back in, is unlocked again, and the same case resumes and
// completes — no transaction twice, nothing left behind. A second run closes the console
// while the case is paused: on the next start, home offers the unfinished sweep.
import { expect, test, type Page } from '@playwright/test';
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

/** The card leaves the reader after answering this many more commands: mid-signing. */
const PULL_AFTER_APDUS = 2;

let demo: Demo;

test.beforeEach(async () => {
  demo = await startDemo({ console: 'harness' });
});

test.afterEach(async () => {
  await demo?.stop();
});

/** Old card unlocked, new card set up with a fresh key, plan reviewed: at the confirmation. */
async function sweepToConfirmation(page: Page): Promise<string> {
  await page.getByRole('button', { name: /Move funds to a new card/ }).click();
  await page.getByRole('button', { name: 'Connect the old card' }).click();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await chooseCard(page, DEMO.newReader);
  await setUpBlankCard(page);
  await page.getByRole('button', { name: 'Set up the card' }).click();
  await createKeyWithoutBackup(page);
  const destination = await shownAddress(page);
  await page.getByRole('button', { name: 'Continue to the plan' }).click();
  await page.getByRole('button', { name: 'Continue to the confirmation' }).click();
  await page.getByLabel(/I compared this address/).check();
  return destination;
}

async function expectPausedByPulledCard(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Continue the sweep' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByRole('status').filter({ hasText: /^Paused after \d of 5/ })).toBeVisible();
  await expect(page.getByText('Nothing is lost: finished transactions stay done.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: DEMO.oldReader })).toContainText(
    'No card in this reader',
  );
}

async function expectAllMoved(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Report' })).toBeVisible({ timeout: 60_000 });
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Everything was moved: 0 is left on the old accounts.' }),
  ).toBeVisible();
  for (const account of demo.accounts) {
    expect(await demo.node.balance(account)).toBe(0n);
    for (const token of demo.tokens) {
      expect(await demo.node.tokenBalance(token.address, account)).toBe(0n);
    }
  }
  // Three transactions from the first account, two from the second: none was sent twice.
  expect(await demo.node.nonce(demo.accounts[0]!)).toBe(3);
  expect(await demo.node.nonce(demo.accounts[1]!)).toBe(2);
}

test('the old card pulled mid-sweep, put back: the case resumes and completes', async ({
  page,
}) => {
  const expectClean = await openConsole(page, demo.url!);
  await sweepToConfirmation(page);
  demo.oldCard.card.faults = { removeAfterApdus: PULL_AFTER_APDUS };
  await page.getByRole('button', { name: 'Sign and send 5 transactions' }).click();

  await expectPausedByPulledCard(page);
  await expect(page.getByRole('alert').first()).toContainText('The card was removed');
  await checkpoint(page, 'pulled-paused');

  await demo.oldCard.slot.reinsert();
  await chooseCard(page, DEMO.oldReader);
  await expect(page.getByRole('status').filter({ hasText: '3 tries left.' })).toBeVisible();
  await checkpoint(page, 'pulled-unlock-again');
  await enterPin(page, DEMO.pin);

  await expectAllMoved(page);
  await checkpoint(page, 'pulled-report');
  expectClean();
});

test('a sweep paused when the console closed is offered on the next start', async ({ page }) => {
  await openConsole(page, demo.url!);
  const destination = await sweepToConfirmation(page);
  demo.oldCard.card.faults = { removeAfterApdus: PULL_AFTER_APDUS };
  await page.getByRole('button', { name: 'Sign and send 5 transactions' }).click();
  await expectPausedByPulledCard(page);

  const expectClean = await openConsole(page, demo.url!);
  const unfinished = page.getByRole('region', { name: 'A sweep did not finish' });
  await expect(unfinished).toContainText(
    `Sweep to ${destination.slice(0, 6)}…${destination.slice(-4)}`,
  );
  await checkpoint(page, 'resume-offered');
  await unfinished.getByRole('button', { name: 'Resume this sweep' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resume a sweep');
  await expect(page.getByRole('heading', { name: 'Continue the sweep' })).toBeVisible();
  await checkpoint(page, 'resume-case');

  await demo.oldCard.slot.reinsert();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await expectAllMoved(page);
  expect(await shownAddress(page)).toBe(destination);
  expectClean();
});
