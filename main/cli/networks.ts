// `lifeboat networks`: the networks Lifeboat knows by name with the public RPC servers it can
// offer, the networks set up in a settings file, and the health check of servers the person
// names. Listing contacts nothing; a check contacts only the servers named on its line.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { EndpointHealth, NetworkSettings, PublicEndpoint } from '../../preload/api';
import { checkEndpoint } from '../chain/endpoint-check';
import { NETWORK_PRESETS, httpUrl, presetByChainId, presetById } from '../chain/networks';
import { publicEndpoints } from '../chain/public-endpoints';
import { toErrorData } from '../errors';
import { peekSettings } from '../settings';
import { dataDirOf } from './data-dir';
import { CliUsageError, type CliIo } from './io';
import { EXIT, printError, printResult } from './output';

export const networksUsage = `lifeboat networks list [--data-dir DIR] [--json]
  The networks Lifeboat knows by name, each with the public RPC servers it can offer
  (numbered, with who runs them and where the entry comes from), and the networks set up in
  DIR/settings.json (point --data-dir at the console's folder to see its settings).
  Contacts nothing.
lifeboat networks check NETWORK [--endpoint N]... [--rpc URL]... [--configured] [--json]
  Checks the servers you name for NETWORK (a name from the list, or a chain id): whether
  each serves NETWORK's chain, how long a round trip takes, and how old its newest block is.
  Name servers by their number in the list (--endpoint 2), by address (--rpc URL), or
  --configured for those set up in DIR/settings.json. Only those servers are contacted.
  Exits with 1 when one of them fails or serves another chain.`;

interface ListedNetwork {
  id: string;
  name: string;
  chainId: number;
  endpoints: PublicEndpoint[];
  configured?: { enabled: boolean; rpcUrls: string[] };
}

interface CheckOutcome {
  url: string;
  provider?: string;
  health?: EndpointHealth;
  error?: { code: string; message: string };
}

