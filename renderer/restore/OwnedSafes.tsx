import { useEffect, useId, useState } from 'react';
import type { ApiError, SafesOwned, SourceRef } from '../../preload/api';
import { ERROR_HELP } from '../../preload/errors';
import { lifeboat } from '../api/lifeboat';
import { useApp } from '../app/AppContext';
import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { formatAmount } from '../format/amount';
import { shortAddress } from '../format/address';
import { t } from '../i18n/t';
import { networkName } from '../settings/networks';

/**
 * The remembered shared wallets (Safes) the opened card is an owner of, each with an Open
 * that goes to its details. Nothing is shown when it owns none; a Safe whose network did
 * not answer gets its own notice and hides nothing else.
 */
export function OwnedSafes({ source }: { source: SourceRef }) {
  const id = useId();
  const { settings, go } = useApp();
  const [owned, setOwned] = useState<SafesOwned | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  // Keyed by value: the screen hands in a new object on every render for the same card.
  const sourceKey = JSON.stringify(source);

  useEffect(() => {
    let current = true;
    void lifeboat()
      .safes.owned({ source: JSON.parse(sourceKey) as SourceRef })
      .then((result) => {
        if (!current) return;
        if (result.ok) setOwned(result.value);
        else setFailure(result.error);
      });
    return () => {
      current = false;
    };
  }, [sourceKey]);

  if (failure) return <ErrorNotice error={failure} />;
  if (!owned) return <StatusLine>{t('restore.safesLooking')}</StatusLine>;
  if (owned.safes.length === 0 && owned.unread.length === 0) return null;
  return (
    <section className="accounts" aria-labelledby={id}>
      <h2 id={id}>{t('restore.safesHeading')}</h2>
      {owned.unread.map(({ safe, error }) => (
        <div
          key={`${safe.networkId}:${safe.address}`}
          className="notice notice-warning"
          role="status"
        >
          <p className="notice-title">
            {t('restore.safeUnread', {
              address: shortAddress(safe.address),
              network: networkName(settings, safe.networkId),
            })}
          </p>
          <p>{ERROR_HELP[error.code]}</p>
        </div>
      ))}
      {owned.safes.map((safe) => (
        <article key={`${safe.networkId}:${safe.address}`} className="account">
          <h3>
            {t('restore.safeTitle', {
              address: shortAddress(safe.address),
              network: networkName(settings, safe.networkId),
            })}
          </h3>
          <AddressWithIdenticon address={safe.address} networkIds={[safe.networkId]} />
          <p>{t('safe.thresholdOf', { threshold: safe.threshold, count: safe.owners.length })}</p>
          <table>
            <caption>{t('accounts.balancesOf', { address: safe.address })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('safe.assetColumn')}</th>
                <th scope="col" className="number">
                  {t('safe.amountColumn')}
                </th>
              </tr>
            </thead>
            <tbody>
              {safe.balances.map((b) => (
                <tr key={b.asset}>
                  <td>{b.symbol}</td>
                  <td className="number">{formatAmount(b.balance, b.decimals)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" onClick={() => go({ name: 'safe', safe })}>
              {t('restore.safeOpen', { address: shortAddress(safe.address) })}
            </button>
          </div>
        </article>
      ))}
    </section>
  );
}
