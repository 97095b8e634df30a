// The accounts a discovery found, flattened for tables and forms.
import type { AssetBalance, DiscoveredAccount, DiscoveryResult } from '../../preload/api';

export interface Holding {
  account: DiscoveredAccount;
  networkId: string;
  asset: AssetBalance;
}

/** Every asset on every network of every account, in discovery order. */
export function holdings(discovery: DiscoveryResult): Holding[] {
  return discovery.accounts.flatMap((account) =>
    account.balances.flatMap((network) =>
      network.assets.map((asset) => ({ account, networkId: network.networkId, asset })),
    ),
  );
}

/** The holdings with something to send. */
export function sendable(discovery: DiscoveryResult): Holding[] {
  return holdings(discovery).filter((h) => BigInt(h.asset.balance) > 0n);
}

/** A stable key for a holding, used as a form value. */
export function holdingKey(holding: Holding): string {
  return `${holding.account.address}|${holding.networkId}|${holding.asset.asset}`;
}

export interface AssetTotal {
  networkId: string;
  asset: string;
  symbol: string;
  decimals: number;
  /** Base units, summed over the accounts found. */
  total: string;
  accounts: number;
}

/** What the wallet holds, per network and asset, summed over its accounts; zeros left out. */
export function assetTotals(discovery: DiscoveryResult): AssetTotal[] {
  const totals = new Map<string, AssetTotal>();
  for (const { networkId, asset } of sendable(discovery)) {
    const key = `${networkId}|${asset.asset.toLowerCase()}`;
    const known = totals.get(key);
    totals.set(key, {
      networkId,
      asset: asset.asset,
      symbol: asset.symbol,
      decimals: asset.decimals,
      total: (BigInt(known?.total ?? '0') + BigInt(asset.balance)).toString(),
      accounts: (known?.accounts ?? 0) + 1,
    });
  }
  return [...totals.values()];
}
