// Journey: the Safes a card owns, found in Restore. Two Safes owned by the demo card's first
// and second accounts and one it does not own are opened once on the Safe screen (so the
// console remembers them); opening the card in Restore lists the two it owns under its
// accounts, and "Open" lands on that Safe's details. In the signing step of a sweep, the
// card that signed is said to have signed and offered no more, and a rebuilt wallet that is
// not an owner is said to be none. Last, a second network's server stops answering: its Safe
// gets a notice in Restore and the others are still listed.
import { expect, test, type Page } from '@playwright/test';
import { Wallet, parseUnits } from 'ethers';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import { EvmNode } from '../support/evm-node';
import { deploySafe, installSafeContracts } from '../support/safe-contracts';
import { checkpoint, chooseCard, enterPin, openConsole, shownAddress } from './console-steps';

/** A rebuilt wallet that owns none of the Safes. Test value only. */
const PHRASE =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

let demo: Demo;
/** Chains the journey started and has not stopped itself. */
const chains = new Set<EvmNode>();

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness', safeContracts: true });
});

test.afterAll(async () => {
  for (const chain of chains) await chain.stop();
  await demo?.stop();
});

/** On the Safe screen's start: opens a Safe by its address, so the console remembers it. */
async function openByAddress(page: Page, safe: string): Promise<void> {
  await page.getByLabel('Address of the Safe').fill(safe);
  await page.getByRole('button', { name: 'Open this Safe' }).click();
  await expect(page.getByRole('heading', { name: 'The Safe', exact: true })).toBeVisible();
}

test('Safes the card owns appear in Restore, open on their details, and sign once', async ({
  page,
}) => {
  const expectClean = await openConsole(page, demo.url!);
  const [first, second] = demo.accounts as [string, string];
  const others = [Wallet.createRandom().address, Wallet.createRandom().address];
  const shared = await deploySafe(demo.node, [first, ...others], 2);
  const small = await deploySafe(demo.node, [others[0]!, second], 1);
  const foreign = await deploySafe(demo.node, others, 1);
  await demo.node.fund(shared, parseUnits('1.5', 18));
  await page.getByRole('button', { name: /Shared wallet \(Safe\)/ }).click();
  for (const safe of [foreign, small, shared]) {
    await openByAddress(page, safe);
    await page.getByRole('button', { name: 'Another shared wallet' }).click();
  }

  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await page.getByRole('button', { name: /Rebuild from Shamir shares/ }).click();
  await page.getByRole('button', { name: /A recovery phrase \(BIP-39\)/ }).click();
  await page.getByLabel('Recovery phrase').fill(PHRASE);
  await page.getByRole('button', { name: 'Open the wallet' }).click();
  await expect(page.getByRole('heading', { name: 'The wallet is rebuilt' })).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await page.getByRole('button', { name: /Restore after a lost phone/ }).click();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await expect(page.getByRole('heading', { name: 'Your accounts', exact: true })).toBeVisible();
  const owned = page.getByRole('region', { name: 'Shared wallets this card is an owner of' });
  const safeCard = (safe: string) =>
    owned.getByRole('article').filter({ hasText: `Shared wallet ${short(safe)}` });
  await expect(owned.getByRole('article')).toHaveCount(2);
  await expect(safeCard(shared)).toContainText('on Local demo chain');
  await expect(safeCard(shared)).toContainText('2 of 3 owners must sign.');
  await expect(
    safeCard(shared)
      .getByRole('table', { name: `Balances of ${shared}` })
      .getByRole('row')
      .filter({ hasText: 'ETH' }),
  ).toContainText('1.5');
  await expect(safeCard(small)).toContainText('1 of 2 owners must sign.');
  await expect(owned).not.toContainText(short(foreign));
  await checkpoint(page, 'restore-owned-safes');

  await safeCard(shared)
    .getByRole('button', { name: `Open the shared wallet ${short(shared)}` })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Shared wallet (Safe)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The Safe', exact: true })).toBeVisible();
  expect(await shownAddress(page)).toBe(shared);
  const ownerRows = page.getByRole('table', { name: 'Owners' }).getByRole('row');
  await expect(ownerRows.filter({ hasText: first })).toContainText(
    `Yours: the card in ${DEMO.oldReader}`,
  );
  await checkpoint(page, 'restore-owned-safe-details');

  await page.getByRole('button', { name: 'Empty this Safe' }).click();
  await page.getByLabel('Send everything to this address').fill(Wallet.createRandom().address);
  await page
    .getByRole('group', { name: 'Who pays the network fee' })
    .getByLabel(`the card in ${DEMO.oldReader}`)
    .check();
  await page.getByRole('button', { name: 'Plan it' }).click();
  await page.getByRole('button', { name: 'Continue to the confirmation' }).click();
  await page.getByLabel(/I compared this address/).check();
  await page.getByRole('button', { name: 'Continue to the owners’ signatures' }).click();

  await expect(page.getByRole('heading', { name: 'The owners sign' })).toBeVisible();
  const held = page.getByRole('list', { name: 'Your cards and wallets' });
  await expect(held).toContainText('Not an owner of this Safe, cannot sign: the rebuilt wallet');
  await expect(page.getByRole('button', { name: /^Sign with the rebuilt wallet/ })).toHaveCount(0);
  await page.getByRole('button', { name: `Sign with the card in ${DEMO.oldReader}` }).click();
  const progress = page.getByRole('status').filter({ hasText: /signatures needed/ });
  await expect(progress).toHaveText('1 of 2 signatures needed.');
  await expect(held).toContainText(`Has signed ✓: the card in ${DEMO.oldReader}`);
  await expect(
    page.getByRole('button', { name: `Sign with the card in ${DEMO.oldReader}` }),
  ).toHaveCount(0);
  // The next owner's card can still be put in.
  await expect(page.getByRole('button', { name: 'Sign with another card' })).toBeVisible();
  await checkpoint(page, 'safe-signing-signed-holder');

  // A second network with a Safe of the card's, whose server then stops answering: its Safe
  // gets a notice, and the Safes on the demo chain are still listed.
  const otherChain = await EvmNode.start({ chainId: 31338 });
  chains.add(otherChain);
  await installSafeContracts(otherChain);
  const far = await deploySafe(otherChain, [first], 1);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await page.getByText('Add a network').click();
  await page.getByLabel('Name', { exact: true }).fill('Second chain');
  await page.getByLabel('Chain id').fill('31338');
  await page.getByLabel('RPC address', { exact: true }).fill(otherChain.url);
  await page.getByRole('button', { name: 'Add the network' }).click();
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The settings were saved.' }),
  ).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await page.getByRole('button', { name: /Shared wallet \(Safe\)/ }).click();
  await page.getByLabel('Network').selectOption({ label: 'Second chain' });
  await openByAddress(page, far);
  await otherChain.stop();
  chains.delete(otherChain);

  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await page.getByRole('button', { name: /Restore after a lost phone/ }).click();
  // Still unlocked from before: no PIN is asked.
  await chooseCard(page, DEMO.oldReader);
  await expect(page.getByRole('alert')).toContainText('cannot be reached');
  await expect(owned.getByRole('status')).toContainText(
    `Could not check whether this card owns the shared wallet ${short(far)} on Second chain.`,
  );
  await expect(owned.getByRole('article')).toHaveCount(2);
  await expect(safeCard(shared)).toBeVisible();
  await checkpoint(page, 'restore-owned-safes-network-down');
  expectClean();
});
