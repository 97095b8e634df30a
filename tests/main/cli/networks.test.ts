// `lifeboat networks`: listing contacts nothing, and a check contacts exactly the servers the
// person named, reporting the chain each serves.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NETWORK_PRESETS } from '../../../main/chain/networks';
import { publicEndpoints } from '../../../main/chain/public-endpoints';
import { defaultSettings } from '../../../main/settings';
import { runCli } from './cli-harness';

/** A JSON-RPC server on 127.0.0.1 serving `chainId`, recording every method it is asked. */
async function chainServer(chainId: number) {
  const methods: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const calls = [JSON.parse(body) as { id: number; method: string }].flat();
      methods.push(...calls.map((c) => c.method));
      const now = `0x${Math.floor(Date.now() / 1000).toString(16)}`;
      const answer = (c: { id: number; method: string }) => ({
        jsonrpc: '2.0',
        id: c.id,
        result:
          c.method === 'eth_chainId'
            ? `0x${chainId.toString(16)}`
            : { number: '0x2a', timestamp: now, hash: `0x${'1'.repeat(64)}` },
      });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(
          calls.length === 1 && !body.startsWith('[') ? answer(calls[0]!) : calls.map(answer),
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    methods,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let dir: string;
let mainnet: Awaited<ReturnType<typeof chainServer>>;
let other: Awaited<ReturnType<typeof chainServer>>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cli-networks-'));
  mainnet = await chainServer(1);
  other = await chainServer(5);
  const settings = defaultSettings();
  settings.networks = settings.networks.map((n) =>
    n.id === 'ethereum' ? { ...n, rpcUrls: [mainnet.url, other.url], enabled: true } : n,
  );
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ version: 1, settings }));
});

afterAll(async () => {
  await Promise.all([mainnet.close(), other.close()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('lifeboat networks list', () => {
  it('lists every preset with its numbered public servers and where each comes from', async () => {
    const run = await runCli(['networks', 'list', '--data-dir', dir], '');
    expect(run.code).toBe(0);
    for (const preset of NETWORK_PRESETS) {
      expect(run.stdout).toContain(`${preset.name} — ${preset.id}, chain ${preset.chainId}`);
      publicEndpoints(preset.id).forEach((e, i) => {
        expect(run.stdout).toContain(`${i + 1}. ${e.url}`);
      });
    }
    expect(run.stdout).toContain(`Set up here (on): ${mainnet.url}, ${other.url}`);
    expect(run.stdout).toContain(
      `Networks set up here are read from ${path.join(dir, 'settings.json')}.`,
    );
    // Without settings there, the list says where it looked, and where the console keeps its own.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cli-empty-'));
    const empty = await runCli(['networks', 'list', '--data-dir', elsewhere], '');
    expect(empty.stdout).toContain(
      `There is no settings file at ${path.join(elsewhere, 'settings.json')}. The console keeps its settings in its own folder`,
    );
    fs.rmSync(elsewhere, { recursive: true, force: true });
    expect(mainnet.methods).toEqual([]);
    const json = JSON.parse((await runCli(['networks', 'list', '--json'], '')).stdout) as {
      networks: { id: string; endpoints: { url: string; source: string }[] }[];
    };
    expect(json.networks.map((n) => n.id)).toEqual(NETWORK_PRESETS.map((p) => p.id));
  });
});

describe('lifeboat networks check', () => {
  it('contacts nothing until servers are named', async () => {
    const run = await runCli(['networks', 'check', 'ethereum', '--data-dir', dir], '');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Choose the servers to check for Ethereum');
    expect(mainnet.methods).toEqual([]);
  });

  it('checks the named servers only, and fails when one serves another chain', async () => {
    const good = await runCli(
      ['networks', 'check', 'ethereum', '--rpc', mainnet.url, '--json'],
      '',
    );
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({
      network: 'ethereum',
      servers: [{ url: mainnet.url, health: { chainId: 1, chainMatches: true, latestBlock: 42 } }],
    });
    expect(other.methods).toEqual([]);

    const both = await runCli(['networks', 'check', '1', '--configured', '--data-dir', dir], '');
    expect(both.code).toBe(1);
    expect(both.stdout).toContain('chain 1, as expected');
    expect(both.stdout).toContain('serves chain 5, not 1: do not use it for Ethereum');
  });

  it('says what is wrong with a bad choice', async () => {
    const number = await runCli(['networks', 'check', 'ethereum', '--endpoint', '9'], '');
    expect(number).toMatchObject({ code: 2 });
    expect(number.stderr).toContain('--endpoint takes a number from 1 to 3');
    const name = await runCli(['networks', 'check', 'nowhere', '--rpc', mainnet.url], '');
    expect(name.stderr).toContain('Lifeboat does not know a network "nowhere"');
    const url = await runCli(['networks', 'check', 'ethereum', '--rpc', 'ftp://x'], '');
    expect(url.stderr).toContain('is not an address starting with http:// or https://');
    const none = await runCli(['networks', 'check', 'base', '--configured', '--data-dir', dir], '');
    expect(none.stderr).toContain(
      `No RPC server is set up for Base in ${path.join(dir, 'settings.json')}`,
    );
    // A server written after the network, as a stranger first tries it: the answer says how
    // to name it, and nothing is contacted.
    const asked = mainnet.methods.length;
    const bare = await runCli(['networks', 'check', 'ethereum', mainnet.url], '');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain(
      `Name servers with an option: lifeboat networks check ethereum --rpc ${mainnet.url}`,
    );
    expect(bare.stderr).not.toContain('Name one network to check.');
    expect(mainnet.methods).toHaveLength(asked);
    const dead = await runCli(['networks', 'check', '31337', '--rpc', 'http://127.0.0.1:1'], '');
    expect(dead.code).toBe(1);
    expect(dead.stdout).toContain('cannot be used: The network’s RPC server cannot be reached.');
  });
});
