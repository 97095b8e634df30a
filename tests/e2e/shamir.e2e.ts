// Journey 3, Shamir: the shares of a 2-of-3 + 3-of-5 backup are typed in with one typo and
// one share of another backup among them; both are refused with the right message; the
// wallet is rebuilt, loaded onto a new card, and a backup drill against that card passes.
// The expected wallet is derived here from the master secret, independently of Lifeboat.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { expect, test } from '@playwright/test';
import { HDKey } from '@scure/bip32';
import { computeAddress } from 'ethers';
import { split } from '../../main/secrets/slip39';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import { checkpoint, chooseCard, openConsole, setUpBlankCard, shownAddress } from './console-steps';

const LAYOUT = {
  groupThreshold: 2,
  groups: [
    { threshold: 2, count: 3 },
    { threshold: 3, count: 5 },
  ],
};

let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness' });
});

test.afterAll(async () => {
  await demo?.stop();
});

/** The first BIP-44 address and the Keycard key UID of a master secret. */
function wallet(masterSecret: Uint8Array): { address: string; keyUid: string } {
  const root = HDKey.fromMasterSeed(masterSecret);
  const first = root.derive("m/44'/60'/0'/0/0");
  return {
    address: computeAddress(`0x${bytesToHex(first.publicKey!)}`),
    keyUid: bytesToHex(sha256(secp256k1.Point.fromBytes(root.publicKey!).toBytes(false))),
  };
}

/** A share with one word swapped for another valid word: only the checksum can tell. */
function withTypo(share: string, at: number): string {
  const words = share.split(' ');
  words[at] = words[at] === 'academic' ? 'acid' : 'academic';
  return words.join(' ');
}

test('rebuild from Shamir shares, load onto a new card, and pass a backup drill', async ({
  page,
}) => {
  const masterSecret = new Uint8Array(randomBytes(16));
  const expected = wallet(masterSecret);
  const [groupOne, groupTwo] = (await split(masterSecret, LAYOUT)) as [string[], string[]];
  const [otherGroupOne] = (await split(new Uint8Array(randomBytes(16)), LAYOUT)) as [string[]];

  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('button', { name: /Rebuild from Shamir shares/ }).click();
  await checkpoint(page, 'shamir-choose-kind');
  await page.getByRole('button', { name: /Shamir shares \(SLIP-39\)/ }).click();

  const field = page.getByLabel(/^Share \d+$/);
  const add = page.getByRole('button', { name: 'Check and add this share' });
  const refusal = page.getByRole('alert');

  // Live help while typing: completions for the word being typed, and a word-by-word check.
  const words = groupOne[0]!.split(' ');
  await field.fill(`${words.slice(0, 3).join(' ')} ${words[3]!.slice(0, 2)}`);
  const suggestions = page.getByRole('group', { name: 'Suggestions for word 4' });
  await expect(suggestions.getByRole('button', { name: words[3]!, exact: true })).toBeVisible();
  await field.fill(`${words.slice(0, 3).join(' ')} qqqq`);
  await expect(page.getByText('Word 4 is not in the word list.')).toBeVisible();
  await checkpoint(page, 'shamir-live-check');

  await field.fill(withTypo(groupOne[0]!, 6));
  await add.click();
  await expect(refusal).toContainText('This share does not pass its checksum');
  await expect(refusal).toContainText('Check word 7 first.');
  await checkpoint(page, 'shamir-typo');

  await field.fill(groupOne[0]!);
  await add.click();
  await expect(page.getByText('Share accepted: group 1, share 1.')).toBeVisible();

  await field.fill(otherGroupOne[1]!);
  await add.click();
  await expect(refusal).toContainText(
    'This share belongs to a different backup than the shares already entered',
  );
  await checkpoint(page, 'shamir-other-backup');

  // Each accepted share is listed before the next one is typed into the fresh, empty field.
  for (const [index, share] of [groupOne[1]!, groupTwo[0]!, groupTwo[3]!].entries()) {
    await field.fill(share);
    await add.click();
    await expect(page.getByText(new RegExp(`^Share ${index + 2}: group`))).toBeVisible();
    await expect(refusal).toHaveCount(0);
  }
  await expect(page.getByText('Group 1: 2 of 2 shares, complete.')).toBeVisible();
  await expect(page.getByText('Group 2: 2 of 3 shares.')).toBeVisible();
  await expect(page.getByText('1 of 2 groups complete (the backup has 2 groups).')).toBeVisible();
  await checkpoint(page, 'shamir-progress');
  await field.fill(groupTwo[4]!);
  await add.click();
  await expect(page.getByText('Enough shares: the wallet can be rebuilt.')).toBeVisible();
  await checkpoint(page, 'shamir-complete');

  await page.getByRole('button', { name: 'Rebuild the wallet' }).click();
  await expect(page.getByRole('heading', { name: 'The wallet is rebuilt' })).toBeVisible();
  expect(await shownAddress(page)).toBe(expected.address);
  await expect(page.getByText(expected.keyUid.match(/.{4}/g)!.join(' '))).toBeVisible();
  await page.getByLabel('A name for this wallet').fill('Family savings');
  await page.getByRole('button', { name: 'Remember this wallet' }).click();
  await expect(page.getByText('Remembered as “Family savings”.')).toBeVisible();
  await checkpoint(page, 'shamir-rebuilt');

  await page.getByRole('button', { name: 'Load it onto a new card' }).click();
  await chooseCard(page, DEMO.newReader);
  await setUpBlankCard(page);
  await page.getByRole('button', { name: 'Set up the card' }).click();
  await expect(
    page.getByRole('heading', { name: 'Load the rebuilt wallet onto the card' }),
  ).toBeVisible();
  await checkpoint(page, 'shamir-load');
  await page.getByRole('button', { name: 'Load the wallet onto the card' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'its first address matches' }),
  ).toBeVisible();
  expect(await shownAddress(page)).toBe(expected.address);
  await checkpoint(page, 'shamir-loaded');
  await page.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Check a backup against this card' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check a backup');
  await expect(page.getByRole('listitem').filter({ hasText: 'Family savings' })).toContainText(
    'Not checked yet. Check each of its backups now',
  );
  await checkpoint(page, 'drill-wallets');
  await page.getByRole('button', { name: 'Check a backup of Family savings' }).click();
  await checkpoint(page, 'drill-choose-backup');
  await page.getByRole('button', { name: `The unlocked card in ${DEMO.newReader}` }).click();
  await expect(page.getByRole('heading', { name: 'Result of the check' })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'Passed: this backup opens Family savings.' }),
  ).toBeVisible();
  await expect(page.getByText('Nothing was signed and no funds moved.')).toBeVisible();
  await checkpoint(page, 'drill-passed');

  await page.getByLabel('Date of the next check').fill('2031-05-17');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save a calendar reminder (.ics)' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('lifeboat-drill-2031-05-17.ics');
  const ics = fs.readFileSync(await saved.path(), 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('DTSTART;VALUE=DATE:20310517');

  await page.getByRole('button', { name: 'Back to the wallets' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Family savings' })).toContainText(
    'Last check passed on',
  );
  expectClean();
});
