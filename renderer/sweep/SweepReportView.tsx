import type { SweepReport } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { saveFile } from '../components/save-file';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { formatDateTime } from '../format/dates';
import { t } from '../i18n/t';
import { networkName } from '../settings/networks';
import { AssetOutcomeTable } from './AssetOutcomeTable';
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
      <AssetOutcomeTable
        assets={report.assets}
        caption={t('report.assetsCaption')}
        movedLabel={t('report.moved')}
        remainderLabel={t('report.left')}
        remainder={leftBehind}
      />
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
