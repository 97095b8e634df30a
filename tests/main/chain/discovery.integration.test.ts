// Discovery over three real local networks at once: the gap limit, every kind of "used",
// several schemes, Multicall3 where it is deployed and plain JSON-RPC batches where it is not,
// and the number of HTTP round trips each network sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { computeAddress, getAddress, hexlify, randomBytes } from 'ethers';
import { ChainConnection } from '../../../main/chain/connection';
import { discover, type DiscoveryProgressEvent } from '../../../main/chain/discovery';
import { customNetwork } from '../../../main/chain/networks';
import { seedAccess } from '../../../main/sources/seed-source';
import type { Token } from '../../../main/chain/tokens';
import { EvmNode, toQuantity } from '../../support/evm-node';
import { testWallet } from '../../support/test-wallet';

const GAP = 4;
const wallet = testWallet();
const legacyAddress = (i: number) =>
  computeAddress(hexlify(HDKey.fromMasterSeed(wallet.seed).derive(`m/44'/60'/0'/${i}`).publicKey!));

let a: EvmNode;
let b: EvmNode;
let c: EvmNode;
let tokenB: Token;
const notAToken = getAddress(hexlify(randomBytes(20)));

beforeAll(async () => {
  a = await EvmNode.start({ chainId: 7001 });
  b = await EvmNode.start({ chainId: 7002, multicall: false });
  c = await EvmNode.start({ chainId: 7003 });
  tokenB = { address: await b.deployToken('TKB', 6), symbol: 'TKB', decimals: 6 };
  // bip44 #0 only ever sent a transaction (nonce 1, nothing left) on A.
  await a.request('hardhat_setNonce', [wallet.address(0), toQuantity(1n)]);
  // bip44 #2 holds only a token, on B (the network without Multicall3).
  await b.mintToken(tokenB.address, wallet.address(2), 5n);
  // bip44 #6 holds only the native coin, on C: 3 unused addresses before it, under the gap.
  await c.fund(wallet.address(6), 1n);
  // bip44 #11 is 4 unused addresses after #6: at the gap limit, so never reached.
  await a.fund(wallet.address(11), 10n ** 18n);
  // legacy #1 holds the native coin on C.
  await c.fund(legacyAddress(1), 7n);
});

afterAll(async () => {
  for (const node of [a, b, c]) await node?.stop();
});

describe('discovery across three networks', () => {
  it('finds every used account up to the gap limit, in as many round trips as rounds', async () => {
    const connections = await Promise.all(
      [a, b, c].map((n) =>
        ChainConnection.open(customNetwork({ chainId: n.chainId, rpcUrls: [n.url] })),
      ),
    );
    expect(connections.map((x) => x.multicall)).toEqual([true, false, true]);
    for (const n of [a, b, c]) n.resetTraffic();
    const progress: DiscoveryProgressEvent[] = [];
    const result = await discover(
      {
        source: seedAccess((fn) => fn(wallet.seed)).addressSource,
        networks: connections.map((connection) => ({
          connection,
          tokens:
            connection.network.chainId === 7002
              ? [tokenB]
              : [tokenB, { ...tokenB, address: notAToken }],
        })),
        schemes: ['bip44', 'legacy'],
        gapLimit: GAP,
      },
      (p) => progress.push(p),
    );
    for (const x of connections) x.close();

    expect(result.accounts.map((x) => [x.scheme, x.index, x.address])).toEqual([
      ['bip44', 0, wallet.address(0)],
      ['bip44', 2, wallet.address(2)],
      ['bip44', 6, wallet.address(6)],
      ['legacy', 1, legacyAddress(1)],
    ]);
    const byIndex = (i: number) => result.accounts.find((x) => x.address === wallet.address(i))!;
    expect(byIndex(0).networks.map((n) => [n.networkId, n.nonce, n.native])).toEqual([
      ['chain-7001', 1, 0n],
      ['chain-7002', 0, 0n],
      ['chain-7003', 0, 0n],
    ]);
    expect(byIndex(2).networks[1]!.tokens.map((t) => t.balance)).toEqual([5n]);
    expect(byIndex(6).networks[2]!.native).toBe(1n);

    // bip44 scanned 0..10 (#6 used, then 4 unused), legacy 0..5 (#1 used, then 4 unused).
    expect(result.scanned.indices).toEqual({ bip44: 11, legacy: 6 });
    expect(result.scanned.addresses).toBe(17);
    expect(result.rounds).toBe(3);
    expect(result.unreadableTokens['chain-7001']).toEqual([tokenB.address, notAToken]);
    // One JSON-RPC batch per network per round, whatever the number of addresses and tokens.
    expect([a, b, c].map((n) => n.traffic.httpRequests)).toEqual([3, 3, 3]);
    expect(a.traffic.byMethod.eth_getBalance).toBeUndefined();
    expect(b.traffic.byMethod.eth_getBalance).toBe(17);

    const last = (scheme: string, networkId: string) =>
      progress.filter((p) => p.scheme === scheme && p.networkId === networkId).at(-1);
    expect(last('bip44', 'chain-7003')).toEqual({
      scheme: 'bip44',
      networkId: 'chain-7003',
      scanned: 11,
      found: 1,
    });
    expect(last('legacy', 'chain-7003')?.found).toBe(1);
  });
});
