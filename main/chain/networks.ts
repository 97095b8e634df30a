// The networks Lifeboat knows by name, and the rules for the ones a person adds. A network
// never carries a default RPC address: the person chooses every server that is contacted.
import { z } from 'zod';
import type { FeeModel, NetworkSettings } from '../../preload/api';
import { LifeboatError } from '../errors';

export type { FeeModel };

/** A network as the chain layer uses it: its identity, fee model and the person's RPC URLs. */
export type Network = Omit<NetworkSettings, 'enabled'>;

export type NetworkPreset = Omit<Network, 'rpcUrls'>;

/**
 * Fee models:
 * - `eip1559`: base fee + tip; a plain transfer to an address without code costs exactly
 *   21000 · maxFee when the tip equals maxFee, so a sweep can leave exactly zero.
 * - `op-stack`: as eip1559 plus a separate L1 data fee charged from the balance.
 * - `arbitrum`: gas units include the L1 cost and the tip is ignored, so gas is estimated.
 * - `legacy`: a single gas price (type-0 transactions).
 */
export const NETWORK_PRESETS: readonly NetworkPreset[] = [
  {
    id: 'ethereum',
    name: 'Ethereum',
    chainId: 1,
    nativeSymbol: 'ETH',
    decimals: 18,
    explorer: 'https://etherscan.io',
    feeModel: 'eip1559',
  },
  {
    id: 'sepolia',
    name: 'Sepolia (test network)',
    chainId: 11155111,
    nativeSymbol: 'ETH',
    decimals: 18,
    explorer: 'https://sepolia.etherscan.io',
    feeModel: 'eip1559',
  },
  {
    id: 'polygon',
    name: 'Polygon PoS',
    chainId: 137,
    nativeSymbol: 'POL',
    decimals: 18,
    explorer: 'https://polygonscan.com',
    feeModel: 'eip1559',
  },
  {
    id: 'arbitrum',
    name: 'Arbitrum One',
    chainId: 42161,
    nativeSymbol: 'ETH',
    decimals: 18,
    explorer: 'https://arbiscan.io',
    feeModel: 'arbitrum',
  },
  {
    id: 'optimism',
    name: 'OP Mainnet',
    chainId: 10,
    nativeSymbol: 'ETH',
    decimals: 18,
    explorer: 'https://optimistic.etherscan.io',
    feeModel: 'op-stack',
  },
  {
    id: 'base',
    name: 'Base',
    chainId: 8453,
    nativeSymbol: 'ETH',
    decimals: 18,
    explorer: 'https://basescan.org',
    feeModel: 'op-stack',
  },
  {
    id: 'bnb',
    name: 'BNB Smart Chain',
    chainId: 56,
    nativeSymbol: 'BNB',
    decimals: 18,
    explorer: 'https://bscscan.com',
    feeModel: 'legacy',
  },
  {
    id: 'gnosis',
    name: 'Gnosis',
    chainId: 100,
    nativeSymbol: 'XDAI',
    decimals: 18,
    explorer: 'https://gnosisscan.io',
    feeModel: 'eip1559',
  },
  {
    id: 'avalanche',
    name: 'Avalanche C-Chain',
    chainId: 43114,
    nativeSymbol: 'AVAX',
    decimals: 18,
    explorer: 'https://snowtrace.io',
    feeModel: 'eip1559',
  },
];

export function presetById(id: string): NetworkPreset | undefined {
  return NETWORK_PRESETS.find((p) => p.id === id);
}

export function presetByChainId(chainId: number): NetworkPreset | undefined {
  return NETWORK_PRESETS.find((p) => p.chainId === chainId);
}

/** An RPC or explorer address: http(s) with a host, nothing else. */
export const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'An address starting with http:// or https://');

/** The fields of a network, shared with the settings file's schema. */
export const networkFields = {
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  name: z.string().trim().min(1).max(60),
  chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  nativeSymbol: z.string().trim().min(1).max(12),
  decimals: z.number().int().min(0).max(36),
  rpcUrls: z.array(httpUrl).min(1).max(8),
  explorer: httpUrl.optional(),
  feeModel: z.enum(['eip1559', 'op-stack', 'arbitrum', 'legacy']),
};

const networkSchema = z.object(networkFields);

/**
 * Checks a network supplied from outside (settings, the command line). A network that reuses
 * a preset's id must keep that preset's chain id, so "ethereum" can never point elsewhere.
 */
export function parseNetwork(input: unknown): Network {
  const result = networkSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new LifeboatError('invalid-input', 'That network is not valid.', {
      field: issue?.path.join('.') ?? null,
    });
  }
  const network = result.data;
  const preset = presetById(network.id);
  if (preset && preset.chainId !== network.chainId) {
    throw new LifeboatError('invalid-input', `"${preset.id}" is chain ${preset.chainId}.`, {
      field: 'chainId',
    });
  }
  return network.explorer === undefined
    ? {
        id: network.id,
        name: network.name,
        chainId: network.chainId,
        nativeSymbol: network.nativeSymbol,
        decimals: network.decimals,
        rpcUrls: network.rpcUrls,
        feeModel: network.feeModel,
      }
    : network;
}

/** A preset with the person's RPC URL(s). */
export function presetNetwork(id: string, rpcUrls: string[]): Network {
  const preset = presetById(id);
  if (!preset) {
    throw new LifeboatError('network-not-configured', `Lifeboat does not know a network "${id}".`, {
      network: id,
    });
  }
  return parseNetwork({ ...preset, rpcUrls });
}

/** A network that is not a preset, identified by its chain id. */
export function customNetwork(input: {
  chainId: number;
  rpcUrls: string[];
  name?: string;
  nativeSymbol?: string;
  decimals?: number;
  feeModel?: FeeModel;
  explorer?: string;
}): Network {
  return parseNetwork({
    id: `chain-${input.chainId}`,
    name: input.name ?? `Chain ${input.chainId}`,
    chainId: input.chainId,
    nativeSymbol: input.nativeSymbol ?? 'ETH',
    decimals: input.decimals ?? 18,
    rpcUrls: input.rpcUrls,
    feeModel: input.feeModel ?? 'eip1559',
    ...(input.explorer === undefined ? {} : { explorer: input.explorer }),
  });
}

export function explorerTxUrl(
  network: Pick<Network, 'explorer'>,
  hash: string,
): string | undefined {
  return network.explorer === undefined
    ? undefined
    : `${network.explorer.replace(/\/+$/, '')}/tx/${hash}`;
}

/**
 * One chain, one network: two networks with the same chain id would read the same balances
 * twice and plan to move them twice.
 */
export function assertDistinctChains(
  networks: readonly Pick<Network, 'id' | 'name' | 'chainId'>[],
): void {
  const seen = new Map<number, Pick<Network, 'id' | 'name'>>();
  for (const network of networks) {
    const first = seen.get(network.chainId);
    if (first) {
      throw new LifeboatError(
        'duplicate-chain-id',
        `${network.name} and ${first.name} are the same chain (${network.chainId}).`,
        { chainId: network.chainId, network: network.id, existing: first.id },
      );
    }
    seen.set(network.chainId, network);
  }
}
