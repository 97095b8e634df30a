// Journey: a shared wallet. A 2-of-3 Safe is created with the demo's wallet card, a second
// card put in the same reader after it, and a rebuilt recovery phrase that pays the fees;
// the Safe is funded on the local chain, then emptied to a new address with the second card
// and the phrase signing. The Safe v1.5.0 contracts are the audited build at their canonical
// addresses; owners, threshold and balances are read from the chain itself. Then the first
// card is taken as lost and its owner replaced by a new address, an owner is added, and the
// Safe is made to need 3 of its 4 owners, with the console reloaded between two signatures.
import { expect, test } from '@playwright/test';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Wallet, computeAddress, getAddress, parseUnits } from 'ethers';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import { SimulatedKeycard, insertIntoReader, type InsertedCard } from '../sim/keycard';
import { readSafeContract } from '../support/safe-contracts';
import { checkpoint, chooseCard, enterPin, openConsole, shownAddress } from './console-steps';

/** The second owner card's wallet and the phrase rebuilt in the console. Test values only. */
const SECOND_CARD = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const PHRASE =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

function firstAddress(mnemonic: string): string {
  const node = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic)).derive("m/44'/60'/0'/0/0");
  return computeAddress(`0x${Buffer.from(node.publicKey!).toString('hex')}`);
}

let demo: Demo;
let secondCard: InsertedCard | undefined;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness', safeContracts: true });
});

test.afterAll(async () => {
  await secondCard?.remove();
  await demo?.stop();
});

