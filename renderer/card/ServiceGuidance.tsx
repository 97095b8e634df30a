import type { ReadersSnapshot } from '../../preload/api';
import { t } from '../i18n/t';

/** What to do when the smart-card service is not running or no reader is plugged in. */
export function ServiceGuidance({ snapshot }: { snapshot: ReadersSnapshot | null }) {
  if (snapshot === null) return <p role="status">{t('readers.looking')}</p>;
  if (snapshot.state === 'no-service') {
    return (
      <div className="notice notice-warning" role="alert">
        <p className="notice-title">{t('readers.noServiceTitle')}</p>
        <p>{t('readers.noServiceHelp')}</p>
        <pre className="command">{t('readers.startCommand')}</pre>
      </div>
    );
  }
  if (snapshot.state === 'no-reader') {
    return (
      <div className="notice notice-warning" role="alert">
        <p className="notice-title">{t('readers.noReaderTitle')}</p>
        <p>{t('readers.noReaderHelp')}</p>
      </div>
    );
  }
  return null;
}
