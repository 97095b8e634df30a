// Rebuild from a recovery phrase, as a person meets it: a mistyped word is refused and stays
// in place to be corrected; a wrong passphrase opens a wallet that has never been used, and
// the console says so; another passphrase is tried without typing the phrase again. Then the
// funds move to a new card, whose set-up keeps what was typed over a mismatch, and whose key
// gets a recovery phrase written down and checked first. The chain is read afterwards; the
// new card's wallet is derived here from the words the console showed, independently.
import { expect, test, type Page } from '@playwright/test';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { computeAddress } from 'ethers';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import { checkpoint, chooseCard, NEW_CARD, openConsole, shownAddress } from './console-steps';

let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness' });
});

test.afterAll(async () => {
  await demo?.stop();
});

function firstAddress(words: readonly string[]): string {
  const node = HDKey.fromMasterSeed(mnemonicToSeedSync(words.join(' '))).derive("m/44'/60'/0'/0/0");
  return computeAddress(`0x${Buffer.from(node.publicKey!).toString('hex')}`);
}

/** The values of the set-up form's six fields, as lengths (they are passwords). */
async function setUpLengths(page: Page): Promise<number[]> {
  return page
    .locator('form input[type="password"]')
    .evaluateAll((fields) => fields.map((f) => (f as HTMLInputElement).value.length));
}

