import type { SweepPlanView, SweepReport } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { usePrices } from '../app/usePrices';
import { HashActions } from '../components/AddressActions';
import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { saveFile } from '../components/save-file';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { shortAddress } from '../format/address';
import { formatDateTime } from '../format/dates';
import { valuation } from '../format/money';
import { t, type MessageKey } from '../i18n/t';
import { networkName } from '../settings/networks';
import { AssetOutcomeTable } from './AssetOutcomeTable';
import type { SweptHolder } from './SweepConfirm';
import {
  differsFromPlan,
  everythingMoved,
  leftBehind,
  plannedAmounts,
  reportFilename,
  transactionsByAccount,
  type TransactionGroup,
} from './report-summary';

const TX_KIND: Record<TransactionGroup['transactions'][number]['kind'], MessageKey> = {
  token: 'report.txToken',
  native: 'report.txNative',
  'top-up': 'report.txTopUp',
};

/**
 * The final report: what was planned and what moved, what is left on the old accounts, every
 * transaction by account and step, and what to do now.
 */
export function SweepReportView({
  report,
  plan,
  holder = 'accounts',
}: {
  report: SweepReport;
  plan: SweepPlanView;
  holder?: SweptHolder;
}) {
  const { settings, go } = useApp();
  const complete = everythingMoved(report);
  const values = usePrices(report.assets.map((a) => ({ networkId: a.networkId, asset: a.asset })));
  return (
    <section className="stack">
      <StepHeading>{t('report.title')}</StepHeading>
      <StatusLine tone={complete ? 'good' : 'warning'}>
        {t(
          complete
            ? holder === 'safe'
              ? 'report.allMovedSafe'
              : 'report.allMoved'
            : 'report.someLeft',
        )}
      </StatusLine>
      {report.finishedAt && (
        <p>{t('report.finishedAt', { date: formatDateTime(report.finishedAt) })}</p>
      )}
      <h3>{t('report.destination')}</h3>
      <AddressWithIdenticon
        address={report.destination}
        networkIds={[...new Set(report.assets.map((a) => a.networkId))]}
      />
      <AssetOutcomeTable
        assets={report.assets}
        caption={t('report.assetsCaption')}
        planned={{ label: t('report.planned'), amount: plannedAmounts(plan) }}
        movedLabel={t('report.moved')}
        remainderLabel={t('report.left')}
        remainder={leftBehind}
        {...(values.on
          ? {
              value: {
                label: t('report.valueColumn'),
                of: (asset) =>
                  values.loading
                    ? undefined
                    : valuation(
                        values.prices,
                        asset.networkId,
                        asset.asset,
                        asset.moved,
                        asset.decimals,
                      ),
              },
            }
          : {})}
      />
      {differsFromPlan(report, plan) && <p className="hint">{t('report.nativeRecomputed')}</p>}
      <h3>{t('report.transactions')}</h3>
      {transactionsByAccount(report, plan).map((group) => (
        <div key={`${group.networkId}|${group.account}`} className="tx-group">
          <h4>
            {t('report.txAccount', {
              account: shortAddress(group.account),
              network: networkName(settings, group.networkId),
            })}
          </h4>
          <ul className="tx-list">
            {group.transactions.map((tx) => (
              <li key={tx.txHash}>
                {t(TX_KIND[tx.kind], { number: tx.step + 1, symbol: tx.symbol })}{' '}
                <code className="hex">{tx.txHash}</code>{' '}
                <HashActions hash={tx.txHash} networkId={group.networkId} />
              </li>
            ))}
          </ul>
        </div>
      ))}
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
      <h3>{t('report.nextTitle')}</h3>
      <ul className="next-steps">
        {!complete && <li>{t('report.nextLeft')}</li>}
        {holder === 'safe' ? (
          <>
            <li>{t('report.nextCheckSafe')}</li>
            <li>{t('report.nextSafeStays')}</li>
          </>
        ) : (
          <>
            <li>{t('report.nextCheck')}</li>
            <li>{t('report.nextBackup')}</li>
            <li>{t('report.nextOld')}</li>
          </>
        )}
        <li>{t('report.nextSave')}</li>
      </ul>
      <div className="actions">
        <button type="button" className="primary" onClick={() => go({ name: 'home' })}>
          {t('common.home')}
        </button>
        <button type="button" onClick={() => go({ name: 'drills' })}>
          {t('report.toDrills')}
        </button>
      </div>
    </section>
  );
}
