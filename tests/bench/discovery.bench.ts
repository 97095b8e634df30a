// Discovery cost: 20 addresses × 3 networks × 10 tokens on three local nodes, counted at
// each node's HTTP server, with Multicall3, with plain JSON-RPC batches, and the naive way
// (one HTTP request per balance and per nonce).
import { performance } from 'node:perf_hooks';
import { ChainConnection } from '../../main/chain/connection';
import { discover } from '../../main/chain/discovery';
import { customNetwork } from '../../main/chain/networks';
import { seedAccess } from '../../main/sources/seed-source';
import type { Token } from '../../main/chain/tokens';
import { balanceOfData } from '../../main/chain/erc20';
import { EvmNode } from '../support/evm-node';
import { testWallet } from '../support/test-wallet';

export const title =
  'Discovery: 20 addresses × 3 networks × 10 tokens (RPC round trips, wall time)';

const NETWORKS = 3;
const TOKENS = 10;
const GAP_LIMIT = 5;
/** Accounts 0..14 are used, so a gap limit of 5 scans exactly 20 addresses. */
const USED = 15;

async function setUp(multicall: boolean) {
  const wallet = testWallet();
  const nodes: EvmNode[] = [];
  const tokens: Token[][] = [];
  for (let n = 0; n < NETWORKS; n++) {
    const node = await EvmNode.start({ chainId: 7100 + n, multicall });
    const list: Token[] = [];
    for (let t = 0; t < TOKENS; t++) {
      list.push({ address: await node.deployToken(`B${t}`, 18), symbol: `B${t}`, decimals: 18 });
    }
    // Each used account holds something on one network only: the native coin or one token.
    for (let i = n; i < USED; i += NETWORKS) {
      if (i % 2 === 0) await node.fund(wallet.address(i), 10n ** 15n);
      else await node.mintToken(list[i % TOKENS]!.address, wallet.address(i), 1n);
    }
    nodes.push(node);
    tokens.push(list);
  }
  return { wallet, nodes, tokens };
}

async function measure(multicall: boolean): Promise<void> {
  const { wallet, nodes, tokens } = await setUp(multicall);
  try {
    const useSeed = <T>(fn: (seed: Uint8Array) => T): T => fn(wallet.seed);
    for (const node of nodes) node.resetTraffic();
    const started = performance.now();
    const connections = await Promise.all(
      nodes.map((node) =>
        ChainConnection.open(customNetwork({ chainId: node.chainId, rpcUrls: [node.url] })),
      ),
    );
    const result = await discover({
      source: seedAccess(useSeed).addressSource,
      networks: connections.map((connection, i) => ({ connection, tokens: tokens[i]! })),
      schemes: ['bip44'],
      gapLimit: GAP_LIMIT,
    });
    const elapsed = performance.now() - started;
    for (const c of connections) c.close();
    const http = nodes.reduce((sum, n) => sum + n.traffic.httpRequests, 0);
    const calls = nodes.reduce((sum, n) => sum + n.traffic.calls, 0);
    console.log(
      `  ${multicall ? 'Multicall3 + JSON-RPC batches' : 'JSON-RPC batches only        '}: ` +
        `${result.scanned.addresses} addresses, ${result.accounts.length} used, ${result.rounds} rounds; ` +
        `${http} HTTP round trips (${calls} JSON-RPC calls); ${elapsed.toFixed(0)} ms`,
    );
    if (multicall) await naive(nodes, tokens, wallet, result.scanned.addresses);
  } finally {
    for (const node of nodes) await node.stop();
  }
}

/** One HTTP request per native balance, per token balance and per nonce, one after another. */
async function naive(
  nodes: EvmNode[],
  tokens: Token[][],
  wallet: ReturnType<typeof testWallet>,
  addresses: number,
): Promise<void> {
  for (const node of nodes) node.resetTraffic();
  const started = performance.now();
  let id = 0;
  const call = async (url: string, method: string, params: unknown[]) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    });
    await response.json();
  };
  for (const [n, node] of nodes.entries()) {
    for (let i = 0; i < addresses; i++) {
      const address = wallet.address(i);
      await call(node.url, 'eth_getBalance', [address, 'latest']);
      await call(node.url, 'eth_getTransactionCount', [address, 'latest']);
      for (const token of tokens[n]!) {
        await call(node.url, 'eth_call', [
          { to: token.address, data: balanceOfData(address) },
          'latest',
        ]);
      }
    }
  }
  const elapsed = performance.now() - started;
  const http = nodes.reduce((sum, n) => sum + n.traffic.httpRequests, 0);
  console.log(
    `  naive, one call per balance  : ${addresses} addresses; ${http} HTTP round trips ` +
      `(= ${addresses} × ${NETWORKS} × (1 + 1 + ${TOKENS})); ${elapsed.toFixed(0)} ms on localhost`,
  );
}

export async function run(): Promise<void> {
  await measure(false);
  await measure(true);
}
