// The console from the keyboard alone, with the focus always visible, and axe-core on the
// screens the journeys do not pass through: settings, a recovery phrase, remembering a
// wallet, and a card reset without its PIN.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, startDemo, type Demo } from '../../scripts/demo';
import { checkpoint, chooseCard, openConsole, shownAddress } from './console-steps';

let demo: Demo;

test.beforeEach(async () => {
  demo = await startDemo({ console: 'harness' });
});

test.afterEach(async () => {
  await demo?.stop();
});

/** Presses Tab until the focused control's name matches, and checks its focus is visible. */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return null;
      const style = getComputedStyle(element);
      return {
        name: element.getAttribute('aria-label') ?? element.innerText,
        outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    if (!focused) continue;
    const matches =
      typeof name === 'string' ? focused.name.trim() === name : name.test(focused.name);
    if (matches) {
      expect(focused.outlined).toBe(true);
      return;
    }
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

test('the restore job from the keyboard alone, with the focus always visible', async ({ page }) => {
  const expectClean = await openConsole(page, demo.url!);
  await tabTo(page, /^Restore after a lost phone/);
  await page.keyboard.press('Enter');
  await tabTo(page, `Use this card in ${DEMO.oldReader}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Is the card genuine?' })).toBeVisible();
  await tabTo(page, 'Continue');
  await page.keyboard.press('Enter');
  // The PIN pad puts the focus in its field, so the PIN is typed straight away.
  await expect(page.getByLabel('PIN (6 digits)')).toBeFocused();
  await page.keyboard.type('000000');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: 'Wrong PIN. 2 tries left.' }),
  ).toBeVisible();
  await expect(page.getByLabel('PIN (6 digits)')).toBeFocused();
  await expect(page.getByLabel('PIN (6 digits)')).toHaveValue('');
  await page.keyboard.type(DEMO.pin);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your accounts', exact: true })).toBeVisible();
  await tabTo(page, 'Move everything to a new card');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'The new card', exact: true })).toBeVisible();
  await checkpoint(page, 'keyboard-sweep-new-card');
  expectClean();
});

test('settings, a recovery phrase, remembering a wallet and a reset without the PIN', async ({
  page,
}) => {
  const expectClean = await openConsole(page, demo.url!);

  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('group', { name: 'Local demo chain (chain 31337)' })).toBeVisible();
  await expect(page.getByLabel('RPC addresses for Local demo chain')).toHaveValue(demo.node.url);
  await checkpoint(page, 'settings');
  // The secp256k1 generator: a valid point that issued no card.
  const key = '0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798';
  await page.getByLabel('Issuer public key (66 hexadecimal characters)').fill(key);
  await page.getByRole('button', { name: 'Trust this key' }).click();
  await page.getByLabel('Unused addresses before a search stops').fill('7');
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The settings were saved.' }),
  ).toBeVisible();
  const saved = await page.evaluate(() => window.lifeboat.settings.get());
  expect(saved).toMatchObject({ ok: true, value: { preferences: { gapLimit: 7 } } });
  expect(saved.ok && saved.value.trustedCaKeys).toContain(key);

  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await page.getByRole('button', { name: /Rebuild from Shamir shares/ }).click();
  await page.getByRole('button', { name: /A recovery phrase \(BIP-39\)/ }).click();
  await page.getByLabel('Recovery phrase').fill(DEMO.mnemonic);
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'The phrase is complete and its checksum is correct.' }),
  ).toBeVisible();
  await checkpoint(page, 'phrase-entry');
  await page.getByRole('button', { name: 'Open the wallet' }).click();
  await expect(page.getByRole('heading', { name: 'The wallet is rebuilt' })).toBeVisible();
  expect(await shownAddress(page)).toBe(demo.accounts[0]);

  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await page.getByRole('button', { name: /Check a backup/ }).click();
  await expect(page.getByText('No wallet is remembered yet.')).toBeVisible();
  await checkpoint(page, 'drill-empty');
  await page.getByRole('button', { name: /^The rebuilt wallet 0x/ }).click();
  await page.getByLabel('A name for this wallet').fill('Demo wallet');
  await page.getByRole('button', { name: 'Remember this wallet' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Demo wallet' })).toContainText(
    'Not checked yet. Check each of its backups now',
  );
  await checkpoint(page, 'drill-remembered');

  await page.getByRole('navigation').getByRole('button', { name: 'Card tools' }).click();
  await chooseCard(page, DEMO.oldReader);
  await page.getByRole('button', { name: 'Continue without the PIN (factory reset only)' }).click();
  const erase = page.getByRole('button', { name: 'Erase the card' });
  await expect(erase).toBeDisabled();
  await page.getByLabel('To confirm, type FACTORY RESET').fill('factory reset');
  await expect(erase).toBeDisabled();
  await page.getByLabel('To confirm, type FACTORY RESET').fill('FACTORY RESET');
  await checkpoint(page, 'tools-factory-reset');
  await erase.click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The card was reset. It is blank now.' }),
  ).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: DEMO.oldReader })).toContainText(
    'Blank: not set up yet',
  );
  expectClean();
});
