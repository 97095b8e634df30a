// Prices for the assets on a screen, read by main from Chainlink feeds through the person's
// own RPC servers, and only when the person turned values on in Settings.
import { useEffect, useState } from 'react';
import type { AssetPrice } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { priceKey } from '../format/money';
import { useApp } from './AppContext';

export interface PricedAsset {
  networkId: string;
  asset: string;
}

export interface Prices {
  /** False while values are off: nothing is read and no column is shown. */
  on: boolean;
  loading: boolean;
  prices: ReadonlyMap<string, AssetPrice>;
}

export function usePrices(assets: readonly PricedAsset[]): Prices {
  const { settings } = useApp();
  const on = settings?.preferences.showValues === true;
  const wanted = [...new Set(assets.map((a) => priceKey(a.networkId, a.asset)))].sort();
  const key = wanted.join(',');
  const [state, setState] = useState<{ key: string; prices: ReadonlyMap<string, AssetPrice> }>({
    key: '',
    prices: new Map(),
  });

  useEffect(() => {
    if (!on || key === '') return;
    let current = true;
    const refs = key.split(',').map((k) => {
      const [networkId = '', asset = ''] = k.split('|');
      return { networkId, asset };
    });
    void lifeboat()
      .prices.read({ assets: refs })
      .then((result) => {
        if (!current) return;
        const prices = new Map<string, AssetPrice>();
        if (result.ok) {
          for (const price of result.value)
            prices.set(priceKey(price.networkId, price.asset), price);
        }
        setState({ key, prices });
      });
    return () => {
      current = false;
    };
  }, [on, key]);

  return { on, loading: on && key !== '' && state.key !== key, prices: state.prices };
}
