// A real local EVM chain for tests, the bench and the demo: Hardhat 3's in-process EDR node,
// served over HTTP on 127.0.0.1 by a small JSON-RPC server (single calls and batches) that
// counts what it receives, so tests can talk to it exactly as Lifeboat talks to any RPC.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Interface, getAddress, type InterfaceAbi } from 'ethers';
import { createHardhatRuntimeEnvironment } from 'hardhat/hre';
import type { NetworkConnection } from 'hardhat/types/network';

import { loadArtifact, type ArtifactName } from './contracts';

export const MULTICALL3_ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11';

export interface EvmNodeOptions {
  chainId?: number;
  /** `op` runs the OP-stack flavour (L1 data fee, GasPriceOracle predeploy). */
  chainType?: 'l1' | 'op';
  hardfork?: string;
  /** Mine a block per transaction (default). Off: blocks come from `mine()` only. */
  automine?: boolean;
  /** Put the batch reader at the Multicall3 address (default true). */
  multicall?: boolean;
  initialBaseFeePerGas?: bigint;
}

interface JsonRpcRequest {
  jsonrpc?: string;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

/** Counts what reached the HTTP server: round trips and individual JSON-RPC calls. */
export interface RpcTraffic {
  httpRequests: number;
  calls: number;
  byMethod: Record<string, number>;
}

export interface MinedTransaction {
  hash: string;
  from: string;
  to: string | null;
  nonce: number;
  value: bigint;
  blockNumber: number;
}

export class EvmNode {
  readonly traffic: RpcTraffic = { httpRequests: 0, calls: 0, byMethod: {} };

  private constructor(
    readonly chainId: number,
    readonly url: string,
    private readonly connection: NetworkConnection<string>,
    private readonly server: http.Server,
    /** Unlocked, funded accounts of the node, used to deploy and fund. */
    readonly accounts: string[],
  ) {}

  static async start(options: EvmNodeOptions = {}): Promise<EvmNode> {
    const chainId = options.chainId ?? 31337;
    const hre = await createHardhatRuntimeEnvironment(
      {
        networks: {
          local: {
            type: 'edr-simulated',
            chainId,
            chainType: options.chainType ?? 'l1',
            ...(options.hardfork === undefined ? {} : { hardfork: options.hardfork }),
            ...(options.initialBaseFeePerGas === undefined
              ? {}
              : { initialBaseFeePerGas: options.initialBaseFeePerGas }),
            mining: { auto: options.automine ?? true, interval: 0 },
          },
        },
      },
      {},
      process.cwd(),
    );
    const connection = await hre.network.create({ network: 'local' });
    const holder: { node?: EvmNode } = {};
    const server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        void holder.node!.answer(body).then((reply) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(reply);
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const accounts = (await connection.provider.request({ method: 'eth_accounts' })) as string[];
    const node = new EvmNode(
      chainId,
      `http://127.0.0.1:${port}`,
      connection,
      server,
      accounts.map((a) => getAddress(a)),
    );
    holder.node = node;
    if (options.multicall ?? true) {
      await node.setCode(MULTICALL3_ADDRESS, loadArtifact('BatchReader').deployedBytecode);
    }
    return node;
  }

  /** One JSON-RPC call straight to the node, not counted as traffic. */
  async request<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    return (await this.connection.provider.request({ method, params })) as T;
  }

  resetTraffic(): void {
    this.traffic.httpRequests = 0;
    this.traffic.calls = 0;
    this.traffic.byMethod = {};
  }

  async fund(address: string, wei: bigint): Promise<void> {
    await this.request('hardhat_setBalance', [address, toQuantity(wei)]);
  }

  async balance(address: string): Promise<bigint> {
    return BigInt(await this.request<string>('eth_getBalance', [address, 'latest']));
  }

  async nonce(address: string): Promise<number> {
    return Number(await this.request<string>('eth_getTransactionCount', [address, 'latest']));
  }

  async setCode(address: string, code: string): Promise<void> {
    await this.request('hardhat_setCode', [address, code]);
  }

  async mine(blocks = 1): Promise<void> {
    await this.request('hardhat_mine', [toQuantity(BigInt(blocks))]);
  }

  async setAutomine(on: boolean): Promise<void> {
    await this.request('evm_setAutomine', [on]);
  }

  /** Mines a block every `ms` milliseconds (0 stops interval mining). */
  async setIntervalMining(ms: number): Promise<void> {
    await this.request('evm_setIntervalMining', [ms]);
  }

  async setNextBaseFee(wei: bigint): Promise<void> {
    await this.request('hardhat_setNextBlockBaseFeePerGas', [toQuantity(wei)]);
  }

  async baseFee(): Promise<bigint> {
    const block = await this.request<{ baseFeePerGas: string }>('eth_getBlockByNumber', [
      'latest',
      false,
    ]);
    return BigInt(block.baseFeePerGas);
  }

  async blockNumber(): Promise<number> {
    return Number(await this.request<string>('eth_blockNumber'));
  }

