import type { DiscoveryResult } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { scannedParams } from '../discovery/scanned-words';
import { t } from '../i18n/t';

/** A search that found no account in use is an answer: said plainly, with what was searched. */
export function NothingToMove({ discovery }: { discovery: DiscoveryResult }) {
  const { settings } = useApp();
  return (
    <div className="notice notice-warning" role="status">
      <p className="notice-title">{t('sweep.nothingFound')}</p>
      <p>{t('sweep.nothingSearched', scannedParams(discovery.scanned, settings))}</p>
      <p>{t('sweep.nothingHelp')}</p>
    </div>
  );
}
