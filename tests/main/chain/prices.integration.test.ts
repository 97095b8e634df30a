// Prices from aggregator-shaped contracts of our own on the local node, read through the
// real RPC client: the decoding of latestRoundData and decimals, a stale feed, a feed that
// answers no price, an asset without a feed, and a network that is not set up. Also the
// health check of a server, which reports the chain it serves and how fresh it is.
import { getAddress, hexlify, randomBytes } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DECIMALS_CALL,
  LATEST_ROUND_DATA_CALL,
  MAX_AGE_SECONDS,
  decodeFeedDecimals,
  decodeLatestRoundData,
} from '../../../main/chain/chainlink';
import { checkEndpoint } from '../../../main/chain/endpoint-check';
import { readPrices } from '../../../main/chain/prices';
import type { PriceFeedBook } from '../../../main/chain/price-feeds';
import { localNetwork } from '../../support/chain-harness';
import { EvmNode } from '../../support/evm-node';
import { RpcProxy } from '../../support/rpc-proxy';

let node: EvmNode;
const now = () => Date.now();

async function feed(decimals: number, answer: bigint, updatedAt: number): Promise<string> {
  const address = await node.deploy('TestPriceFeed', [decimals, 'TEST / USD']);
  await node.transact('TestPriceFeed', address, 'setRound', [answer, BigInt(updatedAt)]);
  return address;
}

beforeAll(async () => {
  node = await EvmNode.start({ chainId: 31337 });
});

afterAll(async () => {
  await node?.stop();
});

describe('Chainlink decoding against a deployed aggregator', () => {
  it('reads latestRoundData and decimals as the contract reports them', async () => {
    const seconds = Math.floor(now() / 1000);
    const address = await feed(8, 312_345_678_901n, seconds - 30);
    const round = decodeLatestRoundData(
      await node.request<string>('eth_call', [
        { to: address, data: LATEST_ROUND_DATA_CALL },
        'latest',
      ]),
    );
    const decimals = decodeFeedDecimals(
      await node.request<string>('eth_call', [{ to: address, data: DECIMALS_CALL }, 'latest']),
    );
    const fromAbi = await node.read<bigint>('TestPriceFeed', address, 'latestRoundData', []);
    expect(round).toMatchObject({
      roundId: 1n,
      answer: 312_345_678_901n,
      updatedAt: BigInt(seconds - 30),
    });
    expect(round?.roundId).toBe(fromAbi);
    expect(decimals).toBe(8);
  });
});

