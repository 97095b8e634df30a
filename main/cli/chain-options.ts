// What `lifeboat discover` and `lifeboat sweep` share: the network options (--rpc), tokens,
// schemes, the data directory, and the recovery service wired for one command run.
import type { ParseArgsOptionsConfig } from 'node:util';
import type { Scheme } from '../../preload/api';
import { ChainConnection } from '../chain/connection';
import { readTokenInfo } from '../chain/balances';
import { DEFAULT_GAP_LIMIT } from '../chain/discovery';
import {
  customNetwork,
  presetByChainId,
  presetNetwork,
  type FeeModel,
  type Network,
} from '../chain/networks';
import { tokenAddress, type Token } from '../chain/tokens';
import { LifeboatError } from '../errors';
import { DiscoveryCache } from '../recovery/discovery-cache';
import { RecoveryService } from '../recovery/recovery-service';
import { SCHEMES } from '../secrets/derivation';
import type { SourceResolver } from '../sources/source-resolver';
import { dataDirOf } from './data-dir';
import { CliUsageError } from './io';

export const CHAIN_OPTIONS = {
  rpc: { type: 'string', multiple: true },
  network: { type: 'string' },
  'fee-model': { type: 'string' },
  tokens: { type: 'string', multiple: true },
  scheme: { type: 'string', multiple: true },
  'gap-limit': { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies ParseArgsOptionsConfig;

export const CHAIN_OPTIONS_USAGE = `Networks:
  --rpc NETWORK=URL     an RPC server to use (repeatable). NETWORK is a preset (ethereum,
                        sepolia, polygon, arbitrum, optimism, base, bnb, gnosis, avalanche) or
                        a chain id (a preset's chain id selects that preset). The server must
                        report that chain id or it is refused. Nothing else is ever contacted.
  --rpc URL --network NETWORK   the same for a single network
  --fee-model MODEL     for a chain id that is not a preset: eip1559 (default), op-stack,
                        arbitrum or legacy
  --tokens ADDR,...     ERC-20 tokens to look for besides the bundled list (repeatable)
  --scheme NAME,...     bip44, ledger-live, legacy (default: all three)
  --gap-limit N         unused addresses in a row before a scheme stops (default ${DEFAULT_GAP_LIMIT})
  --data-dir DIR        where cases are kept (default: $XDG_DATA_HOME/lifeboat or
                        ~/.local/share/lifeboat)
  --json                print one JSON object`;

export type ChainValues = Record<string, string | boolean | string[] | undefined>;

const FEE_MODELS: readonly FeeModel[] = ['eip1559', 'op-stack', 'arbitrum', 'legacy'];

function list(values: ChainValues, name: string): string[] {
  const raw = values[name];
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return items
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function integerOption(values: ChainValues, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) {
    throw new CliUsageError(`--${name} takes a whole number.`);
  }
  return Number(raw);
}

/** The networks named by --rpc (and --network), each with the person's URL(s). */
export function networksOf(values: ChainValues): Network[] {
  const entries = list(values, 'rpc');
  if (entries.length === 0) throw new CliUsageError('Give at least one --rpc NETWORK=URL.');
  const fallback = typeof values.network === 'string' ? values.network : undefined;
  const feeModelRaw = values['fee-model'];
  if (feeModelRaw !== undefined && !FEE_MODELS.includes(feeModelRaw as FeeModel)) {
    throw new CliUsageError(`--fee-model is one of ${FEE_MODELS.join(', ')}.`);
  }
  const feeModel = feeModelRaw as FeeModel | undefined;
  const byName = new Map<string, string[]>();
  for (const entry of entries) {
    const match = /^([a-z0-9-]+)=(.+)$/i.exec(entry);
    const name = match ? match[1]! : fallback;
    const url = match ? match[2]! : entry;
    if (name === undefined) {
      throw new CliUsageError(`Say which network ${url} serves: --rpc NETWORK=URL.`);
    }
    byName.set(name, [...(byName.get(name) ?? []), url]);
  }
  const networks = [...byName].map(([name, rpcUrls]) => {
    if (!/^\d+$/.test(name)) return presetNetwork(name.toLowerCase(), rpcUrls);
    // A chain id that belongs to a preset gets the preset (and its fee model).
    const preset = presetByChainId(Number(name));
    if (preset) return presetNetwork(preset.id, rpcUrls);
    return customNetwork({
      chainId: Number(name),
      rpcUrls,
      ...(feeModel === undefined ? {} : { feeModel }),
    });
  });
  const names = [...byName.keys()];
  networks.forEach((network, i) => {
    const first = networks.findIndex((n) => n.chainId === network.chainId);
    if (first === i) return;
    throw new LifeboatError(
      'duplicate-chain-id',
      `Chain ${network.chainId} is given twice, as "${names[first]}" and as "${names[i]}". Give every RPC address of one network under one name: --rpc ${names[first]}=URL1 --rpc ${names[first]}=URL2.`,
      { chainId: network.chainId, field: 'rpc' },
    );
  });
  return networks;
}

function schemesOf(values: ChainValues): Scheme[] {
  const names = list(values, 'scheme');
  if (names.length === 0) return [...SCHEMES];
  for (const name of names) {
    if (!SCHEMES.includes(name as Scheme)) {
      throw new CliUsageError(`Unknown scheme "${name}": use ${SCHEMES.join(', ')}.`);
    }
  }
  return names as Scheme[];
}

/**
 * The person's --tokens, with symbol and decimals read from each network. A token that has
 * no contract on one of the networks is simply not looked for there.
 */
export async function tokensOf(
  values: ChainValues,
  networks: readonly Network[],
  notice: (text: string) => void,
): Promise<Record<string, Token[]>> {
  const addresses = [...new Set(list(values, 'tokens').map(tokenAddress))];
  const result: Record<string, Token[]> = {};
  for (const network of networks) {
    result[network.id] = [];
    if (addresses.length === 0) continue;
    const connection = await ChainConnection.open(network);
    try {
      const read = await readTokenInfo(connection, addresses);
      result[network.id] = read.tokens;
      for (const missing of read.notTokens) {
        notice(`${missing} is not an ERC-20 token on ${network.name}; skipped there.`);
      }
    } finally {
      connection.close();
    }
  }
  return result;
}

/** The command's chain options, checked before anything is read or contacted. */
export interface ChainSettings {
  dataDir: string;
  schemes: Scheme[];
  gapLimit: number;
  maxFeePerGas?: bigint;
  pollMs?: number;
  confirmations?: number;
}

export function chainSettings(
  values: ChainValues,
  extra: Pick<ChainSettings, 'maxFeePerGas' | 'pollMs' | 'confirmations'> = {},
): ChainSettings {
  return {
    dataDir: dataDirOf(values),
    schemes: schemesOf(values),
    gapLimit: integerOption(values, 'gap-limit', DEFAULT_GAP_LIMIT),
    ...extra,
  };
}

/** A recovery service for one command: the networks and tokens given on the command line. */
export function recoveryService(
  settings: ChainSettings,
  networks: readonly Network[],
  tokens: Record<string, Token[]>,
  sources: SourceResolver,
): RecoveryService {
  return new RecoveryService({
    dataDir: settings.dataDir,
    networks: () => networks,
    tokens: (id) => tokens[id] ?? [],
    defaults: () => ({
      schemes: settings.schemes,
      gapLimit: settings.gapLimit,
      ...(settings.maxFeePerGas === undefined ? {} : { maxFeePerGas: settings.maxFeePerGas }),
    }),
    source: (ref) => sources.access(ref),
    discoveries: new DiscoveryCache(),
    ...(settings.pollMs === undefined ? {} : { pollMs: settings.pollMs }),
    ...(settings.confirmations === undefined ? {} : { confirmations: settings.confirmations }),
  });
}
