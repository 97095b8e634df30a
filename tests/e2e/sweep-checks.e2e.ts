// What the console refuses or says plainly before anything is signed: an empty wallet is an
// answer, a chain is set up once, a token is what its chain says, a payment to the zero
// address is refused, and the fee cap shown is the cap enforced — a rise above it pauses and
// asks for a higher cap, which every later signature respects.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { formatUnits, getAddress, hexlify, parseUnits, randomBytes } from 'ethers';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import {
  checkpoint,
  chooseCard,
  createKeyWithoutBackup,
  enterPin,
  openConsole,
  setUpBlankCard,
} from './console-steps';

/** A valid phrase (a BIP-39 test vector) whose wallet was never used on the demo chain. */
const EMPTY_PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo({ console: 'harness' });
});

test.afterAll(async () => {
  await demo?.stop();
});

function gwei(wei: bigint): string {
  return formatUnits(wei, 'gwei').replace(/\.0$/, '');
}

interface CaseFile {
  plan: { fees: { cap: string }[] };
  steps: { attempts: { maxFeePerGas: string }[] }[];
}

function onlyCase(): CaseFile {
  const root = path.join(demo.dataDir, 'cases');
  const [id] = fs.readdirSync(root);
  return JSON.parse(fs.readFileSync(path.join(root, id!, 'case.json'), 'utf8')) as CaseFile;
}

async function home(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
}

