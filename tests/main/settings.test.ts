import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../preload/api';
import { NETWORK_PRESETS } from '../../main/chain/networks';
import { SettingsStore, defaultSettings, parseSettings } from '../../main/settings';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-settings-'));
  file = path.join(dir, 'settings.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function withLocalNode(base: Settings = defaultSettings()): Settings {
  return {
    ...base,
    networks: [
      ...base.networks,
      {
        id: 'local',
        name: 'Local test node',
        chainId: 31337,
        nativeSymbol: 'ETH',
        decimals: 18,
        rpcUrls: ['http://127.0.0.1:8545'],
        feeModel: 'eip1559',
        enabled: true,
      },
    ],
    tokens: [
      {
        networkId: 'local',
        address: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
        symbol: 'TST',
        decimals: 18,
      },
    ],
    trustedCaKeys: ['02' + 'AB'.repeat(32)],
  };
}

function expectInvalid(settings: unknown, field: string): void {
  expect(() => parseSettings(settings)).toThrow(
    expect.objectContaining({ code: 'invalid-input', details: { field } }),
  );
}

describe('default settings', () => {
  it('list every known network, switched off, with no RPC address chosen for the person', () => {
    const settings = defaultSettings();
    expect(settings.networks.map((n) => n.id)).toEqual(NETWORK_PRESETS.map((p) => p.id));
    for (const network of settings.networks) {
      expect(network.enabled).toBe(false);
      expect(network.rpcUrls).toEqual([]);
    }
    expect(settings.tokens).toEqual([]);
    expect(settings.preferences).toEqual({
      schemes: ['bip44', 'ledger-live', 'legacy'],
      gapLimit: 5,
    });
    expect(parseSettings(settings)).toEqual(settings);
  });
});

describe('SettingsStore', () => {
  it('starts from the defaults without writing anything', () => {
    const store = new SettingsStore(file, defaultSettings());
    expect(store.get()).toEqual(defaultSettings());
    expect(fs.existsSync(file)).toBe(false);
  });

  it('saves atomically, privately, and reads back what it saved', () => {
    const store = new SettingsStore(file, defaultSettings());
    const seen: Settings[] = [];
    store.onChange((s) => seen.push(s));
    const saved = store.save(withLocalNode());
    expect(saved.trustedCaKeys).toEqual(['02' + 'ab'.repeat(32)]);
    expect(seen).toEqual([saved]);
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: number };
    expect(onDisk).toEqual({ version: 1, settings: saved });
    expect(new SettingsStore(file, defaultSettings()).get()).toEqual(saved);
  });

  it('hands out copies, so callers cannot change the stored settings', () => {
    const store = new SettingsStore(file, defaultSettings());
    store.get().networks[0]!.rpcUrls.push('http://evil.example');
    expect(store.get().networks[0]!.rpcUrls).toEqual([]);
  });

  it('refuses invalid settings and leaves the file as it was', () => {
    const store = new SettingsStore(file, defaultSettings());
    const good = store.save(withLocalNode());
    const before = fs.readFileSync(file, 'utf8');
    const bad = withLocalNode();
    bad.networks[0]!.enabled = true;
    expect(() => store.save(bad)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(store.get()).toEqual(good);
  });

  it('keeps a damaged file aside and falls back to the defaults', () => {
    fs.writeFileSync(file, '{"version":1,"settings":{"networks":');
    const store = new SettingsStore(file, defaultSettings());
    expect(store.get()).toEqual(defaultSettings());
    expect(fs.readFileSync(`${file}.damaged`, 'utf8')).toBe('{"version":1,"settings":{"networks":');
    fs.writeFileSync(file, JSON.stringify({ version: 1, settings: { networks: 'all' } }));
    expect(new SettingsStore(file, defaultSettings()).get()).toEqual(defaultSettings());
  });
});

describe('settings validation', () => {
  it('needs an RPC address on every enabled network', () => {
    const settings = defaultSettings();
    settings.networks[0]!.enabled = true;
    expectInvalid(settings, 'networks.0.rpcUrls');
  });

  it('keeps a known network on its own chain id', () => {
    const settings = defaultSettings();
    settings.networks[0]!.chainId = 5;
    expectInvalid(settings, 'networks.0.chainId');
  });

  it('accepts only http(s) RPC and explorer addresses', () => {
    for (const url of ['ftp://node.example', 'file:///etc/passwd', 'javascript:alert(1)', 'x']) {
      const settings = withLocalNode();
      settings.networks.at(-1)!.rpcUrls = [url];
      expectInvalid(settings, `networks.${settings.networks.length - 1}.rpcUrls.0`);
    }
    const settings = withLocalNode();
    settings.networks.at(-1)!.explorer = 'javascript:alert(1)';
    expectInvalid(settings, `networks.${settings.networks.length - 1}.explorer`);
  });

  it('refuses duplicates and tokens of unknown networks', () => {
    const dup = withLocalNode();
    dup.networks.push({ ...dup.networks.at(-1)! });
    expectInvalid(dup, `networks.${dup.networks.length - 1}.id`);
    const orphan = withLocalNode();
    orphan.tokens[0]!.networkId = 'nowhere';
    expectInvalid(orphan, 'tokens.0');
    const keys = withLocalNode();
    keys.trustedCaKeys.push(keys.trustedCaKeys[0]!.toLowerCase());
    expectInvalid(keys, 'trustedCaKeys');
  });

  it('refuses a second network on a chain that is already set up, naming the first', () => {
    const settings = withLocalNode();
    const index = settings.networks.length;
    settings.networks.push({
      ...settings.networks.at(-1)!,
      id: 'local-again',
      name: 'Local again',
      rpcUrls: ['http://127.0.0.1:8546'],
    });
    expect(() => parseSettings(settings)).toThrow(
      expect.objectContaining({
        code: 'duplicate-chain-id',
        details: expect.objectContaining({
          field: `networks.${index}.chainId`,
          existing: 'local',
          chainId: 31337,
        }),
      }),
    );
    // The same chain id on a preset counts too, even while the preset is switched off.
    const preset = withLocalNode();
    preset.networks.at(-1)!.chainId = 1;
    expect(() => parseSettings(preset)).toThrow(
      expect.objectContaining({ code: 'duplicate-chain-id' }),
    );
  });

  it('refuses malformed CA keys, token addresses and unknown keys', () => {
    const ca = withLocalNode();
    ca.trustedCaKeys = ['04' + 'ab'.repeat(32)];
    expectInvalid(ca, 'trustedCaKeys.0');
    // Well-formed hex, but x = 5 has no point on secp256k1: every attestation would fail later.
    ca.trustedCaKeys = ['02' + '5'.padStart(64, '0')];
    expectInvalid(ca, 'trustedCaKeys.0');
    const token = withLocalNode();
    token.tokens[0]!.address = '0x1234';
    expectInvalid(token, 'tokens.0.address');
    expectInvalid({ ...withLocalNode(), theme: 'dark' }, '');
    const polluted = JSON.parse(
      JSON.stringify(withLocalNode()).replace('{', '{"__proto__":{"admin":true},'),
    ) as unknown;
    expectInvalid(polluted, '');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
