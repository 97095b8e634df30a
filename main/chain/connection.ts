// A checked connection to one network: the server's chain id must be the network's before
// anything else is asked, and every answer is validated. Reads issued together (Promise.all)
// share one JSON-RPC batch.
import { LifeboatError, isLifeboatError } from '../errors';
import { MULTICALL3_ADDRESS } from './multicall';
import type { Network } from './networks';
import { RpcClient, type RpcClientOptions } from './rpc-client';
import {
  blockHeader,
  hexData,
  quantity,
  receipt,
  smallQuantity,
  txHash,
  type BlockHeader,
  type Receipt,
} from './rpc-values';

export interface CallRequest {
  from?: string;
  to: string;
  data?: string;
  value?: bigint;
}

export class ChainConnection {
  private constructor(
    readonly network: Network,
    readonly rpc: RpcClient,
    /** True when Multicall3 answers at its canonical address on this chain. */
    readonly multicall: boolean,
  ) {}

  /**
   * Opens the network through its RPC URLs, in the person's order: a server that does not
   * answer is left for the next (see RpcClient). A server that answers with another chain id
   * is refused outright (`chain-id-mismatch`), never skipped: it is misconfigured or lying.
   */
  static async open(network: Network, options: RpcClientOptions = {}): Promise<ChainConnection> {
    if (network.rpcUrls.length === 0) {
      throw new LifeboatError('network-not-configured', undefined, { network: network.id });
    }
    const rpc = new RpcClient(network.rpcUrls, network.chainId, options);
    try {
      const [chainIdRaw, multicallCode] = await rpc.batch([
        { method: 'eth_chainId', params: [] },
        { method: 'eth_getCode', params: [MULTICALL3_ADDRESS, 'latest'] },
      ]);
      const chainId = quantity(chainIdRaw, 'chain id');
      if (chainId !== BigInt(network.chainId)) {
        throw new LifeboatError(
          'chain-id-mismatch',
          `The RPC server for ${network.name} reports chain ${chainId}, not ${network.chainId}. Nothing was sent.`,
          { network: network.id, expected: network.chainId, reported: chainId.toString() },
        );
      }
      const code = hexData(multicallCode, 'contract code');
      return new ChainConnection(network, rpc, code !== '0x');
    } catch (error) {
      rpc.close();
      if (isLifeboatError(error, 'chain-id-mismatch') && error.details?.network === undefined) {
        throw new LifeboatError(
          'chain-id-mismatch',
          `An RPC server for ${network.name} reports chain ${String(error.details?.reported)}, not ${network.chainId}. Nothing was sent.`,
          { ...error.details, network: network.id },
        );
      }
      throw error;
    }
  }

  close(): void {
    this.rpc.close();
  }

  async latestBlock(): Promise<BlockHeader> {
    const header = blockHeader(await this.rpc.call('eth_getBlockByNumber', ['latest', false]));
    if (this.network.feeModel !== 'legacy' && header.baseFeePerGas === undefined) {
      throw new LifeboatError(
        'rpc-inconsistent',
        `${this.network.name} should report a base fee, but its RPC server does not.`,
        { network: this.network.id, what: 'base fee' },
      );
    }
    return header;
  }

  async blockNumber(): Promise<number> {
    return smallQuantity(await this.rpc.call('eth_blockNumber', []), 'block number');
  }

  async nonce(address: string): Promise<number> {
    return smallQuantity(
      await this.rpc.call('eth_getTransactionCount', [address, 'latest']),
      'nonce',
    );
  }

  async balance(address: string): Promise<bigint> {
    return quantity(await this.rpc.call('eth_getBalance', [address, 'latest']), 'balance');
  }

  async code(address: string): Promise<string> {
    return hexData(await this.rpc.call('eth_getCode', [address, 'latest']), 'contract code');
  }

  async call(request: CallRequest): Promise<string> {
    return hexData(await this.rpc.call('eth_call', [rpcTx(request), 'latest']), 'call result');
  }

  async estimateGas(request: CallRequest): Promise<bigint> {
    return quantity(await this.rpc.call('eth_estimateGas', [rpcTx(request)]), 'gas estimate');
  }

  async gasPrice(): Promise<bigint> {
    return quantity(await this.rpc.call('eth_gasPrice', []), 'gas price');
  }

  async maxPriorityFee(): Promise<bigint> {
    return quantity(await this.rpc.call('eth_maxPriorityFeePerGas', []), 'priority fee');
  }

  async receipt(hash: string): Promise<Receipt | null> {
    return receipt(await this.rpc.call('eth_getTransactionReceipt', [hash]), hash);
  }

  /** Broadcasts a signed transaction; resolves with the hash the server reports. */
  async sendRaw(raw: string): Promise<string> {
    return txHash(await this.rpc.call('eth_sendRawTransaction', [raw]), 'transaction hash');
  }
}

function rpcTx(request: CallRequest): Record<string, string> {
  return {
    ...(request.from === undefined ? {} : { from: request.from }),
    to: request.to,
    ...(request.data === undefined ? {} : { data: request.data }),
    ...(request.value === undefined ? {} : { value: `0x${request.value.toString(16)}` }),
  };
}
