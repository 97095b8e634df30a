import type { DiscoveryProgress } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { StatusLine } from '../components/StatusLine';
import { t } from '../i18n/t';
import { networkName } from '../settings/networks';
import { progressTotals } from './discovery-progress';
import { SCHEME_NAME } from './scheme-names';

/** Which schemes and networks have been searched, and how many accounts are in use so far. */
export function DiscoveryProgressView({ rows }: { rows: readonly DiscoveryProgress[] }) {
  const { settings } = useApp();
  const totals = progressTotals(rows);
  return (
    <div className="discovery-progress">
      <StatusLine>
        {t('discovery.summary', {
          scanned: totals.scanned,
          found: totals.found,
          networks: totals.networks,
        })}
      </StatusLine>
      <progress aria-label={t('discovery.progressLabel')} />
      {rows.length > 0 && (
        <table>
          <caption className="visually-hidden">{t('discovery.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('discovery.scheme')}</th>
              <th scope="col">{t('discovery.network')}</th>
              <th scope="col">{t('discovery.scanned')}</th>
              <th scope="col">{t('discovery.found')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.scheme}|${row.networkId}`}>
                <td>{t(SCHEME_NAME[row.scheme])}</td>
                <td>{networkName(settings, row.networkId)}</td>
                <td>{row.scanned}</td>
                <td>{row.found}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