export async function runNetworks(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const json = argv.includes('--json');
  if (command === undefined) {
    io.stdout.write(`${networksUsage}\n`);
    return EXIT.usage;
  }
  if (command === 'list') {
    const { values } = parseArgs({
      args: rest,
      options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    const file = settingsFile(values);
    const configured = settingsOf(file);
    const listed = listNetworks(configured ?? []);
    printResult(io, json, { networks: listed, settingsFile: configured ? file : null }, () =>
      [describeList(listed), settingsWords(file, configured !== undefined)].join('\n\n'),
    );
    return EXIT.ok;
  }
  if (command === 'check') {
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        endpoint: { type: 'string', multiple: true },
        rpc: { type: 'string', multiple: true },
        configured: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    const [name, server] = positionals;
    if (name === undefined) {
      throw new CliUsageError(`Name one network to check.\n\n${networksUsage}`);
    }
    const file = settingsFile(values);
    const network = findNetwork(name, settingsOf(file) ?? []);
    if (server !== undefined) {
      throw new CliUsageError(
        `Name servers with an option: lifeboat networks check ${name} --rpc ${server} ` +
          '(or --endpoint N from "lifeboat networks list", or --configured). Nothing was contacted.',
      );
    }
    const chosen = chosenServers(network, values, file);
    const outcomes = await Promise.all(
      chosen.map(async (server): Promise<CheckOutcome> => {
        try {
          return { ...server, health: await checkEndpoint(network, server.url) };
        } catch (error) {
          const { code, message } = toErrorData(error);
          return { ...server, error: { code, message } };
        }
      }),
    );
    printResult(
      io,
      json,
      { network: network.id, chainId: network.chainId, servers: outcomes },
      () => describeChecks(network, outcomes),
    );
    return outcomes.every((o) => o.health?.chainMatches) ? EXIT.ok : EXIT.failed;
  }
  return printError(
    io,
    json,
    new CliUsageError(`Unknown networks command "${command}".\n\n${networksUsage}`),
  );
}

function settingsFile(values: Record<string, unknown>): string {
  return path.join(dataDirOf(values), 'settings.json');
}

function settingsOf(file: string): NetworkSettings[] | undefined {
  return peekSettings(file)?.networks;
}

/** Which settings were read: the console keeps its own folder, which a person may not know. */
function settingsWords(file: string, found: boolean): string {
  return found
    ? `Networks set up here are read from ${file}.`
    : `There is no settings file at ${file}. The console keeps its settings in its own folder: point --data-dir at it to see them.`;
}

export function listNetworks(configured: readonly NetworkSettings[]): ListedNetwork[] {
  const presets = NETWORK_PRESETS.map((preset): ListedNetwork => {
    const own = configured.find((n) => n.id === preset.id);
    return {
      id: preset.id,
      name: preset.name,
      chainId: preset.chainId,
      endpoints: [...publicEndpoints(preset.id)],
      ...(own && own.rpcUrls.length > 0
        ? { configured: { enabled: own.enabled, rpcUrls: own.rpcUrls } }
        : {}),
    };
  });
  const others = configured
    .filter((n) => !presetById(n.id))
    .map((n): ListedNetwork => ({
      id: n.id,
      name: n.name,
      chainId: n.chainId,
      endpoints: [],
      configured: { enabled: n.enabled, rpcUrls: n.rpcUrls },
    }));
  return [...presets, ...others];
}

interface CheckedNetwork {
  id: string;
  name: string;
  chainId: number;
  rpcUrls: string[];
}

function findNetwork(name: string, configured: readonly NetworkSettings[]): CheckedNetwork {
  const byId = configured.find((n) => n.id === name.toLowerCase());
  const preset =
    presetById(name.toLowerCase()) ??
    (/^\d+$/.test(name) ? presetByChainId(Number(name)) : undefined);
  const own = byId ?? configured.find((n) => n.id === preset?.id);
  if (preset) return { ...preset, rpcUrls: own?.rpcUrls ?? [] };
  if (own) return own;
  if (/^\d{1,15}$/.test(name) && Number(name) > 0) {
    const chainId = Number(name);
    const same = configured.find((n) => n.chainId === chainId);
    return same ?? { id: `chain-${chainId}`, name: `Chain ${chainId}`, chainId, rpcUrls: [] };
  }
  throw new CliUsageError(
    `Lifeboat does not know a network "${name}". Run "lifeboat networks list" for the names, or give a chain id.`,
  );
}

function chosenServers(
  network: CheckedNetwork,
  values: { endpoint?: string[]; rpc?: string[]; configured?: boolean },
  file: string,
): { url: string; provider?: string }[] {
  const listed = publicEndpoints(network.id);
  const chosen: { url: string; provider?: string }[] = [];
  for (const number of values.endpoint ?? []) {
    const endpoint = /^\d+$/.test(number) ? listed[Number(number) - 1] : undefined;
    if (!endpoint) {
      throw new CliUsageError(
        listed.length === 0
          ? `Lifeboat lists no public servers for ${network.name}; name yours with --rpc URL.`
          : `--endpoint takes a number from 1 to ${listed.length} for ${network.name} (see "lifeboat networks list").`,
      );
    }
    chosen.push({ url: endpoint.url, provider: endpoint.provider });
  }
  for (const url of values.rpc ?? []) {
    if (!httpUrl.safeParse(url).success) {
      throw new CliUsageError(`"${url}" is not an address starting with http:// or https://.`);
    }
    chosen.push({ url: url.trim() });
  }
  if (values.configured) {
    if (network.rpcUrls.length === 0) {
      throw new CliUsageError(
        `No RPC server is set up for ${network.name} in ${file}; name one with --endpoint N or --rpc URL, or point --data-dir at the console's folder.`,
      );
    }
    chosen.push(...network.rpcUrls.map((url) => ({ url })));
  }
  if (chosen.length === 0) {
    throw new CliUsageError(
      `Choose the servers to check for ${network.name}: --endpoint N (from "lifeboat networks list"), --rpc URL or --configured. Nothing is contacted otherwise.`,
    );
  }
  return chosen.filter((c, i) => chosen.findIndex((o) => o.url === c.url) === i);
}

function describeList(networks: readonly ListedNetwork[]): string {
  return networks
    .map((network) => {
      const head = `${network.name} — ${network.id}, chain ${network.chainId}`;
      const endpoints = network.endpoints.map(
        (e, i) =>
          `  ${i + 1}. ${e.url}\n     ${e.provider}, ${e.tracking === 'none' ? 'says it keeps no logs that link requests to people' : 'says nothing about its logs'}\n     listed in ${e.source}`,
      );
      const configured = network.configured
        ? [
            `  Set up here (${network.configured.enabled ? 'on' : 'off'}): ${network.configured.rpcUrls.join(', ')}`,
          ]
        : [];
      return [head, ...endpoints, ...configured].join('\n');
    })
    .join('\n\n');
}

function describeChecks(network: CheckedNetwork, outcomes: readonly CheckOutcome[]): string {
  const lines = outcomes.map((o) => {
    const who = o.provider ? ` (${o.provider})` : '';
    if (o.error) return `  ${o.url}${who}\n    cannot be used: ${o.error.message}`;
    const h = o.health!;
    const chain = h.chainMatches
      ? `chain ${h.chainId}, as expected`
      : `serves chain ${h.chainId}, not ${network.chainId}: do not use it for ${network.name}`;
    return `  ${o.url}${who}\n    ${chain}; round trip ${h.latencyMs} ms; newest block #${h.latestBlock}, ${ageText(h.blockAgeSeconds)}`;
  });
  const head =
    network.name === `Chain ${network.chainId}`
      ? network.name
      : `${network.name} (chain ${network.chainId})`;
  return [head, ...lines].join('\n');
}

function ageText(seconds: number): string {
  if (seconds < 0) return `${-seconds} s ahead of this computer's clock`;
  if (seconds < 120) return `${seconds} s old`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min old`;
  return `${Math.round(seconds / 3600)} h old`;
}
