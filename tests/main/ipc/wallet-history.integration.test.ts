// discovery.history through the real buildApi and services against a real local chain: a
// wallet with funds, one with only a past transaction, and the empty wallet a wrong
// passphrase opens are told apart, with the drill record of a remembered wallet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { computeAddress, parseEther } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryProgress, LifeboatApi, Result } from '../../../preload/api';
import { buildApi } from '../../../preload/build-api';
import { createServices, type Services } from '../../../main/services';
import { defaultSettings } from '../../../main/settings';
import { EvmNode } from '../../support/evm-node';
import { memoryIpc, type MemoryIpc } from './memory-ipc';

const FUNDED =
  'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will';
const SPENT = 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above';

let node: EvmNode;
let dir: string;
let services: Services;
let ipc: MemoryIpc;
let api: LifeboatApi;

function firstAddress(mnemonic: string, passphrase = ''): string {
  const key = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic, passphrase));
  return computeAddress(
    `0x${Buffer.from(key.derive("m/44'/60'/0'/0/0").publicKey!).toString('hex')}`,
  );
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

beforeAll(async () => {
  node = await EvmNode.start({ chainId: 31337 });
  await node.fund(firstAddress(FUNDED), parseEther('1'));
  // A wallet that was used and emptied: a nonce, no balance.
  await node.request('hardhat_setNonce', [firstAddress(SPENT), '0x3']);

  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-history-'));
  services = await createServices({ dataDir: dir, shell: 'harness', version: '0.0.0' });
  ipc = memoryIpc(services.dispatcher, services.events);
  api = buildApi(ipc);
  const settings = defaultSettings([]);
  value(
    await api.settings.save({
      ...settings,
      networks: [
        {
          id: 'local',
          name: 'Local chain',
          chainId: node.chainId,
          nativeSymbol: 'ETH',
          decimals: 18,
          rpcUrls: [node.url],
          feeModel: 'eip1559',
          enabled: true,
        },
        ...settings.networks,
      ],
      preferences: { schemes: ['bip44'], gapLimit: 2 },
    }),
  );
});

afterAll(async () => {
  ipc?.close();
  await services?.stop();
  await node?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('discovery.history', () => {
  it('tells the empty wallet of a wrong passphrase from the used one, without retyping', async () => {
    const progress: DiscoveryProgress[] = [];
    const stop = api.discovery.watch((event) => progress.push(event));
    const wrong = value(await api.secrets.enterPhrase({ phrase: FUNDED, passphrase: 'oops' }));
    const source = { kind: 'secret', secretId: wrong.secretId } as const;
    const unused = value(await api.discovery.history({ source }));
    expect(unused.used).toBe(false);
    expect(unused.discovery.accounts).toEqual([]);
    expect(unused.discovery.scanned).toMatchObject({ networkIds: ['local'], addresses: 2 });
    expect(unused.remembered).toBeUndefined();
    expect(progress.length).toBeGreaterThan(0);
    expect(
      progress.every((p) => p.source.kind === 'secret' && p.source.secretId === wrong.secretId),
    ).toBe(true);
    stop();

    const right = value(await api.secrets.reopen({ secretId: wrong.secretId, passphrase: '' }));
    expect(right.addresses[0]).toBe(firstAddress(FUNDED));
    expect(
      await api.secrets.accounts({ secretId: wrong.secretId, scheme: 'bip44', start: 0, count: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'secret-not-found' },
    });
    const used = value(
      await api.discovery.history({ source: { kind: 'secret', secretId: right.secretId } }),
    );
    expect(used.used).toBe(true);
    expect(used.discovery.accounts.map((a) => a.address)).toEqual([firstAddress(FUNDED)]);
    expect(used.discovery.accounts[0]!.balances[0]!.assets[0]).toMatchObject({
      asset: 'native',
      balance: parseEther('1').toString(),
    });
  });

  it('counts a past transaction as history, and names the remembered wallet', async () => {
    const spent = value(await api.secrets.enterPhrase({ phrase: SPENT, passphrase: '' }));
    const source = { kind: 'secret', secretId: spent.secretId } as const;
    const wallet = value(await api.drills.remember({ label: 'Old savings', source }));
    value(await api.drills.check({ walletId: wallet.walletId, source }));

    const history = value(await api.discovery.history({ source }));
    expect(history.used).toBe(true);
    expect(history.discovery.accounts[0]!.balances[0]).toMatchObject({ nonce: 3 });
    expect(history.remembered).toMatchObject({
      walletId: wallet.walletId,
      label: 'Old savings',
      results: [{ passed: true, method: 'bip39' }],
    });
  });

  it('answers a secret that is gone with a typed error', async () => {
    expect(
      await api.discovery.history({ source: { kind: 'secret', secretId: 'gone' } }),
    ).toMatchObject({ ok: false, error: { code: 'secret-not-found' } });
  });
});
