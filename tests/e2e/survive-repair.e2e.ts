// Replace a lost member, through the console: a wallet made on one card with a written phrase,
// its card marked lost from the drills screen (once cancelled, which changes nothing), the
// advice read, the phrase of another wallet refused, the right phrase typed, the wallet written
// onto a new card set up on the way and tested, and the inventory showing the lost card as
// lost and the new one as checked. Then the load flow's new-card step puts a rebuilt wallet
// onto a set of two cards instead of one. The new card's address is derived here from the phrase the
// page showed, with @scure/bip32 and @scure/bip39.
import { expect, test, type Page } from '@playwright/test';
import { HDKey } from '@scure/bip32';
import { generateMnemonic, mnemonicToSeedSync } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { computeAddress } from 'ethers';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import { SimulatedKeycard, insertIntoReader, type InsertedCard } from '../sim/keycard';
import {
  NEW_CARD,
  checkpoint,
  chooseCard,
  enterPin,
  openConsole,
  setUpBlankCard,
} from './console-steps';

const OTHER_PHRASE =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
/** The rebuilt wallet the load flow puts onto a set: a fresh one, as the first journey's. */
const REBUILT_PHRASE = generateMnemonic(wordlist);

test.describe.configure({ mode: 'serial' });

let demo: Demo;
let emptyCard: InsertedCard | undefined;
let secondCard: InsertedCard | undefined;

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
  await secondCard?.remove();
  await demo?.stop();
});

async function shownWords(page: Page): Promise<string> {
  await page.locator('main .phrase-words .mono').first().waitFor();
  const words = await page.locator('main .phrase-words .mono').allInnerTexts();
  return words.map((w) => w.trim()).join(' ');
}

function firstAddress(phrase: string): string {
  const node = HDKey.fromMasterSeed(mnemonicToSeedSync(phrase)).derive("m/44'/60'/0'/0/0");
  return computeAddress(`0x${Buffer.from(node.publicKey!).toString('hex')}`);
}

async function typePhrase(page: Page, phrase: string): Promise<void> {
  await page.getByLabel('Recovery phrase').fill(phrase);
  await page.getByRole('button', { name: 'Open the wallet' }).click();
}

test('a lost card marked, the advice read, and a new card made from the phrase', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const expectClean = await openConsole(page, demo.url!);

  // A wallet on one card, with its phrase written down.
  await page.getByRole('button', { name: /Make a wallet that survives/ }).click();
  await page.getByLabel('Name of the wallet').fill('Everyday');
  await page.getByLabel('Cards that hold the wallet').selectOption('1');
  await page.getByLabel(/recovery phrase/).check();
  await page.getByLabel('Words in the phrase').selectOption('12');
  await page.getByRole('button', { name: 'Make the wallet' }).click();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await page.getByLabel('Name of this card').fill('Wallet card');
  await page.getByLabel('Where it will be kept (optional)').fill('coat pocket');
  await page.getByRole('button', { name: 'Put the wallet on this card' }).click();
  await expect(page.getByRole('heading', { name: 'The recovery phrase' })).toBeVisible();
  const phrase = await shownWords(page);
  await page.getByRole('button', { name: 'I have written it down' }).click();
  await page.getByLabel('The words, as you wrote them').fill(phrase);
  await page.getByRole('button', { name: 'Check what I typed' }).click();
  await expect(page.getByRole('heading', { name: 'Test recovery: open each card' })).toBeVisible();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await page.getByRole('button', { name: 'Finish: the wallet is ready' }).click();
  await expect(page.locator('main code').filter({ hasText: firstAddress(phrase) })).toBeVisible();
  await page.getByRole('button', { name: 'See it in your backups' }).click();
  const entry = page.locator('.wallet').filter({ hasText: 'Everyday' });
  await expect(entry).toContainText('Card "Wallet card" (Keycard), kept at: coat pocket.');

  // Marking it lost, then thinking better of it: nothing changes.
  await page.getByRole('button', { name: 'A card is lost from Everyday' }).click();
  await expect(
    page.getByRole('heading', { name: 'Which card of Everyday is lost?' }),
  ).toBeVisible();
  const mark = page.getByRole('button', { name: 'Mark it lost' });
  await expect(mark).toBeDisabled();
  await page.getByLabel('Card "Wallet card" (Keycard), kept at: coat pocket').check();
  await expect(mark).toBeDisabled();
  await page.getByLabel('No: only I know its PIN').check();
  await checkpoint(page, 'survive-repair-which-card');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(entry).toContainText('Card "Wallet card" (Keycard), kept at: coat pocket.');

  // Marked lost for good; the phrase can make a new card.
  await page.getByRole('button', { name: 'A card is lost from Everyday' }).click();
  await page.getByLabel('Card "Wallet card" (Keycard), kept at: coat pocket').check();
  await page.getByLabel('No: only I know its PIN').check();
  await mark.click();
  await expect(page.getByRole('heading', { name: 'What to do now' })).toBeVisible();
  await expect(
    page.getByText('Write the wallet onto a new card from its recovery phrase'),
  ).toBeVisible();
  await checkpoint(page, 'survive-repair-advice');
  await page.getByRole('button', { name: 'Make a new card' }).click();

  // The phrase of another wallet is refused, and the typing starts again.
  await expect(page.getByRole('heading', { name: 'A new card for Everyday' })).toBeVisible();
  await page.getByRole('button', { name: /A recovery phrase/ }).click();
  await typePhrase(page, OTHER_PHRASE);
  await expect(
    page.getByRole('alert').filter({ hasText: 'open another wallet than this one' }),
  ).toBeVisible();
  await checkpoint(page, 'survive-repair-wrong-wallet');
  await page.getByRole('button', { name: /A recovery phrase/ }).click();
  await typePhrase(page, phrase);

  // The new card: blank, set up on the way, loaded, then opened again with its PIN.
  await expect(page.getByText('This opens Everyday.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Card 1 of 1' })).toBeVisible();
  await chooseCard(page, DEMO.newReader);
  await setUpBlankCard(page);
  await page.getByRole('button', { name: 'Set up the card' }).click();
  await page.getByLabel('Name of this card').fill('Spare card');
  await page.getByLabel('Where it will be kept (optional)').fill('bank safe');
  await checkpoint(page, 'survive-repair-new-card');
  await page.getByRole('button', { name: 'Put the wallet on this card' }).click();
  await expect(page.getByRole('heading', { name: 'Test recovery: open each card' })).toBeVisible();

  // A reload midway: the new card is not listed yet, and the repair goes on where it was.
  await page.reload();
  await page
    .getByRole('button', { name: /Check a backup/ })
    .first()
    .click();
  await expect(entry).not.toContainText('Spare card');
  await page.getByRole('button', { name: 'Make a new card for Everyday' }).click();
  await expect(page.getByText('were being made when the console closed')).toBeVisible();
  await checkpoint(page, 'survive-repair-resume');
  await page.getByRole('button', { name: 'Go on where it stopped' }).click();
  await expect(page.getByRole('heading', { name: 'Test recovery: open each card' })).toBeVisible();
  await chooseCard(page, DEMO.newReader);
  await enterPin(page, NEW_CARD.pin);
  await page.getByRole('button', { name: 'Finish: the wallet is ready' }).click();

  await expect(
    page.getByRole('heading', { name: 'The new copies of Everyday are made' }),
  ).toBeVisible();
  await checkpoint(page, 'survive-repair-done');
  await page.getByRole('button', { name: 'Back to the wallets' }).click();
  await expect(entry).toContainText('Card "Wallet card" (Keycard): lost, no longer a copy.');
  await expect(entry).toContainText('Card "Spare card" (Keycard), kept at: bank safe.');
  await expect(entry.locator('li').filter({ hasText: 'Spare card' })).toContainText(
    'Last check passed on',
  );
  await checkpoint(page, 'survive-repair-inventory');
  expectClean();
});