  /** Sends a transaction from an unlocked node account and waits for its receipt. */
  async send(tx: { from?: string; to?: string; data?: string; value?: bigint }): Promise<string> {
    const hash = await this.request<string>('eth_sendTransaction', [
      {
        from: tx.from ?? this.accounts[0],
        ...(tx.to === undefined ? {} : { to: tx.to }),
        ...(tx.data === undefined ? {} : { data: tx.data }),
        ...(tx.value === undefined ? {} : { value: toQuantity(tx.value) }),
      },
    ]);
    return this.receiptOf(hash).then((r) => r.contractAddress ?? hash);
  }

  async deploy(name: ArtifactName, args: unknown[] = []): Promise<string> {
    const artifact = loadArtifact(name);
    const data = artifact.bytecode + new Interface(artifact.abi).encodeDeploy(args).slice(2);
    const address = await this.send({ data });
    return getAddress(address);
  }

  /** Calls a contract function from the first node account and waits until it is mined. */
  async transact(name: ArtifactName, to: string, fn: string, args: unknown[]): Promise<void> {
    const data = new Interface(loadArtifact(name).abi).encodeFunctionData(fn, args);
    await this.send({ to, data });
  }

  async read<T>(name: ArtifactName, to: string, fn: string, args: unknown[]): Promise<T> {
    const iface = new Interface(loadArtifact(name).abi as InterfaceAbi);
    const raw = await this.request<string>('eth_call', [
      { to, data: iface.encodeFunctionData(fn, args) },
      'latest',
    ]);
    return iface.decodeFunctionResult(fn, raw)[0] as T;
  }

  async deployToken(symbol: string, decimals = 18): Promise<string> {
    return this.deploy('TestToken', [`${symbol} test token`, symbol, decimals]);
  }

  async mintToken(token: string, to: string, amount: bigint): Promise<void> {
    await this.transact('TestToken', token, 'mint', [to, amount]);
  }

  async tokenBalance(token: string, owner: string): Promise<bigint> {
    return this.read<bigint>('TestToken', token, 'balanceOf', [owner]);
  }

  /** Every mined transaction sent by `from`, oldest first. */
  async transactionsFrom(from: string): Promise<MinedTransaction[]> {
    const latest = await this.blockNumber();
    const found: MinedTransaction[] = [];
    const wanted = from.toLowerCase();
    for (let n = 0; n <= latest; n++) {
      const block = await this.request<{
        transactions: {
          hash: string;
          from: string;
          to: string | null;
          nonce: string;
          value: string;
        }[];
      }>('eth_getBlockByNumber', [toQuantity(BigInt(n)), true]);
      for (const tx of block.transactions) {
        if (tx.from.toLowerCase() !== wanted) continue;
        found.push({
          hash: tx.hash,
          from: getAddress(tx.from),
          to: tx.to === null ? null : getAddress(tx.to),
          nonce: Number(tx.nonce),
          value: BigInt(tx.value),
          blockNumber: n,
        });
      }
    }
    return found;
  }

  async pendingTransactions(): Promise<{ hash: string; nonce: number; from: string }[]> {
    const block = await this.request<{
      transactions: { hash: string; nonce: string; from: string }[];
    }>('eth_getBlockByNumber', ['pending', true]);
    return block.transactions.map((t) => ({
      hash: t.hash,
      nonce: Number(t.nonce),
      from: getAddress(t.from),
    }));
  }

  async receiptOf(hash: string): Promise<{ contractAddress: string | null; status: string }> {
    for (;;) {
      const receipt = await this.request<{ contractAddress: string | null; status: string } | null>(
        'eth_getTransactionReceipt',
        [hash],
      );
      if (receipt) {
        if (receipt.status !== '0x1') throw new Error(`transaction ${hash} reverted`);
        return receipt;
      }
      await this.mine();
    }
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.connection.close();
  }

  private async answer(body: string): Promise<string> {
    this.traffic.httpRequests += 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return JSON.stringify({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700, message: 'Parse error' },
      });
    }
    if (Array.isArray(parsed)) {
      const replies = await Promise.all(parsed.map((r) => this.call(r as JsonRpcRequest)));
      return JSON.stringify(replies);
    }
    return JSON.stringify(await this.call(parsed as JsonRpcRequest));
  }

  private async call(request: JsonRpcRequest): Promise<object> {
    const id = request.id ?? null;
    if (typeof request.method !== 'string') {
      return { jsonrpc: '2.0', id, error: { code: -32600, message: 'Invalid request' } };
    }
    this.traffic.calls += 1;
    this.traffic.byMethod[request.method] = (this.traffic.byMethod[request.method] ?? 0) + 1;
    try {
      const params = Array.isArray(request.params) ? request.params : [];
      const result = await this.connection.provider.request({ method: request.method, params });
      return { jsonrpc: '2.0', id, result: result ?? null };
    } catch (error) {
      const e = error as { code?: unknown; message?: unknown; data?: unknown };
      return {
        jsonrpc: '2.0',
        id,
        error: {
          code: typeof e.code === 'number' ? e.code : -32603,
          message: typeof e.message === 'string' ? e.message : 'Internal error',
          ...(e.data === undefined ? {} : { data: e.data }),
        },
      };
    }
  }
}

export function toQuantity(value: bigint): string {
  return `0x${value.toString(16)}`;
}
