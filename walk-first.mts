import { chromium } from '@playwright/test';
import { startDemo } from '/work/wt/firstrun/scripts/demo';
const demo = await startDemo({ console: 'harness', fresh: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  page.on('console', (m) => console.log('console:', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(demo.url!);
  await page.getByRole('heading', { level: 1 }).waitFor();
  console.log('h1:', await page.getByRole('heading', { level: 1 }).innerText());
  await page.screenshot({ path: '/tmp/walk/01-first-run.png', fullPage: false });
  await page.getByLabel('I use Ethereum', { exact: true }).check();
  await page.screenshot({ path: '/tmp/walk/02-ethereum-open.png', fullPage: false });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/walk/03-dark.png', fullPage: false });
} finally {
  await browser.close();
  await demo.stop();
}
