// Make a wallet that survives with shares kept on backup cards, through the console at
// 1024×700: a 2-of-3 share set, two shares on two Seedkeepers and one written down. A Keycard
// offered as a backup card and the same Seedkeeper offered twice are refused; a reload midway
// goes on where it stopped; the test recovery reads one share from its backup card and takes
// the written one typed. The page never shows a share kept on a card: the shares are read off
// the simulated cards afterwards with the raw test client, and the address the console shows
// is derived from them here with @scure/bip32.
import { bytesToHex } from '@noble/hashes/utils.js';
import { expect, test, type Page } from '@playwright/test';
import { HDKey } from '@scure/bip32';
import { computeAddress } from 'ethers';
import { combine } from '../../main/secrets/slip39';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import { SimulatedSeedkeeper, insertIntoReader, type InsertedCard } from '../sim/seedkeeper';
import { exportSecret, listSecrets } from '../sim/seedkeeper/raw-secrets';
import { SEEDKEEPER, ascii, cmd, connect, u16 } from '../sim/toporin/raw-client';
import { checkpoint, openConsole } from './console-steps';

test.describe.configure({ mode: 'serial' });

let demo: Demo;
let inNewReader: InsertedCard | undefined;
const second = SimulatedSeedkeeper.initialized({ pin: DEMO.pin, puk: DEMO.puk });

test.beforeAll(async () => {
  // The old card is a Seedkeeper (it keeps the demo phrase too); in the new reader, the demo's
  // blank Keycard, then a second Seedkeeper put in by the journey.
  demo = await startDemo({ console: 'harness', cards: ['seedkeeper', 'keycard'] });
});

test.afterAll(async () => {
  await inNewReader?.remove();
  await demo?.stop();
});

