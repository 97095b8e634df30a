// The first run, from a fresh data folder: the console asks which networks to use before
// anything else, offers each network's public servers to tick, and contacts nothing — not
// from the page, not from main — until the person ticks one; then only that one, which it
// checks. The choice is saved, and the next start goes straight to the console.
import { expect, test } from '@playwright/test';
import { startDemo, type Demo } from '../../scripts/demo';
import { EvmNode } from '../support/evm-node';
import { recordOutgoing, type OutgoingRecorder } from '../support/outgoing-requests';
import { RpcProxy } from '../support/rpc-proxy';
import { checkpoint } from './console-steps';

// The second test starts from the choice the first one saved.
test.describe.configure({ mode: 'serial' });

let demo: Demo;
let node: EvmNode;
let first: RpcProxy;
let second: RpcProxy;
let outgoing: OutgoingRecorder;

test.beforeAll(async () => {
  // A local chain standing in for Ethereum (chain 1), behind two recording servers that the
  // console offers as Ethereum's public servers.
  node = await EvmNode.start({ chainId: 1 });
  first = await RpcProxy.start(node.url);
  second = await RpcProxy.start(node.url);
  demo = await startDemo({
    console: 'harness',
    fresh: true,
    publicEndpoints: {
      ethereum: [
        { provider: 'First test server', url: first.url, source: 'this test', tracking: 'none' },
        {
          provider: 'Second test server',
          url: second.url,
          source: 'this test',
          tracking: 'unstated',
        },
      ],
    },
  });
  outgoing = recordOutgoing();
});

test.afterAll(async () => {
  outgoing?.stop();
  await demo?.stop();
  await Promise.all([first?.stop(), second?.stop()]);
  await node?.stop();
});

test('a fresh profile chooses its networks, and nothing is contacted before a server is ticked', async ({
  page,
}) => {
  const harness = new URL(demo.url!).origin;
  const fromPage: string[] = [];
  page.on('request', (request) => fromPage.push(request.url()));

  await page.goto(demo.url!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Which networks do you use?');
  await checkpoint(page, 'first-run-networks');

  await page.getByLabel('I use Ethereum', { exact: true }).check();
  const firstBox = page.getByRole('checkbox', { name: first.url });
  const secondBox = page.getByRole('checkbox', { name: second.url });
  await expect(firstBox).not.toBeChecked();
  await expect(secondBox).not.toBeChecked();
  await expect(page.getByText('First test server, says it keeps no logs')).toBeVisible();
  // Everything so far: the page talked to the harness only, and main to nobody.
  expect(fromPage.every((url) => url.startsWith(`${harness}/`))).toBe(true);
  expect(outgoing.urls).toEqual([]);
  expect([...first.methods, ...second.methods]).toEqual([]);

  await firstBox.check();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /^Serves Ethereum; round trip \d+ ms; newest block #\d+/ }),
  ).toBeVisible();
  await checkpoint(page, 'first-run-checked');
  expect(first.methods).toEqual(expect.arrayContaining(['eth_chainId', 'eth_getBlockByNumber']));
  expect(second.methods).toEqual([]);
  // The stand-in servers pass each call on to the node from this same process; the node's
  // own address is set up nowhere in the profile, so what is left is what main sent.
  const fromMain = outgoing.urls.filter((url) => !url.startsWith(node.url));
  expect(fromMain.length).toBeGreaterThan(0);
  expect(fromMain.filter((url) => !url.startsWith(first.url))).toEqual([]);

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recovery console' })).toBeVisible();
  const saved = await page.evaluate(() => window.lifeboat.settings.get());
  expect(saved.ok && saved.value.preferences.networksChosen).toBe(true);
  expect(saved.ok && saved.value.networks.find((n) => n.id === 'ethereum')).toMatchObject({
    enabled: true,
    rpcUrls: [first.url],
  });
  expect(second.methods).toEqual([]);
  expect(fromPage.every((url) => url.startsWith(`${harness}/`))).toBe(true);

  // The next start is not a first run.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Recovery console' })).toBeVisible();
});

test('a server that serves another chain is named as such; unticking forgets it', async ({
  page,
}) => {
  second.fault = { kind: 'lie-chain-id', chainId: 5 };
  await page.goto(demo.url!);
  await page.getByRole('navigation').getByRole('button', { name: 'Networks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Networks' })).toBeVisible();
  await page.getByRole('checkbox', { name: second.url }).check();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Serves chain 5, not Ethereum: Lifeboat will refuse it.' }),
  ).toBeVisible();
  // The summary does not count the lying server as one in use.
  await expect(
    page.getByRole('status').filter({
      hasText: 'Saved: 2 servers, but 1 of them did not pass the check.',
    }),
  ).toBeVisible();
  await page.getByRole('checkbox', { name: second.url }).uncheck();
  await page.getByRole('checkbox', { name: first.url }).uncheck();
  const saved = await page.evaluate(() => window.lifeboat.settings.get());
  expect(saved.ok && saved.value.networks.find((n) => n.id === 'ethereum')).toMatchObject({
    enabled: false,
    rpcUrls: [],
  });
});
