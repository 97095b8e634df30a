// `npm run demo -- --open`: Chromium gets the console without the token on any command
// line (every user of the machine can read /proc/PID/cmdline), and the page connects.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { startDemo, type Demo } from '../../scripts/demo';

let demo: Demo | undefined;

test.afterAll(async () => {
  await demo?.stop();
});

/** The process and all its descendants, from /proc. */
function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 4th field, after the command name in parentheses.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) {
    for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

test('opens Chromium on the console with the token on no command line', async () => {
  demo = await startDemo({ console: 'harness', open: true, openHeadless: true });
  const token = new URL(demo.url!).hash.slice('#token='.length);
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const browser = demo.browser!;
  // The page reached the harness with the token: it was handed over.
  await expect(browser.connected).resolves.toBeUndefined();

  const commandLines = processTree(browser.pid!).flatMap((pid) => {
    try {
      return [fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')];
    } catch {
      return [];
    }
  });
  expect(commandLines.length).toBeGreaterThan(1);
  expect(commandLines[0]).toMatch(/open-lifeboat\.html/);
  for (const line of commandLines) expect(line).not.toContain(token);
  // And the page that carried it is gone from disk.
  const opener = /file:\/\/(\S+open-lifeboat\.html)/.exec(commandLines[0]!)![1]!;
  await expect.poll(() => fs.existsSync(opener)).toBe(false);
});
