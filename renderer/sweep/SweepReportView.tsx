import type { SweepReport } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { saveFile } from '../components/save-file';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { formatDateTime } from '../format/dates';
import { formatAmount } from '../format/amount';
import { t } from '../i18n/t';
import { networkName } from '../settings/networks';
import { everythingMoved, leftBehind, reportFilename } from './report-summary';

/** The final report: what moved, what is left on the old accounts, every transaction. */
export function SweepReportView({ report }: { report: SweepReport }) {
  const { settings } = useApp();
  const complete = everythingMoved(report);
  return (
    <section className="stack">
      <StepHeading>{t('report.title')}</StepHeading>
      <StatusLine tone={complete ? 'good' : 'warning'}>
        {t(complete ? 'report.allMoved' : 'report.someLeft')}
      </StatusLine>
      {report.finishedAt && (
        <p>{t('report.finishedAt', { date: formatDateTime(report.finishedAt) })}</p>
      )}
      <h3>{t('report.destination')}</h3>
      <AddressWithIdenticon address={report.destination} />
      <table>
        <caption>{t('report.assetsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review.network')}</th>
            <th scope="col">{t('review.account')}</th>
            <th scope="col">{t('review.asset')}</th>
            <th scope="col" className="number">
              {t('report.moved')}
            </th>
            <th scope="col" className="number">
              {t('report.left')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.assets.map((asset) => (
            <tr key={`${asset.networkId}|${asset.account}|${asset.asset}`}>
              <td>{networkName(settings, asset.networkId)}</td>
              <td>
                <code>{asset.account}</code>
              </td>
              <td>{asset.symbol}</td>
              <td className="number">{formatAmount(asset.moved, asset.decimals)}</td>
              <td className="number">{formatAmount(leftBehind(asset), asset.decimals)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('report.transactions')}</h3>
      <ul className="tx-list">
        {report.transactions.map((tx) => (
          <li key={tx.txHash}>
            {t('report.tx', { network: networkName(settings, tx.networkId), nonce: tx.nonce })}{' '}
            <code className="hex">{tx.txHash}</code>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button
          type="button"
          onClick={() => saveFile(reportFilename(report, 'txt'), report.text, 'text/plain')}
        >
          {t('report.saveText')}
        </button>
        <button
          type="button"
          onClick={() =>
            saveFile(
              reportFilename(report, 'json'),
              `${JSON.stringify(report, null, 2)}\n`,
              'application/json',
            )
          }
        >
          {t('report.saveJson')}
        </button>
      </div>
    </section>
  );
}
