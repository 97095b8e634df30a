// window.lifeboat.networks, .prices and app.openExplorer through the real dispatcher: nothing
// but a chosen server can be checked, and explorer links are built in main.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../main/services';

let dir: string;
let services: Services;
const opened: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-networks-'));
  services = await createServices({
    dataDir: dir,
    shell: 'harness',
    version: '0.0.0',
    openExternal: async (url) => {
      opened.push(url);
    },
  });
});

afterAll(async () => {
  await services.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = (channel: string, payload?: unknown) =>
  services.dispatcher.dispatch(`lifeboat:${channel}`, payload);

describe('networks', () => {
  it('lists the presets with their public servers and tokens', async () => {
    const result = await call('networks.presets');
    expect(result).toMatchObject({ ok: true });
    const presets = result.ok
      ? (result.value as { id: string; endpoints: unknown[]; tokens: unknown[] }[])
      : [];
    expect(presets.find((p) => p.id === 'ethereum')).toMatchObject({
      endpoints: expect.arrayContaining([
        expect.objectContaining({ url: 'https://ethereum-rpc.publicnode.com' }),
      ]),
      tokens: expect.arrayContaining([expect.objectContaining({ symbol: 'USDC' })]),
    });
  });

  it('checks only a listed or saved server', async () => {
    expect(
      await call('networks.check', { networkId: 'ethereum', url: 'http://127.0.0.1:9/' }),
    ).toMatchObject({ ok: false, error: { code: 'endpoint-not-chosen' } });
    expect(
      await call('networks.check', { networkId: 'nowhere', url: 'https://x.example/' }),
    ).toMatchObject({ ok: false, error: { code: 'network-not-configured' } });
  });

  it('answers prices of a network that is not set up without contacting anything', async () => {
    expect(
      await call('prices.read', { assets: [{ networkId: 'ethereum', asset: 'native' }] }),
    ).toEqual({
      ok: true,
      value: [{ networkId: 'ethereum', asset: 'native', state: 'unreachable' }],
    });
  });
});

describe('app.openExplorer', () => {
  it('opens a link built from the network’s explorer', async () => {
    const address = '0x52908400098527886E0F7030069857D2E4169EE7';
    expect(
      await call('app.openExplorer', {
        networkId: 'ethereum',
        kind: 'address',
        value: address.toLowerCase(),
      }),
    ).toEqual({ ok: true, value: null });
    expect(opened).toEqual([`https://etherscan.io/address/${address}`]);
    expect(
      await call('app.openExplorer', {
        networkId: 'ethereum',
        kind: 'tx',
        value: 'javascript:alert(1)',
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
