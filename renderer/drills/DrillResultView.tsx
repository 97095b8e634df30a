import type { DrillResult, WalletRecord } from '../../preload/api';
import { StatusLine } from '../components/StatusLine';
import { formatDateTime } from '../format/dates';
import { groupsOf } from '../format/address';
import { t } from '../i18n/t';
import { METHOD } from './drill-words';

/** The dated outcome of one drill. */
export function DrillResultView({ wallet, result }: { wallet: WalletRecord; result: DrillResult }) {
  return (
    <div className="stack">
      <StatusLine tone={result.passed ? 'good' : 'bad'}>
        {t(result.passed ? 'drill.passed' : 'drill.failed', { label: wallet.label })}
      </StatusLine>
      <dl className="facts">
        <dt>{t('drill.when')}</dt>
        <dd>{formatDateTime(result.at)}</dd>
        <dt>{t('drill.method')}</dt>
        <dd>{t(METHOD[result.method])}</dd>
        <dt>{t('drill.opened')}</dt>
        <dd>
          <code className="hex grouped">{groupsOf(result.keyUid, 4).join(' ')}</code>
        </dd>
        <dt>{t('drill.expected')}</dt>
        <dd>
          <code className="hex grouped">{groupsOf(wallet.keyUid, 4).join(' ')}</code>
        </dd>
      </dl>
      <p className="hint">{t('drill.noFundsMoved')}</p>
    </div>
  );
}