test('create a 2-of-3 Safe with two cards and a phrase, empty it to 0, replace a lost card, add an owner, need 3 of 4', async ({
  page,
}) => {
  const expectClean = await openConsole(page, demo.url!);
  const payer = firstAddress(PHRASE);
  await demo.node.fund(payer, parseUnits('1', 18));
  const owners = [demo.accounts[0]!, firstAddress(SECOND_CARD), payer];

  await page.getByRole('button', { name: /Rebuild from Shamir shares/ }).click();
  await page.getByRole('button', { name: /A recovery phrase \(BIP-39\)/ }).click();
  await page.getByLabel('Recovery phrase').fill(PHRASE);
  await page.getByRole('button', { name: 'Open the wallet' }).click();
  await expect(page.getByRole('heading', { name: 'The wallet is rebuilt' })).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();

  await page.getByRole('button', { name: /Shared wallet \(Safe\)/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Shared wallet (Safe)' })).toBeVisible();
  await checkpoint(page, 'safe-start');
  await page.getByRole('button', { name: 'Create a shared wallet' }).click();
  await expect(page.getByRole('heading', { name: 'The owners' })).toBeVisible();
  await checkpoint(page, 'safe-owners-empty');

  await page.getByRole('button', { name: 'Add a card' }).click();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await expect(page.getByRole('heading', { name: '1 owner' })).toBeVisible();

  // One reader is enough: the first card comes out, the next one goes into the same reader.
  await demo.oldCard.slot.remove();
  secondCard = await insertIntoReader(
    SimulatedKeycard.initialized({
      pin: DEMO.pin,
      puk: DEMO.puk,
      pairingPassword: DEMO.pairingPassword,
      duressPin: DEMO.duressPin,
      mnemonic: SECOND_CARD,
    }),
    DEMO.oldReader,
  );
  await page.getByRole('button', { name: 'Add the next card' }).click();
  await checkpoint(page, 'safe-next-card');
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await expect(page.getByRole('heading', { name: '2 owners' })).toBeVisible();
  await page.getByRole('button', { name: /^Add the rebuilt wallet/ }).click();
  await expect(page.getByRole('heading', { name: '3 owners' })).toBeVisible();
  await page.getByLabel('Signatures needed').selectOption({ label: '2 of 3 owners must sign.' });
  await page
    .getByRole('group', { name: 'Who pays the network fee' })
    .getByLabel(/rebuilt wallet/)
    .check();
  await checkpoint(page, 'safe-owners');

  await page.getByRole('button', { name: 'Show the new Safe’s address' }).click();
  await expect(page.getByRole('heading', { name: 'Check the new Safe' })).toBeVisible();
  const planned = await shownAddress(page);
  expect(planned).toBe(getAddress(planned));
  expect(await demo.node.request<string>('eth_getCode', [planned, 'latest'])).toBe('0x');
  await checkpoint(page, 'safe-create-review');
  const create = page.getByRole('button', { name: 'Create the Safe' });
  await expect(create).toBeDisabled();
  await page.getByLabel('I checked the owners and the number of signatures needed.').check();
  await create.click();

  await expect(page.getByRole('heading', { name: 'The Safe', exact: true })).toBeVisible({
    timeout: 60_000,
  });
  expect(await shownAddress(page)).toBe(planned);
  const safe = planned;
  expect([...(await readSafeContract<string[]>(demo.node, safe, 'getOwners'))].sort()).toEqual(
    [...owners].sort(),
  );
  expect(await readSafeContract<bigint>(demo.node, safe, 'getThreshold')).toBe(2n);
  await expect(page.getByText('2 of 3 owners must sign.')).toBeVisible();
  const ownerRows = page.getByRole('table', { name: 'Owners' }).getByRole('row');
  await expect(ownerRows).toHaveCount(1 + 3);
  await expect(ownerRows.filter({ hasText: owners[1]! })).toContainText(
    `Yours: the card in ${DEMO.oldReader}`,
  );
  await expect(ownerRows.filter({ hasText: payer })).toContainText('Yours: the rebuilt wallet');
  await expect(ownerRows.filter({ hasText: owners[0]! })).toContainText('Not one of');

  const usdc = demo.tokens.find((t) => t.symbol === 'USDC')!;
  const held = { eth: parseUnits('2', 18), usdc: parseUnits('250', usdc.decimals) };
  await demo.node.fund(safe, held.eth);
  await demo.node.mintToken(usdc.address, safe, held.usdc);
  await page.getByRole('button', { name: 'Read it again' }).click();
  const balances = page.getByRole('table', { name: 'What the Safe holds' }).getByRole('row');
  await expect(balances.filter({ hasText: 'USDC' })).toContainText('250');
  await expect(balances.filter({ hasText: 'ETH' })).toContainText('2');
  await checkpoint(page, 'safe-details');

  const destination = Wallet.createRandom().address;
  await page.getByRole('button', { name: 'Empty this Safe' }).click();
  await page.getByLabel('Send everything to this address').fill(destination);
  await page
    .getByRole('group', { name: 'Who pays the network fee' })
    .getByLabel(/rebuilt wallet/)
    .check();
  await checkpoint(page, 'safe-sweep-form');
  await page.getByRole('button', { name: 'Plan it' }).click();
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();
  await checkpoint(page, 'safe-sweep-review');
  await page.getByRole('button', { name: 'Continue to the confirmation' }).click();
  await page.getByLabel(/I compared this address/).check();
  await checkpoint(page, 'safe-sweep-confirm');
  await page.getByRole('button', { name: 'Continue to the owners’ signatures' }).click();

  await expect(page.getByRole('heading', { name: 'The owners sign' })).toBeVisible();
  const progress = page.getByRole('status').filter({ hasText: /signatures needed/ });
  await expect(progress).toHaveText('0 of 2 signatures needed.');
  await page.getByRole('button', { name: /^Sign with the rebuilt wallet/ }).click();
  await expect(progress).toHaveText('1 of 2 signatures needed.');
  await checkpoint(page, 'safe-sweep-one-signature');

  // The console is reloaded between two signatures: Home offers the Safe's sweep, which goes
  // on at the owners' signatures with the first one kept, and asks again who pays.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'A sweep did not finish' })).toBeVisible();
  await page.getByRole('button', { name: 'Resume this sweep' }).click();
  await expect(page.getByRole('heading', { name: 'The owners sign' })).toBeVisible();
  await expect(progress).toHaveText('1 of 2 signatures needed.');
  // The wallet that signed before the reload is said to have signed, and not offered again.
  await expect(page.getByText(/^Has signed ✓: the rebuilt wallet/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Sign with the rebuilt wallet/ })).toHaveCount(0);
  await checkpoint(page, 'safe-sweep-resumed');
  await page.getByRole('button', { name: `Sign with the card in ${DEMO.oldReader}` }).click();
  await expect(progress).toHaveText('2 of 2 signatures needed.');
  // Enough owners signed: none is asked for more.
  await expect(page.getByText('Enough owners have signed.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Sign with/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Send the/ })).toBeDisabled();
  await page
    .getByRole('group', { name: 'Who pays the network fee' })
    // The rebuilt wallet is still offered: main kept it, and the reloaded console asks.
    .getByLabel(/rebuilt wallet/)
    .check();
  await page.getByRole('button', { name: /^Send the/ }).click();

  await expect(page.getByRole('heading', { name: 'Report' })).toBeVisible({ timeout: 60_000 });
  await checkpoint(page, 'safe-sweep-report');
  // Said of the Safe, not of a card's accounts: the money leaves the Safe, not its payer.
  await expect(page.getByText('Everything was moved: 0 is left in the Safe.')).toBeVisible();
  await expect(
    page.getByText(`USDC from ${safe.slice(0, 6)}…${safe.slice(-4)} to`).first(),
  ).toBeVisible();

  expect(await demo.node.balance(safe)).toBe(0n);
  expect(await demo.node.tokenBalance(usdc.address, safe)).toBe(0n);
  // The Safe pays no fee: everything it held arrives.
  expect(await demo.node.balance(destination)).toBe(held.eth);
  expect(await demo.node.tokenBalance(usdc.address, destination)).toBe(held.usdc);

  // The first card is lost: its owner is replaced, signed by the second card and the phrase.
  const replacement = Wallet.createRandom().address;
  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await page.getByRole('button', { name: /Shared wallet \(Safe\)/ }).click();
  await page.getByRole('button', { name: `Open ${safe} on Local demo chain` }).click();
  await page.getByRole('button', { name: 'Change the owners' }).click();
  await expect(page.getByRole('radio', { name: 'Replace a lost owner' })).toBeChecked();
  await page.getByLabel('The owner to replace').selectOption(owners[0]!);
  await page.getByLabel('The new owner’s address').fill(replacement);
  await page.getByRole('button', { name: 'Show the owners before and after' }).click();
  await expect(page.getByRole('heading', { name: 'The owners before and after' })).toBeVisible();
  const after = page.getByRole('heading', { name: 'Owners afterwards' }).locator('+ ul');
  await expect(after).toContainText(replacement);
  await expect(after).not.toContainText(owners[0]!);
  await checkpoint(page, 'safe-replace-review');
  await page.getByRole('button', { name: `Sign with the card in ${DEMO.oldReader}` }).click();
  await expect(progress).toHaveText('1 of 2 signatures needed.');
  await page.getByRole('button', { name: /^Sign with the rebuilt wallet/ }).click();
  await expect(progress).toHaveText('2 of 2 signatures needed.');
  await page
    .getByRole('group', { name: 'Who pays the network fee' })
    .getByLabel(/rebuilt wallet/)
    .check();
  await page.getByRole('button', { name: 'Send the change' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The owner was replaced.' })).toBeVisible(
    { timeout: 60_000 },
  );
  await checkpoint(page, 'safe-replaced');
  expect([...(await readSafeContract<string[]>(demo.node, safe, 'getOwners'))].sort()).toEqual(
    [replacement, owners[1]!, owners[2]!].sort(),
  );
  expect(await readSafeContract<bigint>(demo.node, safe, 'getThreshold')).toBe(2n);
  // The details are read from the chain again after the change.
  await expect(ownerRows.filter({ hasText: replacement })).toHaveCount(1);
  await expect(ownerRows.filter({ hasText: owners[0]! })).toHaveCount(0);

  // An owner is added; the Safe keeps needing 2 signatures, now of 4 owners.
  const added = Wallet.createRandom().address;
  await page.getByRole('button', { name: 'Change the owners' }).click();
  await page.getByRole('radio', { name: 'Add an owner' }).check();
  await page.getByLabel('The new owner’s address').fill(owners[1]!);
  await page.getByRole('button', { name: 'Show the owners before and after' }).click();
  // An owner already is one: main says so, and nothing is proposed.
  await expect(page.getByRole('alert')).toContainText('already an owner');
  await page.getByLabel('The new owner’s address').fill(added);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Signatures needed afterwards')).toHaveValue('2');
  await checkpoint(page, 'safe-add-form');
  await page.getByRole('button', { name: 'Show the owners before and after' }).click();
  await expect(page.getByText(`${added} (new owner)`)).toBeVisible();
  await expect(page.getByText('2 of 3 owners must sign.')).toBeVisible();
  await expect(page.getByText('2 of 4 owners must sign.')).toBeVisible();
  await checkpoint(page, 'safe-add-review');
  await page.getByRole('button', { name: `Sign with the card in ${DEMO.oldReader}` }).click();
  await page.getByRole('button', { name: /^Sign with the rebuilt wallet/ }).click();
  await expect(progress).toHaveText('2 of 2 signatures needed.');
  await page
    .getByRole('group', { name: 'Who pays the network fee' })
    .getByLabel(/rebuilt wallet/)
    .check();
  await page.getByRole('button', { name: 'Send the change' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The owner was added.' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText('2 of 4 owners must sign.')).toBeVisible();
  await expect(ownerRows.filter({ hasText: added })).toHaveCount(1);
  await checkpoint(page, 'safe-added');
  expect(await readSafeContract<string[]>(demo.node, safe, 'getOwners')).toContain(added);

  // Then 3 of the 4 must sign. The console is reloaded after the first signature: the
  // change waits in the Safe's details with its signature kept.
  await page.getByRole('button', { name: 'Change the owners' }).click();
  await page.getByRole('radio', { name: 'Change how many owners must sign' }).check();
  await expect(
    page.getByRole('button', { name: 'Show the owners before and after' }),
  ).toBeDisabled();
  await page.getByLabel('Signatures needed afterwards').selectOption({
    label: '3 of 4 owners must sign.',
  });
  await page.getByRole('button', { name: 'Show the owners before and after' }).click();
  await expect(page.getByText('3 of 4 owners must sign.')).toBeVisible();
  await checkpoint(page, 'safe-threshold-review');
  await page.getByRole('button', { name: /^Sign with the rebuilt wallet/ }).click();
  await expect(progress).toHaveText('1 of 2 signatures needed.');
  await page.reload();
  await page.getByRole('button', { name: /Shared wallet \(Safe\)/ }).click();
  await page.getByRole('button', { name: `Open ${safe} on Local demo chain` }).click();
  await expect(
    page.getByText('A change of the owners is waiting for signatures: 1 of 2 so far.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Continue with this change' }).click();
  await expect(progress).toHaveText('1 of 2 signatures needed.');
  await page.getByRole('button', { name: `Sign with the card in ${DEMO.oldReader}` }).click();
  await expect(progress).toHaveText('2 of 2 signatures needed.');
  await page
    .getByRole('group', { name: 'Who pays the network fee' })
    .getByLabel(/rebuilt wallet/)
    .check();
  await page.getByRole('button', { name: 'Send the change' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The number of owners who must sign was changed.' }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('3 of 4 owners must sign.')).toBeVisible();
  await checkpoint(page, 'safe-threshold-changed');
  expect([...(await readSafeContract<string[]>(demo.node, safe, 'getOwners'))].sort()).toEqual(
    [added, replacement, owners[1]!, owners[2]!].sort(),
  );
  expect(await readSafeContract<bigint>(demo.node, safe, 'getThreshold')).toBe(3n);
  expect(await readSafeContract<bigint>(demo.node, safe, 'nonce')).toBe(5n);
  expectClean();
});