test('the load flow puts a rebuilt wallet onto a set of two cards, each tested', async ({
  page,
}) => {
  // Two set-up cards with no wallet, in place of the cards of the first journey.
  const keycard = () =>
    SimulatedKeycard.initialized({
      pin: DEMO.pin,
      puk: DEMO.puk,
      pairingPassword: DEMO.pairingPassword,
      duressPin: DEMO.duressPin,
    });
  await emptyCard?.remove();
  emptyCard = await insertIntoReader(keycard(), DEMO.oldReader);
  await demo.newCard.slot.remove();
  secondCard = await insertIntoReader(keycard(), DEMO.newReader);

  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('button', { name: /Rebuild from Shamir shares/ }).click();
  await page.getByRole('button', { name: /A recovery phrase \(BIP-39\)/ }).click();
  await typePhrase(page, REBUILT_PHRASE);
  await expect(page.getByRole('heading', { name: 'The wallet is rebuilt' })).toBeVisible();
  await page.getByRole('button', { name: 'Load it onto a new card' }).click();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await expect(page.getByRole('button', { name: 'Load the wallet onto the card' })).toBeVisible();
  await checkpoint(page, 'load-set-choice');
  await page
    .getByRole('button', { name: 'Put it on a set of cards (2 or 3), each tested' })
    .click();
  await page.getByLabel('Name of the wallet').fill('Old savings');
  await page.getByRole('button', { name: 'Go on to the first card' }).click();

  // The card in hand is the first of the set; the second is asked for.
  await expect(page.getByRole('heading', { name: 'Card 1 of 2' })).toBeVisible();
  await page.getByRole('button', { name: 'Put the wallet on this card' }).click();
  await expect(page.getByRole('heading', { name: 'Card 2 of 2' })).toBeVisible();
  await chooseCard(page, DEMO.newReader);
  await enterPin(page, DEMO.pin);
  await page.getByRole('button', { name: 'Put the wallet on this card' }).click();
  await expect(page.getByRole('heading', { name: 'Test recovery: open each card' })).toBeVisible();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await chooseCard(page, DEMO.newReader);
  await enterPin(page, DEMO.pin);
  await page.getByRole('button', { name: 'Finish: the wallet is ready' }).click();

  // One card of the set goes on, as the load flow's new card.
  await expect(page.getByText('Insert one card of its set to go on with.')).toBeVisible();
  await chooseCard(page, DEMO.newReader);
  await enterPin(page, DEMO.pin);
  await expect(page.getByText(/each passed its test recovery/)).toBeVisible();
  await checkpoint(page, 'load-set-address');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { name: 'The new card holds the wallet' })).toBeVisible();
  await page.getByRole('button', { name: 'Check a backup against this card' }).click();
  const entry = page.locator('.wallet').filter({ hasText: 'Old savings' });
  await expect(entry).toContainText(`First address ${firstAddress(REBUILT_PHRASE).slice(0, 6)}`);
  await expect(entry.locator('li').filter({ hasText: 'Last check passed on' })).toHaveCount(2);
  expectClean();
});
