// What the Safe jobs share: the networks the person configured, checked connections to them,
// the fee cap, the sources of keys, and the remembered Safes. One per console or command.
import type { SourceRef } from '../../preload/api';
import type { RememberedSafes } from '../cases/remembered-safes';
import { ChainConnection } from '../chain/connection';
import { assertUnderCap, quoteFee, type FeeQuote } from '../chain/fees';
import type { Network } from '../chain/networks';
import type { RpcClientOptions } from '../chain/rpc-client';
import type { Token } from '../chain/tokens';
import { LifeboatError } from '../errors';
import type { SourceAccess } from '../sources/source-access';

export interface SafeServiceDeps {
  dataDir: string;
  /** The networks the person configured and enabled, with their RPC URLs. */
  networks(): readonly Network[];
  /** The person's own tokens for a network (the bundled list is added here). */
  tokens(networkId: string): readonly Token[];
  defaults(): { maxFeePerGas?: bigint };
  source(ref: SourceRef): SourceAccess | Promise<SourceAccess>;
  remembered: RememberedSafes;
  rpc?: RpcClientOptions;
  pollMs?: number;
  pendingTimeoutMs?: number;
  /** Blocks that make a sweep step final (default 1). */
  confirmations?: number;
  /** How long a single transaction (a creation, one Safe transaction) is waited for. */
  inclusionTimeoutMs?: number;
}

export class SafeContext {
  constructor(readonly deps: SafeServiceDeps) {}

  network(networkId: string): Network {
    const network = this.deps.networks().find((n) => n.id === networkId);
    if (!network)
      throw new LifeboatError('network-not-configured', undefined, { network: networkId });
    return network;
  }

  connect(networkId: string): Promise<ChainConnection> {
    return ChainConnection.open(this.network(networkId), this.deps.rpc);
  }

  /** Runs `work` on a fresh connection to the network, closed afterwards. */
  async on<T>(networkId: string, work: (connection: ChainConnection) => Promise<T>): Promise<T> {
    const connection = await this.connect(networkId);
    try {
      return await work(connection);
    } finally {
      connection.close();
    }
  }

  /** Today's fee, refused when it is above the person's cap. */
  async fee(connection: ChainConnection): Promise<FeeQuote> {
    const quote = await quoteFee(connection);
    const cap = this.deps.defaults().maxFeePerGas;
    if (cap !== undefined) assertUnderCap(quote.maxFeePerGas, cap, connection.network.id);
    return quote;
  }

  async access(ref: SourceRef): Promise<SourceAccess> {
    return this.deps.source(ref);
  }

  get sendOptions() {
    return {
      ...(this.deps.pollMs === undefined ? {} : { pollMs: this.deps.pollMs }),
      ...(this.deps.inclusionTimeoutMs === undefined
        ? {}
        : { timeoutMs: this.deps.inclusionTimeoutMs }),
    };
  }
}
