import type { DiscoveryResult } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { AddressGroups } from '../components/AddressGroups';
import { SCHEME_NAME } from '../discovery/scheme-names';
import { formatAmount } from '../format/amount';
import { t } from '../i18n/t';
import { networkName } from '../settings/networks';

/** The accounts found in use, each with its balances per network. */
export function AccountsView({ discovery }: { discovery: DiscoveryResult }) {
  const { settings } = useApp();
  if (discovery.accounts.length === 0) {
    return (
      <div className="notice notice-warning">
        <p className="notice-title">{t('accounts.none')}</p>
        <p>{t('accounts.noneHelp')}</p>
      </div>
    );
  }
  return (
    <div className="accounts">
      <p>
        {t('accounts.scanned', {
          addresses: discovery.scanned.addresses,
          networks: discovery.scanned.networkIds.length,
          tokens: discovery.scanned.tokens,
        })}
      </p>
      {discovery.accounts.map((account) => (
        <article key={`${account.scheme}|${account.index}`} className="account">
          <h3>
            {t('accounts.title', {
              scheme: t(SCHEME_NAME[account.scheme]),
              number: account.index + 1,
            })}
          </h3>
          <AddressGroups address={account.address} />
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
              </tr>
            </thead>
            <tbody>
              {account.balances.flatMap((network) =>
                network.assets.map((asset) => (
                  <tr key={`${network.networkId}|${asset.asset}`}>
                    <td>{networkName(settings, network.networkId)}</td>
                    <td>{asset.symbol}</td>
                    <td className="number">{formatAmount(asset.balance, asset.decimals)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </article>
      ))}
    </div>
  );
}
