// window.lifeboat.networks and .prices: the preset networks with the public endpoints offered
// for them, the health check of a server the person chose, and prices from Chainlink feeds
// through the person's own servers. No server is contacted that the person did not choose.
import type { NetworkPresetView, PublicEndpoint } from '../../preload/api';
import { checkEndpoint } from '../chain/endpoint-check';
import { NETWORK_PRESETS, type Network } from '../chain/networks';
import { readPrices } from '../chain/prices';
import type { PriceFeedBook } from '../chain/price-feeds';
import type { RpcClientOptions } from '../chain/rpc-client';
import { bundledTokenEntries } from '../chain/tokens';
import { LifeboatError } from '../errors';
import type { SettingsStore } from '../settings';
import type { Handlers } from './contract';

export type EndpointBook = Readonly<Record<string, readonly PublicEndpoint[]>>;

export interface NetworkHandlerDeps {
  settings: SettingsStore;
  priceFeeds: PriceFeedBook;
  /** The public servers offered per preset; the reviewed list unless a test has its own. */
  endpoints: EndpointBook;
  rpc?: RpcClientOptions;
  now?: () => number;
}

export function presetViews(endpoints: EndpointBook): NetworkPresetView[] {
  return NETWORK_PRESETS.map((preset) => ({
    id: preset.id,
    name: preset.name,
    chainId: preset.chainId,
    nativeSymbol: preset.nativeSymbol,
    ...(preset.explorer === undefined ? {} : { explorer: preset.explorer }),
    endpoints: (endpoints[preset.id] ?? []).map((endpoint) => ({ ...endpoint })),
    tokens: bundledTokenEntries(preset.chainId).map((token) => ({ ...token })),
  }));
}

/** A server the person chose for this network: listed for its preset, or saved for it. */
export function isChosenEndpoint(
  network: { id: string; rpcUrls: readonly string[] },
  url: string,
  endpoints: EndpointBook,
): boolean {
  return network.rpcUrls.includes(url) || (endpoints[network.id] ?? []).some((e) => e.url === url);
}

function enabledNetworks(settings: SettingsStore): Network[] {
  return settings
    .get()
    .networks.filter((n) => n.enabled)
    .map(({ enabled: _enabled, ...network }) => network);
}

export function networkHandlers(deps: NetworkHandlerDeps): Pick<Handlers, 'networks' | 'prices'> {
  return {
    networks: {
      presets: async () => presetViews(deps.endpoints),
      check: async ({ networkId, url }) => {
        const network = deps.settings.get().networks.find((n) => n.id === networkId);
        if (!network) {
          throw new LifeboatError('network-not-configured', undefined, { network: networkId });
        }
        if (!isChosenEndpoint(network, url, deps.endpoints)) {
          throw new LifeboatError('endpoint-not-chosen', undefined, { network: networkId });
        }
        return checkEndpoint(network, url, {
          ...deps.rpc,
          ...(deps.now === undefined ? {} : { now: deps.now }),
        });
      },
    },
    prices: {
      read: ({ assets }) =>
        readPrices(assets, {
          networks: enabledNetworks(deps.settings),
          book: deps.priceFeeds,
          ...(deps.now === undefined ? {} : { now: deps.now }),
        }),
    },
  };
}
