// Shared steps of the console journeys: open the demo's console, take a screenshot and run
// axe-core at every step, and the card interactions every journey repeats. The journeys
// themselves live in the *.e2e.ts files beside this one.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { formatUnits } from 'ethers';

export const SCREENSHOTS = 'test-results/screenshots';

/** The secrets a journey gives a blank card. Test values only. */
export const NEW_CARD = Object.freeze({
  pin: '654321',
  puk: '210987654321',
  pairingPassword: 'new card pairing',
});

const AXE_SOURCE = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core on the page as it is. Evaluated through the DevTools protocol, which the
 * page's strict CSP does not govern, so the console keeps its real CSP during the test.
 */
export async function expectAccessible(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run();
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((n) => n.target),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious).toEqual([]);
}

/** A screenshot of the step for the record (and the README), then the accessibility check. */
export async function checkpoint(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await expectAccessible(page);
}

/**
 * Opens the console and records what would show a broken page: script errors and anything
 * the Content Security Policy refused (an inline style, say). `expectClean` checks them.
 */
export async function openConsole(page: Page, url: string): Promise<() => void> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Recovery console' })).toBeVisible();
  return () => expect(problems).toEqual([]);
}

/** From "Choose the card" to the PIN pad: pick the reader, see the attestation, go on. */
export async function chooseCard(page: Page, reader: string, verdict = /^Genuine/): Promise<void> {
  await page.getByRole('button', { name: `Use this card in ${reader}` }).click();
  await expect(page.getByRole('heading', { name: 'Is the card genuine?' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: verdict })).toBeVisible();
  await page.getByRole('button', { name: /^Continue/ }).click();
}

/** Types the PIN and unlocks; the PIN pad must be showing. */
export async function enterPin(page: Page, pin: string): Promise<void> {
  await page.getByLabel('PIN (6 digits)').fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** Sets up a blank card with NEW_CARD's secrets; the set-up form must be showing. */
export async function setUpBlankCard(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Set up the card', level: 2 })).toBeVisible();
  await page.getByLabel('PIN (6 digits)').fill(NEW_CARD.pin);
  await page.getByLabel('PIN again').fill(NEW_CARD.pin);
  await page.getByLabel('PUK (12 digits)').fill(NEW_CARD.puk);
  await page.getByLabel('PUK again').fill(NEW_CARD.puk);
  await page.getByLabel('Pairing password', { exact: true }).fill(NEW_CARD.pairingPassword);
  await page.getByLabel('Pairing password again').fill(NEW_CARD.pairingPassword);
}

/**
 * At "Create the new wallet on the card": the console says first that such a key has no
 * backup; this takes that way deliberately, with the acknowledgement it asks for.
 */
export async function createKeyWithoutBackup(page: Page): Promise<void> {
  await expect(
    page.getByRole('heading', { name: 'Create the new wallet on the card' }),
  ).toBeVisible();
  await expect(
    page.getByText('A key created on the card has no backup', { exact: true }),
  ).toBeVisible();
  const create = page.getByRole('button', { name: 'Create the key on the card, without a backup' });
  await expect(create).toBeDisabled();
  await page.getByLabel(/I understand that a key created on the card has no backup/).check();
  await create.click();
}

/** The first address shown in groups, read back whole as a screen reader gets it. */
export async function shownAddress(page: Page): Promise<string> {
  return page.locator('main .address-groups .visually-hidden').first().innerText();
}

/** An amount as the console writes it: every digit, no trailing ".0". */
export function plainAmount(value: bigint, decimals: number): string {
  return formatUnits(value, decimals).replace(/\.0$/, '');
}