/** From the reader's button to an unlocked, genuine Seedkeeper. */
async function openBackupCard(page: Page, reader: string): Promise<void> {
  await page.getByRole('button', { name: `Use this card in ${reader}` }).click();
  await expect(page.getByRole('heading', { name: 'Is the card genuine?' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByLabel('PIN (4 to 16 characters)').fill(DEMO.pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Genuine/ })).toBeVisible();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

async function sharesOn(card: SimulatedSeedkeeper): Promise<string[]> {
  const channel = await connect((apdu) => card.transmit(apdu), SEEDKEEPER);
  expect((await channel.command(cmd(0x42, 0, 0, ascii(DEMO.pin)))).sw).toBe(0x9000);
  const { headers } = await listSecrets(channel);
  const found: string[] = [];
  for (const header of headers.filter((h) => h.type === 0x50)) {
    const { data } = await exportSecret(channel, header.id);
    found.push(new TextDecoder().decode(data!.subarray(2, 2 + u16(data!, 0))));
  }
  return found;
}

test('two shares on backup cards and one written down, tested, then in the inventory', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('button', { name: /Make a wallet that survives/ }).click();
  await page.getByLabel('Name of the wallet').fill('Shared savings');
  await page.getByLabel('Cards that hold the wallet').selectOption('0');
  await page.getByLabel(/As Shamir shares/).check();
  await page.getByLabel('How many shares to make').fill('3');
  await page.getByLabel('How many of them rebuild the wallet').fill('2');
  await page.getByLabel('How many of the shares to keep on backup cards (Seedkeeper)').fill('4');
  await page.getByRole('button', { name: 'Make the wallet' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'at most 3 backup cards can keep one each' }),
  ).toBeVisible();
  await page.getByLabel('How many of the shares to keep on backup cards (Seedkeeper)').fill('2');
  // 2 of 3 shares survive the loss of one: no single-copy acknowledgement is asked for.
  await expect(page.getByText('This wallet would have one copy only')).toHaveCount(0);
  await checkpoint(page, 'survive-cards-plan');
  await page.getByRole('button', { name: 'Make the wallet' }).click();

  // Share 1: a Keycard is not a backup card.
  await expect(
    page.getByRole('heading', { name: 'Share 1 of 3, onto a backup card' }),
  ).toBeVisible();
  await page.getByRole('button', { name: `Use this card in ${DEMO.newReader}` }).click();
  await expect(page.getByText(/a wallet card/i).first()).toBeVisible();
  await checkpoint(page, 'survive-cards-keycard-refused');
  await page.getByRole('button', { name: 'Use another card' }).first().click();
  await openBackupCard(page, DEMO.oldReader);
  await page.getByLabel('Name of this card').fill('Blue Seedkeeper');
  await page.getByLabel('Where it will be kept (optional)').fill('desk');
  await page.getByRole('button', { name: 'Keep share 1 on this card' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Share 1 is on the backup card in' }),
  ).toBeVisible();
  await checkpoint(page, 'survive-cards-stored');
  await page.getByRole('button', { name: 'Go on' }).click();

  // Share 2: the same Seedkeeper again is refused; the second one takes it.
  await expect(
    page.getByRole('heading', { name: 'Share 2 of 3, onto a backup card' }),
  ).toBeVisible();
  await openBackupCard(page, DEMO.oldReader);
  await page.getByRole('button', { name: 'Keep share 2 on this card' }).click();
  await expect(page.getByText('already keeps a share of this wallet')).toBeVisible();
  await checkpoint(page, 'survive-cards-same-card');
  await expect(page.getByRole('button', { name: 'Keep share 2 on this card' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Use another card' }).click();
  const newRow = page.getByRole('listitem').filter({ hasText: DEMO.newReader });
  await demo.newCard.slot.remove();
  await expect(newRow).not.toContainText('A card is inserted');
  inNewReader = await insertIntoReader(second, DEMO.newReader);
  await expect(newRow).toContainText('A card is inserted');
  await openBackupCard(page, DEMO.newReader);
  await page.getByLabel('Name of this card').fill('Green Seedkeeper');
  await page.getByRole('button', { name: 'Keep share 2 on this card' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Share 2 is on the backup card in' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Go on' }).click();
  await expect(page.getByRole('heading', { name: 'Share 3 of 3' })).toBeVisible();

  // A reload midway: the making goes on where it was.
  await page.reload();
  await page.getByRole('button', { name: /Make a wallet that survives/ }).click();
  await page.getByRole('button', { name: 'Go on with Shared savings' }).click();

  // Share 3 is written down and typed back.
  await expect(page.getByRole('heading', { name: 'Share 3 of 3' })).toBeVisible();
  await page.locator('main .phrase-words .mono').first().waitFor();
  const written = (await page.locator('main .phrase-words .mono').allInnerTexts())
    .map((w) => w.trim())
    .join(' ');
  await page.getByRole('button', { name: 'I have written it down' }).click();
  await page.getByLabel('The words, as you wrote them').fill(written);
  await page.getByLabel('Where it will be kept (optional)').fill('envelope');
  await page.getByRole('button', { name: 'Check what I typed' }).click();

  // The test recovery: one share read from its backup card, the written one typed.
  await expect(
    page.getByRole('heading', { name: 'Test recovery: rebuild from the shares' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Read a share from its backup card' }).click();
  await checkpoint(page, 'survive-cards-test');
  await openBackupCard(page, DEMO.newReader);
  await expect(page.getByText('1 share given.')).toBeVisible();
  await page.getByLabel('A share, typed from your paper').fill(written);
  await page.getByRole('button', { name: 'Check this share' }).click();
  await expect(page.getByRole('heading', { name: 'Every copy passed' })).toBeVisible();
  await page.getByRole('button', { name: 'Finish: the wallet is ready' }).click();
  await expect(page.getByRole('heading', { name: 'Shared savings is ready' })).toBeVisible();
  await checkpoint(page, 'survive-cards-ready');

  await inNewReader?.remove();
  inNewReader = undefined;
  await demo.oldCard.slot.remove();
  const first = await sharesOn(demo.oldCard.card as SimulatedSeedkeeper);
  const onSecond = await sharesOn(second);
  expect([first.length, onSecond.length]).toEqual([1, 1]);
  const root = HDKey.fromMasterSeed(await combine([first[0]!, onSecond[0]!]));
  const address = computeAddress(`0x${bytesToHex(root.derive("m/44'/60'/0'/0/0").publicKey!)}`);
  await expect(page.locator('main code').filter({ hasText: address })).toBeVisible();
  for (const share of [first[0]!, onSecond[0]!])
    expect(await page.locator('body').innerText()).not.toContain(
      share.split(' ').slice(0, 4).join(' '),
    );

  await page.getByRole('button', { name: 'See it in your backups' }).click();
  await expect(
    page.getByText('on the backup card "Blue Seedkeeper" (Seedkeeper) at desk', { exact: false }),
  ).toBeVisible();
  await checkpoint(page, 'survive-cards-inventory');
  expectClean();
});
