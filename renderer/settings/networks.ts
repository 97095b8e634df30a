// Names and native coins of networks by id, from the person's settings.
import type { Settings } from '../../preload/api';

export function networkName(settings: Settings | null, networkId: string): string {
  return settings?.networks.find((n) => n.id === networkId)?.name ?? networkId;
}

export interface Coin {
  symbol: string;
  decimals: number;
}

/** The network's native coin; an unknown network is shown with its id and 18 decimals. */
export function nativeCoin(settings: Settings | null, networkId: string): Coin {
  const network = settings?.networks.find((n) => n.id === networkId);
  return network
    ? { symbol: network.nativeSymbol, decimals: network.decimals }
    : { symbol: networkId, decimals: 18 };
}
