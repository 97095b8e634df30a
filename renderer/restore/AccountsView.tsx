import type { DiscoveryResult } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { usePrices } from '../app/usePrices';
import { AddressActions } from '../components/AddressActions';
import { AddressGroups } from '../components/AddressGroups';
import { MoneyTotal, MoneyValue } from '../components/MoneyValue';
import { StatusLine } from '../components/StatusLine';
import { holdings } from '../discovery/balance-rows';
import { SCHEME_NAME } from '../discovery/scheme-names';
import { formatAmount } from '../format/amount';
import { formatCents, totalOf, valuation } from '../format/money';
import { t } from '../i18n/t';
import { networkName } from '../settings/networks';

/** The accounts found in use, each with its balances per network (and their values, when on). */
export function AccountsView({ discovery }: { discovery: DiscoveryResult }) {
  const { settings } = useApp();
  const all = holdings(discovery);
  const values = usePrices(all.map((h) => ({ networkId: h.networkId, asset: h.asset.asset })));
  const worth = (networkId: string, asset: { asset: string; balance: string; decimals: number }) =>
    valuation(values.prices, networkId, asset.asset, asset.balance, asset.decimals);
  if (discovery.accounts.length === 0) {
    return (
      <div className="notice notice-warning">
        <p className="notice-title">{t('accounts.none')}</p>
        <p>{t('accounts.noneHelp')}</p>
      </div>
    );
  }
  const wallet = totalOf(all.map((h) => worth(h.networkId, h.asset)));
  return (
    <div className="accounts">
      <p>
        {t('accounts.scanned', {
          addresses: discovery.scanned.addresses,
          networks: discovery.scanned.networkIds.length,
          tokens: discovery.scanned.tokens,
        })}
      </p>
      {values.on &&
        (values.loading ? (
          <StatusLine>{t('money.loading')}</StatusLine>
        ) : (
          <p className="wallet-total">
            {t(wallet.partial ? 'money.walletTotalPartial' : 'money.walletTotal', {
              value: formatCents(wallet.cents),
            })}
          </p>
        ))}
      {discovery.accounts.map((account) => {
        const rows = account.balances.flatMap((network) =>
          network.assets.map((asset) => ({ networkId: network.networkId, asset })),
        );
        return (
          <article key={`${account.scheme}|${account.index}`} className="account">
            <h3>
              {t('accounts.title', {
                scheme: t(SCHEME_NAME[account.scheme]),
                number: account.index + 1,
              })}
            </h3>
            <AddressGroups address={account.address} />
            <AddressActions
              address={account.address}
              networkIds={account.balances.map((b) => b.networkId)}
            />
            <p className="hint">{t('accounts.path', { path: account.path })}</p>
            <table>
              <caption>{t('accounts.balancesOf', { address: account.address })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('accounts.network')}</th>
                  <th scope="col">{t('accounts.asset')}</th>
                  <th scope="col" className="number">
                    {t('accounts.balance')}
                  </th>
                  {values.on && (
                    <th scope="col" className="number">
                      {t('money.column')}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {rows.map(({ networkId, asset }) => (
                  <tr key={`${networkId}|${asset.asset}`}>
                    <td>{networkName(settings, networkId)}</td>
                    <td>{asset.symbol}</td>
                    <td className="number">{formatAmount(asset.balance, asset.decimals)}</td>
                    {values.on && (
                      <td className="number">
                        {!values.loading && <MoneyValue valuation={worth(networkId, asset)} />}
                      </td>
                    )}
                  </tr>
                ))}
                {values.on && !values.loading && (
                  <tr className="total-row">
                    <td colSpan={3}>{t('money.accountTotal')}</td>
                    <td className="number">
                      <MoneyTotal
                        total={totalOf(rows.map(({ networkId, asset }) => worth(networkId, asset)))}
                      />
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </article>
        );
      })}
    </div>
  );
}
