// Values in US dollars: a balance in base units times a price per whole unit, computed with
// integers (cents, rounded half up) so a value never drifts from the amount shown beside it.
import type { AssetPrice } from '../../preload/api';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** The value of `baseUnits` of an asset with `decimals` at `price` dollars per unit, in cents. */
export function valueInCents(baseUnits: string, decimals: number, price: string): bigint {
  const [whole = '0', fraction = ''] = price.split('.');
  const scale = 10n ** BigInt(fraction.length);
  const priceScaled = BigInt(`${whole}${fraction}`);
  const numerator = BigInt(baseUnits) * priceScaled * 100n;
  const denominator = 10n ** BigInt(decimals) * scale;
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** "$1,234.56". */
export function formatCents(cents: bigint): string {
  return usd.format(Number(cents) / 100);
}

/** The key prices are found by: a network and an asset (`native` or a lowercase address). */
export function priceKey(networkId: string, asset: string): string {
  return `${networkId}|${asset === 'native' ? asset : asset.toLowerCase()}`;
}

export type Valuation =
  | { kind: 'value'; cents: bigint; pair: string }
  | { kind: 'stale'; updatedAt: string; pair: string }
  | { kind: 'none' };

export function valuation(
  prices: ReadonlyMap<string, AssetPrice>,
  networkId: string,
  asset: string,
  baseUnits: string,
  decimals: number,
): Valuation {
  const price = prices.get(priceKey(networkId, asset));
  // Nothing is worth nothing, whatever its price.
  if (BigInt(baseUnits) === 0n) return { kind: 'value', cents: 0n, pair: '' };
  if (!price) return { kind: 'none' };
  if (price.state === 'ok') {
    return { kind: 'value', cents: valueInCents(baseUnits, decimals, price.usd), pair: price.pair };
  }
  if (price.state === 'stale')
    return { kind: 'stale', updatedAt: price.updatedAt, pair: price.pair };
  return { kind: 'none' };
}

/** A total of several values; `partial` when some of them have no usable price. */
export interface Total {
  cents: bigint;
  partial: boolean;
}

export function totalOf(valuations: readonly Valuation[]): Total {
  return valuations.reduce<Total>(
    (total, v) =>
      v.kind === 'value' ? { ...total, cents: total.cents + v.cents } : { ...total, partial: true },
    { cents: 0n, partial: false },
  );
}