test('an empty wallet is told plainly, before any new card is asked for', async ({ page }) => {
  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('button', { name: /Rebuild from Shamir shares/ }).click();
  await page.getByRole('button', { name: /A recovery phrase \(BIP-39\)/ }).click();
  await page.getByLabel('Recovery phrase').fill(EMPTY_PHRASE);
  await page.getByRole('button', { name: 'Open the wallet' }).click();
  await expect(page.getByRole('heading', { name: 'The wallet is rebuilt' })).toBeVisible();

  await home(page);
  await page.getByRole('button', { name: /Move funds to a new card/ }).click();
  await page.getByRole('button', { name: /^The rebuilt wallet 0x/ }).click();
  await expect(page.getByRole('heading', { name: 'No funds found' })).toBeVisible();
  await expect(
    page.getByRole('status').filter({
      hasText:
        /^No funds were found on Local demo chain\. Lifeboat looked at \d+ addresses \(Standard \(BIP-44\), Ledger Live, Ledger legacy \(MEW\)\)/,
    }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The new card', exact: true })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await checkpoint(page, 'sweep-nothing-found');
  expectClean();
});

test('settings set a chain up once, and read a token from its chain', async ({ page }) => {
  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();

  const extraRpc = `${demo.node.url}/`;
  await page.getByText('Add a network').click();
  await page.getByLabel('Name', { exact: true }).fill('Local again');
  await page.getByLabel('Chain id').fill(String(DEMO.chainId));
  await page.getByLabel('RPC address', { exact: true }).fill(extraRpc);
  await page.getByRole('button', { name: 'Add the network' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Chain 31337 is already set up as “Local demo chain”.',
  );
  await expect(page.getByRole('group', { name: /^Local again/ })).toHaveCount(0);
  await checkpoint(page, 'settings-same-chain');
  await page
    .getByRole('button', { name: 'Add this RPC address to Local demo chain instead' })
    .click();
  await expect(page.getByLabel('RPC addresses for Local demo chain')).toHaveValue(
    `${demo.node.url}\n${extraRpc}`,
  );

  const tokenForm = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Tokens', exact: true }) });
  await tokenForm.getByLabel('Network').selectOption({ label: 'Local demo chain' });
  const nothing = getAddress(hexlify(randomBytes(20)));
  await tokenForm.getByLabel('Contract address').fill(nothing);
  await tokenForm.getByRole('button', { name: 'Read the token from the chain' }).click();
  await expect(tokenForm.getByRole('alert')).toContainText(
    `There is no contract at ${nothing} on Local demo chain.`,
  );
  await expect(tokenForm.getByRole('button', { name: /^Add / })).toHaveCount(0);

  const extra = await demo.node.deployToken('EXT', 8);
  await tokenForm.getByLabel('Contract address').fill(extra);
  await tokenForm.getByRole('button', { name: 'Read the token from the chain' }).click();
  await expect(
    tokenForm
      .getByRole('status')
      .filter({ hasText: 'Read from Local demo chain: EXT, 8 decimals.' }),
  ).toBeVisible();
  await checkpoint(page, 'settings-token-read');
  await tokenForm.getByRole('button', { name: 'Add EXT' }).click();
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The settings were saved.' }),
  ).toBeVisible();

  const saved = await page.evaluate(() => window.lifeboat.settings.get());
  expect(saved.ok).toBe(true);
  if (!saved.ok) return;
  expect(saved.value.networks.filter((n) => n.chainId === DEMO.chainId)).toEqual([
    expect.objectContaining({ id: DEMO.networkId, rpcUrls: [demo.node.url, extraRpc] }),
  ]);
  expect(saved.value.tokens).toContainEqual({
    networkId: DEMO.networkId,
    address: extra,
    symbol: 'EXT',
    decimals: 8,
  });
  expectClean();
});

test('a network the person added can be removed with its tokens; a known one only switched off', async ({
  page,
}) => {
  const expectClean = await openConsole(page, demo.url!);
  const before = await page.evaluate(() => window.lifeboat.settings.get());
  if (!before.ok) throw new Error('settings unreadable');
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  // Closed network panels hide their buttons: count them hidden or not.
  await expect(
    page.getByRole('button', { name: 'Remove Local demo chain', includeHidden: true }),
  ).toHaveCount(1);
  await expect(
    page.getByRole('button', { name: 'Remove Ethereum', includeHidden: true }),
  ).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove Local demo chain' }).click();
  await expect(page.getByLabel('RPC addresses for Local demo chain')).toHaveCount(0);
  await checkpoint(page, 'settings-network-removed');
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The settings were saved.' }),
  ).toBeVisible();
  const after = await page.evaluate(() => window.lifeboat.settings.get());
  expect(after.ok && after.value.networks.map((n) => n.id)).not.toContain(DEMO.networkId);
  expect(after.ok && after.value.tokens.filter((t) => t.networkId === DEMO.networkId)).toEqual([]);
  expect(after.ok && after.value.networks.map((n) => n.id)).toContain('ethereum');

  // The demo chain comes back for the journeys after this one.
  const restored = await page.evaluate((s) => window.lifeboat.settings.save(s), before.value);
  expect(restored.ok).toBe(true);
  expectClean();
});

test('no payment to the zero address; the fee cap shown is enforced, and a rise above it asks', async ({
  page,
}) => {
  const expectClean = await openConsole(page, demo.url!);
  await page.getByRole('button', { name: /Restore after a lost phone/ }).click();
  await chooseCard(page, DEMO.oldReader);
  await enterPin(page, DEMO.pin);
  await expect(page.getByRole('heading', { name: 'Your accounts', exact: true })).toBeVisible();

  const [first] = demo.accounts as [string];
  const nonce = await demo.node.nonce(first);
  await page.getByRole('button', { name: 'Send an amount' }).click();
  await page.getByLabel('Recipient address').fill('0x0000000000000000000000000000000000000000');
  await page.getByLabel(/^Amount/).fill('0.1');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('alert')).toContainText('is the zero address');
  await expect(page.getByRole('heading', { name: 'Check before sending' })).toHaveCount(0);
  await checkpoint(page, 'send-zero-refused');
  expect(await demo.node.nonce(first)).toBe(nonce);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Move everything to a new card' }).click();
  await chooseCard(page, DEMO.newReader);
  await setUpBlankCard(page);
  await page.getByRole('button', { name: 'Set up the card' }).click();
  await createKeyWithoutBackup(page);
  await page.getByRole('button', { name: 'Continue to the plan' }).click();
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();

  const capField = page.getByLabel('Fee cap (gwei per gas)');
  const shownCap = await capField.inputValue();
  expect(shownCap).not.toBe('');
  await expect(
    page.getByText(`Nothing is ever signed above the fee cap of ${shownCap} gwei per gas`),
  ).toBeVisible();
  await checkpoint(page, 'sweep-review-cap');

  // The network gets busy between the review and the signature: the fee now needed is above
  // the cap the person saw.
  const cap = parseUnits(shownCap, 'gwei');
  await demo.node.setNextBaseFee(cap);
  await demo.node.mine();

  await page.getByRole('button', { name: 'Continue to the confirmation' }).click();
  await page.getByLabel(/I compared this address/).check();
  await page.getByRole('button', { name: 'Sign and send 5 transactions' }).click();
  await expect(page.getByRole('heading', { name: 'Continue the sweep' })).toBeVisible({
    timeout: 60_000,
  });
  const enforced = BigInt(onlyCase().plan.fees[0]!.cap);
  expect(gwei(enforced)).toBe(shownCap);
  await expect(
    page.getByText(/^The network fee is now [\d.]+ gwei per gas, above your fee cap of/),
  ).toContainText(`above your fee cap of ${shownCap} gwei per gas`);
  expect(onlyCase().steps.every((s) => s.attempts.length === 0)).toBe(true);
  const newCap = page.getByLabel('Fee cap to continue with (gwei per gas)');
  const accepted = await newCap.inputValue();
  expect(parseUnits(accepted, 'gwei')).toBeGreaterThan(cap);
  await checkpoint(page, 'sweep-fee-rose');

  await chooseCard(page, DEMO.oldReader);
  await expect(page.getByRole('heading', { name: 'Report' })).toBeVisible({ timeout: 60_000 });
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Everything was moved: 0 is left on the old accounts.' }),
  ).toBeVisible();
  const done = onlyCase();
  const acceptedWei = BigInt(done.plan.fees[0]!.cap);
  expect(gwei(acceptedWei)).toBe(accepted);
  for (const step of done.steps) {
    for (const attempt of step.attempts) {
      expect(BigInt(attempt.maxFeePerGas) <= acceptedWei).toBe(true);
    }
  }
  for (const account of demo.accounts) expect(await demo.node.balance(account)).toBe(0n);
  expectClean();
});
