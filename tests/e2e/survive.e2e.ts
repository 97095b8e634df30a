// Make a wallet that survives, through the console: a set of two cards (one set up here from
// blank) and a 2-of-3 share set written down, a share typed back with a slip, the test
// recovery of both cards and of the shares, and the wallet in the inventory of the drills
// screen with where each copy is kept; then the same from the new-card step of a sweep, whose
// destination is a card of the new set. Addresses are derived here from the shares or phrase
// the page showed, with @scure/bip32 and @scure/bip39.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { computeAddress } from 'ethers';
import { combine } from '../../main/secrets/slip39';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import { SimulatedKeycard, insertIntoReader, type InsertedCard } from '../sim/keycard';
import {
  NEW_CARD,
  checkpoint,
  chooseCard,
  enterPin,
  openConsole,
  setUpBlankCard,
  shownAddress,
} from './console-steps';

test.describe.configure({ mode: 'serial' });

let demo: Demo;
let emptyCard: InsertedCard | undefined;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness' });
  // In place of the demo's funded card, a set-up card with no wallet yet.
  await demo.oldCard.slot.remove();
  emptyCard = await insertIntoReader(
    SimulatedKeycard.initialized({
      pin: DEMO.pin,
      puk: DEMO.puk,
      pairingPassword: DEMO.pairingPassword,
      duressPin: DEMO.duressPin,
    }),
    DEMO.oldReader,
  );
});

test.afterAll(async () => {
  await emptyCard?.remove();
  await demo?.stop();
});

async function shownWords(page: Page): Promise<string> {
  // The heading shows before main answers with the words: wait for them, all come at once.
  await page.locator('main .phrase-words .mono').first().waitFor();
  const words = await page.locator('main .phrase-words .mono').allInnerTexts();
  return words.map((w) => w.trim()).join(' ');
}

function firstAddress(seed: Uint8Array): string {
  const node = HDKey.fromMasterSeed(seed).derive("m/44'/60'/0'/0/0");
  return computeAddress(`0x${Buffer.from(node.publicKey!).toString('hex')}`);
}

test('two cards and three shares, every copy tested, then the wallet in the inventory', async ({
  page,
}) => {
  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('button', { name: /Make a wallet that survives/ }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Make a wallet that survives' }),
  ).toBeVisible();

  // A single card asks for a typed acknowledgement.
  await page.getByLabel('Name of the wallet').fill('Family savings');
  await page.getByLabel('Cards that hold the wallet').selectOption('1');
  await expect(page.getByText('This wallet would have one copy only')).toBeVisible();
  await checkpoint(page, 'survive-plan-single');
  await page.getByRole('button', { name: 'Make the wallet' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'type the words asked for' }),
  ).toBeVisible();

  await page.getByLabel('Cards that hold the wallet').selectOption('2');
  await page.getByLabel(/As Shamir shares/).check();
  await page.getByLabel('How many shares to make').fill('3');
  await page.getByLabel('How many of them rebuild the wallet').fill('2');
  await checkpoint(page, 'survive-plan');
  await page.getByRole('button', { name: 'Make the wallet' }).click();

  // Card 1: set up already, no wallet on it.
  await expect(page.getByRole('heading', { name: 'Card 1 of 2' })).toBeVisible();
  await checkpoint(page, 'survive-card-1');
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await page.getByLabel('Name of this card').fill('Kitchen card');
  await page.getByLabel('Where it will be kept (optional)').fill('kitchen drawer');
  await checkpoint(page, 'survive-card-1-name');
  await page.getByRole('button', { name: 'Put the wallet on this card' }).click();
  await expect(page.getByRole('heading', { name: 'Card 2 of 2' })).toBeVisible();

  // A reload midway: nothing half-made looks finished, and the making goes on where it was.
  await page.reload();
  await page
    .getByRole('button', { name: /Check a backup/ })
    .first()
    .click();
  await expect(page.locator('.wallet').filter({ hasText: 'Family savings' })).toContainText(
    'Not finished',
  );
  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await page.getByRole('button', { name: /Make a wallet that survives/ }).click();
  await checkpoint(page, 'survive-unfinished');
  await page.getByRole('button', { name: 'Go on with Family savings' }).click();

  // Card 2: blank, set up on the way.
  await expect(page.getByRole('heading', { name: 'Card 2 of 2' })).toBeVisible();
  await chooseCard(page, DEMO.newReader);
  await setUpBlankCard(page);
  await page.getByRole('button', { name: 'Set up the card' }).click();
  await page.getByLabel('Name of this card').fill('Bank card');
  await page.getByLabel('Where it will be kept (optional)').fill('bank safe');
  await page.getByRole('button', { name: 'Put the wallet on this card' }).click();

  // The shares, one at a time, each typed back before the next shows.
  const shares: string[] = [];
  for (let i = 1; i <= 3; i++) {
    await expect(page.getByRole('heading', { name: `Share ${i} of 3` })).toBeVisible();
    const share = await shownWords(page);
    expect(share.split(' ')).toHaveLength(20);
    shares.push(share);
    if (i === 1) await checkpoint(page, 'survive-share-shown');
    await page.getByRole('button', { name: 'I have written it down' }).click();
    await expect(page.locator('main .phrase-words')).toHaveCount(0);
    const typed = page.getByLabel('The words, as you wrote them');
    if (i === 1) {
      const slip = share.split(' ');
      slip[4] = slip[4] === 'acid' ? 'academic' : 'acid';
      await typed.fill(slip.join(' '));
      await page.getByRole('button', { name: 'Check what I typed' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'word 5' })).toBeVisible();
      await checkpoint(page, 'survive-share-slip');
    }
    await typed.fill(share);
    await page.getByLabel('Where it will be kept (optional)').fill(`envelope ${i}`);
    await page.getByRole('button', { name: 'Check what I typed' }).click();
  }

  // The test recovery: each card opened afresh with its PIN.
  await expect(page.getByRole('heading', { name: 'Test recovery: open each card' })).toBeVisible();
  await checkpoint(page, 'survive-test-cards');
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await expect(page.getByText('Kitchen card: opens this wallet.')).toBeVisible();
  await chooseCard(page, DEMO.newReader);
  await enterPin(page, NEW_CARD.pin);

  await expect(
    page.getByRole('heading', { name: 'Test recovery: rebuild from the shares' }),
  ).toBeVisible();
  await checkpoint(page, 'survive-test-shares');
  for (const share of [shares[2]!, shares[0]!]) {
    await page.getByLabel('A share, typed from your paper').fill(share);
    await page.getByRole('button', { name: 'Check this share' }).click();
  }
  await expect(page.getByRole('heading', { name: 'Every copy passed' })).toBeVisible();
  await checkpoint(page, 'survive-finish');
  await page.getByRole('button', { name: 'Finish: the wallet is ready' }).click();

  await expect(page.getByRole('heading', { name: 'Family savings is ready' })).toBeVisible();
  const address = firstAddress(await combine([shares[0]!, shares[1]!]));
  await expect(page.locator('main code').filter({ hasText: address })).toBeVisible();
  // The set's reminder names the cards to bring by their labels, never where they are kept.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save a calendar reminder (.ics)' }).click();
  const ics = fs.readFileSync(await (await download).path(), 'utf8').replace(/\r\n /g, '');
  expect(ics).toContain('Bring the card "Kitchen card"\\, the card "Bank card"\\, the shares.');
  expect(ics).not.toContain('kitchen drawer');
  await checkpoint(page, 'survive-ready');

  await page.getByRole('button', { name: 'See it in your backups' }).click();
  const entry = page.locator('.wallet').filter({ hasText: 'Family savings' });
  await expect(entry).toContainText('Card "Kitchen card" (Keycard), kept at: kitchen drawer.');
  await expect(entry).toContainText('Card "Bank card" (Keycard), kept at: bank safe.');
  await expect(entry).toContainText(
    'Shares: 2 of 3 rebuild it, kept at: envelope 1; envelope 2; envelope 3.',
  );
  await expect(entry.getByText(/Last check passed on/).first()).toBeVisible();
  await expect(entry).not.toContainText('Not finished');
  await checkpoint(page, 'survive-inventory');
  expectClean();
});