describe('prices through the person’s own RPC server', () => {
  it('answers a price, a stale feed, a feed without a price and an asset without a feed', async () => {
    const seconds = Math.floor(now() / 1000);
    const token = getAddress(hexlify(randomBytes(20)));
    const stale = getAddress(hexlify(randomBytes(20)));
    const broken = getAddress(hexlify(randomBytes(20)));
    const unlisted = getAddress(hexlify(randomBytes(20)));
    const notAFeed = getAddress(hexlify(randomBytes(20)));
    const noCode = getAddress(hexlify(randomBytes(20)));
    const book: PriceFeedBook = {
      31337: [
        {
          asset: 'native',
          pair: 'ETH / USD',
          feed: await feed(8, 250_012_345_678n, seconds - 60),
          source: 'test',
        },
        {
          asset: token,
          pair: 'TOK / USD',
          feed: await feed(18, 10n ** 18n, seconds - 120),
          source: 'test',
        },
        {
          asset: stale,
          pair: 'OLD / USD',
          feed: await feed(8, 100_000_000n, seconds - MAX_AGE_SECONDS - 600),
          source: 'test',
        },
        { asset: broken, pair: 'NEG / USD', feed: await feed(8, -1n, seconds), source: 'test' },
        {
          asset: notAFeed,
          pair: 'NOT / USD',
          feed: await node.deployToken('NOT', 6),
          source: 'test',
        },
        {
          asset: noCode,
          pair: 'NIL / USD',
          feed: getAddress(hexlify(randomBytes(20))),
          source: 'test',
        },
      ],
    };
    const network = { ...localNetwork(31337, node.url), id: 'local' };
    const prices = await readPrices(
      [
        { networkId: 'local', asset: 'native' },
        { networkId: 'local', asset: token.toLowerCase() },
        { networkId: 'local', asset: stale },
        { networkId: 'local', asset: broken },
        { networkId: 'local', asset: unlisted },
        { networkId: 'local', asset: notAFeed },
        { networkId: 'local', asset: noCode },
        { networkId: 'elsewhere', asset: 'native' },
      ],
      { networks: [network], book, now },
    );
    expect(prices).toEqual([
      {
        networkId: 'local',
        asset: 'native',
        state: 'ok',
        usd: '2500.12345678',
        pair: 'ETH / USD',
        updatedAt: new Date((seconds - 60) * 1000).toISOString(),
      },
      {
        networkId: 'local',
        asset: token.toLowerCase(),
        state: 'ok',
        usd: '1',
        pair: 'TOK / USD',
        updatedAt: new Date((seconds - 120) * 1000).toISOString(),
      },
      {
        networkId: 'local',
        asset: stale,
        state: 'stale',
        pair: 'OLD / USD',
        updatedAt: new Date((seconds - MAX_AGE_SECONDS - 600) * 1000).toISOString(),
      },
      { networkId: 'local', asset: broken, state: 'missing' },
      { networkId: 'local', asset: unlisted, state: 'missing' },
      { networkId: 'local', asset: notAFeed, state: 'missing' },
      { networkId: 'local', asset: noCode, state: 'missing' },
      { networkId: 'elsewhere', asset: 'native', state: 'unreachable' },
    ]);
  });

  it('contacts nothing for assets without a feed, and says when the network does not answer', async () => {
    node.resetTraffic();
    const network = { ...localNetwork(31337, node.url), id: 'local' };
    const none = await readPrices([{ networkId: 'local', asset: 'native' }], {
      networks: [network],
      book: {},
    });
    expect(none).toEqual([{ networkId: 'local', asset: 'native', state: 'missing' }]);
    expect(node.traffic.httpRequests).toBe(0);

    const proxy = await RpcProxy.start(node.url);
    try {
      proxy.fault = { kind: 'die-on', method: 'eth_chainId', forward: false };
      const down = await readPrices([{ networkId: 'local', asset: 'native' }], {
        networks: [{ ...network, rpcUrls: [proxy.url] }],
        book: {
          31337: [
            {
              asset: 'native',
              pair: 'ETH / USD',
              feed: getAddress(hexlify(randomBytes(20))),
              source: 'test',
            },
          ],
        },
      });
      expect(down).toEqual([{ networkId: 'local', asset: 'native', state: 'unreachable' }]);
    } finally {
      await proxy.stop();
    }
  });
});

describe('the health check of one server', () => {
  it('reports the chain, the round trip and the age of the newest block', async () => {
    await node.mine();
    const health = await checkEndpoint({ id: 'local', chainId: 31337 }, node.url);
    expect(health).toMatchObject({
      networkId: 'local',
      url: node.url,
      chainId: 31337,
      chainMatches: true,
      latestBlock: await node.blockNumber(),
    });
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    expect(health.latencyMs).toBeLessThan(5000);
    expect(Math.abs(health.blockAgeSeconds)).toBeLessThan(120);
  });

  it('names another chain, and a server that does not answer', async () => {
    const proxy = await RpcProxy.start(node.url);
    try {
      proxy.fault = { kind: 'lie-chain-id', chainId: 1 };
      expect(await checkEndpoint({ id: 'ethereum', chainId: 1 }, proxy.url)).toMatchObject({
        chainId: 1,
        chainMatches: true,
      });
      expect(await checkEndpoint({ id: 'local', chainId: 31337 }, proxy.url)).toMatchObject({
        chainId: 1,
        chainMatches: false,
      });
      proxy.fault = { kind: 'die-on', method: 'eth_chainId', forward: false };
      await expect(
        checkEndpoint({ id: 'local', chainId: 31337 }, proxy.url, { timeoutMs: 3000 }),
      ).rejects.toMatchObject({ code: 'rpc-unreachable' });
    } finally {
      await proxy.stop();
    }
  });
});
