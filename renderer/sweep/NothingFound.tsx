import type { DiscoveryResult } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { StatusLine } from '../components/StatusLine';
import { SCHEME_NAME } from '../discovery/scheme-names';
import { t } from '../i18n/t';
import { networkName } from '../settings/networks';

/** Finding nothing is an answer: where Lifeboat looked and how far, before any card is set up. */
export function NothingFound({ discovery }: { discovery: DiscoveryResult }) {
  const { settings, go } = useApp();
  const { scanned } = discovery;
  return (
    <div className="stack">
      <StatusLine tone="warning">
        {t('sweep.nothingFound', {
          networks: scanned.networkIds.map((id) => networkName(settings, id)).join(', '),
          count: scanned.addresses,
          schemes: scanned.schemes.map((s) => t(SCHEME_NAME[s])).join(', '),
        })}
      </StatusLine>
      {discovery.accounts.length > 0 && (
        <p>{t('sweep.usedButEmpty', { count: discovery.accounts.length })}</p>
      )}
      <p>{t('sweep.nothingFoundHelp')}</p>
      <div className="actions">
        <button type="button" onClick={() => go({ name: 'settings' })}>
          {t('sweep.checkNetworks')}
        </button>
        <button type="button" className="primary" onClick={() => go({ name: 'home' })}>
          {t('common.home')}
        </button>
      </div>
    </div>
  );
}