test('the new-card step of a sweep makes a wallet that survives, then goes on with its card', async ({
  page,
}) => {
  // The demo's funded card back in its reader, and a blank card in the other.
  await emptyCard?.remove();
  emptyCard = undefined;
  await demo.oldCard.slot.reinsert();
  await demo.newCard.slot.remove();
  emptyCard = await insertIntoReader(new SimulatedKeycard(), DEMO.newReader);

  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('button', { name: /Move funds to a new card/ }).click();
  await page.getByRole('button', { name: 'Connect the old card' }).click();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await chooseCard(page, DEMO.newReader);
  await setUpBlankCard(page);
  await page.getByRole('button', { name: 'Set up the card' }).click();
  await expect(
    page.getByRole('heading', { name: 'Create the new wallet on the card' }),
  ).toBeVisible();
  await checkpoint(page, 'survive-new-card-choice');
  await page.getByRole('button', { name: /^Make a wallet that survives/ }).click();

  // This card is the first of the set: one card and a phrase make two copies.
  await page.getByLabel('Name of the wallet').fill('New savings');
  await expect(page.getByLabel('Cards that hold the wallet').locator('option')).toHaveText([
    '1 card',
    '2 cards',
    '3 cards',
  ]);
  await page.getByLabel('Cards that hold the wallet').selectOption('1');
  await page.getByLabel(/recovery phrase/).check();
  await page.getByLabel('Words in the phrase').selectOption('12');
  await page.getByRole('button', { name: 'Make the wallet' }).click();
  await expect(page.getByRole('heading', { name: 'Card 1 of 1' })).toBeVisible();
  await page.getByRole('button', { name: 'Put the wallet on this card' }).click();

  await expect(page.getByRole('heading', { name: 'The recovery phrase' })).toBeVisible();
  const phrase = await shownWords(page);
  await page.getByRole('button', { name: 'I have written it down' }).click();
  await page.getByLabel('The words, as you wrote them').fill(phrase);
  await page.getByRole('button', { name: 'Check what I typed' }).click();

  await expect(page.getByRole('heading', { name: 'Test recovery: open each card' })).toBeVisible();
  await chooseCard(page, DEMO.newReader);
  await enterPin(page, NEW_CARD.pin);
  await page.getByRole('button', { name: 'Finish: the wallet is ready' }).click();

  await expect(page.getByText('Insert one card of its set to go on with.')).toBeVisible();
  await checkpoint(page, 'survive-new-card-go-on');
  await chooseCard(page, DEMO.newReader);
  await enterPin(page, NEW_CARD.pin);
  await expect(page.getByRole('heading', { name: 'The new card’s address' })).toBeVisible();
  await expect(page.getByText(/each passed its test recovery/)).toBeVisible();
  const destination = await shownAddress(page);
  const seed = mnemonicToSeedSync(phrase);
  expect(destination).toBe(firstAddress(seed));
  await checkpoint(page, 'survive-new-card-address');
  await page.getByRole('button', { name: 'Continue to the plan' }).click();
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();
  expectClean();
});
