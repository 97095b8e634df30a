import type { DiscoveryResult } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { formatAmount } from '../format/amount';
import { t } from '../i18n/t';
import { networkName } from '../settings/networks';
import { assetTotals } from './balance-rows';

/** What a wallet holds in total, per network and asset, in one short list. */
export function HoldingsSummary({ discovery }: { discovery: DiscoveryResult }) {
  const { settings } = useApp();
  const totals = assetTotals(discovery);
  if (totals.length === 0) return <p>{t('holdings.nothingLeft')}</p>;
  return (
    <ul className="holdings">
      {totals.map((total) => (
        <li key={`${total.networkId}|${total.asset}`}>
          {t('holdings.item', {
            amount: formatAmount(total.total, total.decimals),
            symbol: total.symbol,
            network: networkName(settings, total.networkId),
            count: total.accounts,
          })}
        </li>
      ))}
    </ul>
  );
}
