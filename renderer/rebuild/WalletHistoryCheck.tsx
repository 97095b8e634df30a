import { useEffect, useEffectEvent } from 'react';
import type { SourceRef, WalletHistory } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { DiscoveryProgressView } from '../discovery/DiscoveryProgressView';
import { HoldingsSummary } from '../discovery/HoldingsSummary';
import { scannedParams } from '../discovery/scanned-words';
import { useWalletHistory } from '../discovery/useDiscovery';
import { lastResult } from '../drills/drill-words';
import { formatDateTime } from '../format/dates';
import { t } from '../i18n/t';

interface WalletHistoryCheckProps {
  source: SourceRef;
  /** Called with the answer once it is known. */
  onAnswer: (history: WalletHistory) => void;
}

/**
 * Whether a rebuilt wallet was ever used, found as soon as it is open. A wrong passphrase
 * opens a valid wallet of its own, nearly always unused: this is how the person learns it.
 */
export function WalletHistoryCheck({ source, onAnswer }: WalletHistoryCheckProps) {
  const { settings, go } = useApp();
  const history = useWalletHistory();

  const check = async () => {
    const answer = await history.run(source);
    if (answer) onAnswer(answer);
  };
  const onMount = useEffectEvent(() => void check());
  useEffect(() => onMount(), []);

  return (
    <div className="stack wallet-history">
      {history.busy && (
        <>
          <StatusLine>{t('history.searching')}</StatusLine>
          <DiscoveryProgressView rows={history.rows} />
        </>
      )}
      <ErrorNotice error={history.error} />
      {history.error && (
        <div className="actions">
          <button type="button" onClick={() => void check()}>
            {t('common.tryAgain')}
          </button>
          <button type="button" onClick={() => go({ name: 'settings' })}>
            {t('nav.settings')}
          </button>
        </div>
      )}
      {history.value && <HistoryAnswer history={history.value} settings={settings} />}
    </div>
  );
}

function HistoryAnswer({
  history,
  settings,
}: {
  history: WalletHistory;
  settings: ReturnType<typeof useApp>['settings'];
}) {
  const scanned = scannedParams(history.discovery.scanned, settings);
  const remembered = history.remembered;
  const last = remembered && lastResult(remembered.results);
  return (
    <>
      {history.used ? (
        <>
          <StatusLine tone="good">{t('history.used')}</StatusLine>
          <HoldingsSummary discovery={history.discovery} />
        </>
      ) : (
        <div className="notice notice-warning" role="status">
          <p className="notice-title">{t('history.unused')}</p>
          <p>{t('history.unusedHelp', scanned)}</p>
        </div>
      )}
      {remembered && (
        <p>
          {t('history.remembered', { label: remembered.label })}{' '}
          {last
            ? t(last.passed ? 'drills.lastPassed' : 'drills.lastFailed', {
                date: formatDateTime(last.at),
              })
            : t('history.neverDrilled')}
        </p>
      )}
    </>
  );
}
