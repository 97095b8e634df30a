import type { AssetOutcome } from '../../preload/api';
import { MoneyValue } from '../components/MoneyValue';
import type { Valuation } from '../format/money';
import { t } from '../i18n/t';
import { useApp } from '../app/AppContext';
import { shortAddress } from '../format/address';
import { formatAmount } from '../format/amount';
import { networkName } from '../settings/networks';

interface AssetOutcomeTableProps {
  assets: readonly AssetOutcome[];
  caption: string;
  /** The plan review has its heading above the table; the report shows the caption. */
  captionHidden?: boolean;
  movedLabel: string;
  remainderLabel: string;
  /** Expected before a sweep, read from the chain after it. */
  remainder: (asset: AssetOutcome) => string;
  /** After a sweep: what the plan meant to move, beside what moved. */
  planned?: { label: string; amount: (asset: AssetOutcome) => string };
  /** What moves (or moved) is worth, when values are on. */
  value?: { label: string; of: (asset: AssetOutcome) => Valuation | undefined };
}

/** One row per asset and source account: what moves and what stays behind. */
export function AssetOutcomeTable(props: AssetOutcomeTableProps) {
  const { settings } = useApp();
  return (
    <table>
      <caption className={props.captionHidden ? 'visually-hidden' : undefined}>
        {props.caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('review.network')}</th>
          <th scope="col">{t('review.account')}</th>
          <th scope="col">{t('review.asset')}</th>
          {props.planned && (
            <th scope="col" className="number">
              {props.planned.label}
            </th>
          )}
          <th scope="col" className="number">
            {props.movedLabel}
          </th>
          {props.value && (
            <th scope="col" className="number">
              {props.value.label}
            </th>
          )}
          <th scope="col" className="number">
            {props.remainderLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.assets.map((asset) => (
          <tr key={`${asset.networkId}|${asset.account}|${asset.asset}`}>
            <td>{networkName(settings, asset.networkId)}</td>
            <td>
              <code title={asset.account}>{shortAddress(asset.account)}</code>
            </td>
            <td>{asset.symbol}</td>
            {props.planned && (
              <td className="number">
                {formatAmount(props.planned.amount(asset), asset.decimals)}
              </td>
            )}
            <td className="number">{formatAmount(asset.moved, asset.decimals)}</td>
            {props.value && <ValueCell valuation={props.value.of(asset)} />}
            <td className="number">{formatAmount(props.remainder(asset), asset.decimals)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ValueCell({ valuation }: { valuation: Valuation | undefined }) {
  return <td className="number">{valuation && <MoneyValue valuation={valuation} />}</td>;
}