test('a phrase with a typo, a wrong passphrase, then its funds to a new card with a backup', async ({
  page,
}) => {
  const expectClean = await openConsole(page, demo.url!);
  const usdc = demo.tokens.find((t) => t.symbol === 'USDC')!;

  await page.getByRole('button', { name: /Rebuild from Shamir shares/ }).click();
  await page.getByRole('button', { name: /A recovery phrase \(BIP-39\)/ }).click();

  // A valid word in the wrong place: only the checksum can tell. The text stays as typed.
  const words = DEMO.mnemonic.split(' ');
  const typo = words.map((w, i) => (i === 4 ? 'grape' : w)).join(' ');
  const phrase = page.getByLabel('Recovery phrase');
  await phrase.fill(typo);
  await page.getByRole('button', { name: 'Open the wallet' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'does not pass its checksum' });
  await expect(refusal).toBeVisible();
  await expect(phrase).toHaveValue(typo);
  await expect(phrase).toHaveAttribute('aria-invalid', 'true');
  const problemId = await refusal.getAttribute('id');
  expect((await phrase.getAttribute('aria-describedby'))?.split(' ')).toContain(problemId);
  // Said once, not as a title and a body in nearly the same words.
  expect((await refusal.innerText()).match(/checksum/g)).toHaveLength(1);
  await checkpoint(page, 'phrase-typo-kept');
  await phrase.fill(DEMO.mnemonic);
  await expect(refusal).toHaveCount(0);
  await expect(phrase).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Passphrase (optional)').fill('not the passphrase');
  await page.getByRole('button', { name: 'Open the wallet' }).click();
  await expect(page.getByRole('heading', { name: 'The wallet is rebuilt' })).toBeVisible();
  await expect(
    page.getByText(
      'This wallet has never been used. A wrong passphrase opens a different, empty wallet.',
    ),
  ).toBeVisible();
  await expect(page.getByText(/Searched: Local demo chain; \d+ addresses/)).toBeVisible();
  expect(await shownAddress(page)).not.toBe(demo.accounts[0]);
  await checkpoint(page, 'rebuild-unused-wallet');

  await page.getByRole('button', { name: 'Try another passphrase' }).click();
  await expect(page.getByText('Your recovery phrase stays entered.')).toBeVisible();
  await expect(page.getByLabel('Recovery phrase')).toHaveCount(0);
  await expect(page.getByLabel('Passphrase (optional)')).toBeFocused();
  await page.getByRole('button', { name: 'Open with this passphrase' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'This wallet has been used: it has funds or transactions' }),
  ).toBeVisible();
  await expect(page.getByText('5.75 ETH on Local demo chain, over 2 accounts')).toBeVisible();
  await expect(page.getByText('1000 USDC on Local demo chain')).toBeVisible();
  expect(await shownAddress(page)).toBe(demo.accounts[0]);
  await checkpoint(page, 'rebuild-used-wallet');

  // Item 1: the sweep starts by finding the accounts of the rebuilt wallet.
  await page.getByRole('button', { name: 'Move its funds to a new card' }).click();
  await expect(page.getByRole('heading', { name: 'The new card', exact: true })).toBeVisible({
    timeout: 30_000,
  });
  await chooseCard(page, DEMO.newReader);

  // A mismatch marks only the repeated PIN and keeps all six fields as typed.
  await expect(page.getByRole('heading', { name: 'Set up the card', level: 2 })).toBeVisible();
  await page.getByLabel('PIN (6 digits)').fill(NEW_CARD.pin);
  await page.getByLabel('PIN again').fill('999999');
  await page.getByLabel('PUK (12 digits)').fill(NEW_CARD.puk);
  await page.getByLabel('PUK again').fill(NEW_CARD.puk);
  await page.getByLabel('Pairing password', { exact: true }).fill(NEW_CARD.pairingPassword);
  await page.getByLabel('Pairing password again').fill(NEW_CARD.pairingPassword);
  await page.getByRole('button', { name: 'Set up the card' }).click();
  const pinAgain = page.getByLabel('PIN again');
  await expect(pinAgain).toHaveAttribute('aria-invalid', 'true');
  await expect(pinAgain).toBeFocused();
  const mismatch = page.getByText('The two PINs are different. Type the same PIN twice.');
  await expect(mismatch).toBeVisible();
  expect(await pinAgain.getAttribute('aria-describedby')).toBe(await mismatch.getAttribute('id'));
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(1);
  const pairingLength = NEW_CARD.pairingPassword.length;
  expect(await setUpLengths(page)).toEqual([6, 6, 12, 12, pairingLength, pairingLength]);
  await checkpoint(page, 'setup-mismatch-kept');
  await pinAgain.fill(NEW_CARD.pin);
  await expect(mismatch).toHaveCount(0);
  await page.getByRole('button', { name: 'Set up the card' }).click();

  // Before any key is made: such a key has no backup; a phrase is written down first.
  await expect(
    page.getByRole('heading', { name: 'Create the new wallet on the card' }),
  ).toBeVisible();
  await expect(
    page.getByText('A key created on the card has no backup', { exact: true }),
  ).toBeVisible();
  await checkpoint(page, 'new-key-backup-choice');
  await page
    .getByRole('button', { name: 'Write down a new recovery phrase, then put it on the card' })
    .click();
  await expect(page.getByRole('heading', { name: 'Write down these 12 words' })).toBeVisible();
  const shown = await page.locator('.phrase-words li .mono').allInnerTexts();
  expect(shown).toHaveLength(12);
  await checkpoint(page, 'new-key-phrase-shown');
  await page.getByRole('button', { name: 'I have written down all 12 words' }).click();
  await expect(page.getByRole('heading', { name: 'Check what you wrote down' })).toBeVisible();
  // Shown once: the words are gone from the page once the check begins.
  await expect(page.locator('.phrase-words')).toHaveCount(0);
  const asked = (await page
    .getByLabel(/^Word \d+$/)
    .evaluateAll((fields) => fields.map((f) => f.id))) as string[];
  expect(asked).toHaveLength(4);
  const positions: number[] = [];
  for (const id of asked) {
    const label = await page.locator(`label[for="${id}"]`).innerText();
    positions.push(Number(/^Word (\d+)$/.exec(label)![1]) - 1);
  }
  const [first, second] = positions as [number, number];
  for (const position of positions) {
    const word = position === second ? 'zoo' : shown[position]!;
    await page.getByLabel(`Word ${position + 1}`, { exact: true }).fill(word);
  }
  await page.getByRole('button', { name: 'Check the words' }).click();
  const wrongField = page.getByLabel(`Word ${second + 1}`, { exact: true });
  await expect(wrongField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel(`Word ${first + 1}`, { exact: true })).toHaveValue(shown[first]!);
  await checkpoint(page, 'new-key-phrase-check');
  await wrongField.fill(shown[second]!);
  await page.getByRole('button', { name: 'Check the words' }).click();

  await expect(page.getByRole('heading', { name: 'The new card’s address' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('Its backup is the recovery phrase you wrote down.')).toBeVisible();
  const destination = await shownAddress(page);
  expect(destination).toBe(firstAddress(shown));
  await page.getByRole('button', { name: 'Continue to the plan' }).click();

  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();
  await expect(
    page.getByText('Its amount is worked out again when the card signs it'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Continue to the confirmation' }).click();
  await page.getByLabel(/I compared this address/).check();
  await page.getByRole('button', { name: 'Sign and send 5 transactions' }).click();

  await expect(page.getByRole('heading', { name: 'Report' })).toBeVisible({ timeout: 60_000 });
  const bar = page.getByRole('progressbar', { name: 'Transactions done' });
  await expect(bar).toHaveAttribute('value', '5');
  await expect(bar).toHaveAttribute('max', '5');
  const outcome = page.getByRole('table', { name: /What moved and what is left/ });
  await expect(outcome.getByRole('columnheader', { name: 'Planned' })).toBeVisible();
  await expect(
    page.getByText('The native coin’s amount was worked out again when it was signed'),
  ).toBeVisible();
  const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
  await expect(
    page.getByRole('heading', { name: `From ${short(demo.accounts[0]!)} on Local demo chain` }),
  ).toBeVisible();
  await expect(page.getByText('Transaction 1: USDC')).toBeVisible();
  await expect(page.getByText('Transaction 3: the remaining ETH')).toBeVisible();
  await expect(page.getByText(/nonce/)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'What to do now' })).toBeVisible();
  await checkpoint(page, 'rebuild-sweep-report');

  for (const account of demo.accounts) {
    expect(await demo.node.balance(account)).toBe(0n);
    for (const token of demo.tokens) {
      expect(await demo.node.tokenBalance(token.address, account)).toBe(0n);
    }
  }
  expect(await demo.node.tokenBalance(usdc.address, destination)).toBeGreaterThan(0n);

  await page.getByRole('button', { name: 'Back to the start' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recovery console');
  expectClean();
});
