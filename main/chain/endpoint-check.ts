// The health check of one RPC server the person chose: does it serve the network's chain,
// how long does a round trip take, and how old is the newest block it knows. One JSON-RPC
// batch, nothing else; a server that does not answer is `rpc-unreachable`.
import type { EndpointHealth } from '../../preload/api';
import type { Network } from './networks';
import { RpcClient, type RpcClientOptions } from './rpc-client';
import { blockTime, smallQuantity } from './rpc-values';

/** A health check should say quickly that a server is too slow to use. */
const CHECK_TIMEOUT_MS = 10_000;

export async function checkEndpoint(
  network: Pick<Network, 'id' | 'chainId'>,
  url: string,
  options: RpcClientOptions & { now?: () => number } = {},
): Promise<EndpointHealth> {
  const now = options.now ?? Date.now;
  const rpc = new RpcClient(url, network.chainId, {
    timeoutMs: options.timeoutMs ?? CHECK_TIMEOUT_MS,
  });
  try {
    const started = performance.now();
    const [chainIdRaw, blockRaw] = await rpc.batch([
      { method: 'eth_chainId', params: [] },
      { method: 'eth_getBlockByNumber', params: ['latest', false] },
    ]);
    const latencyMs = Math.round(performance.now() - started);
    const chainId = smallQuantity(chainIdRaw, 'chain id');
    const block = blockTime(blockRaw);
    return {
      networkId: network.id,
      url,
      chainId,
      chainMatches: chainId === network.chainId,
      latencyMs,
      latestBlock: block.number,
      blockAgeSeconds: Math.round(now() / 1000 - block.timestamp),
    };
  } finally {
    rpc.close();
  }
}
