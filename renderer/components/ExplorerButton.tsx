import { useState } from 'react';
import { lifeboat } from '../api/lifeboat';
import { useApp } from '../app/AppContext';
import { t } from '../i18n/t';

/**
 * Opens an address or a transaction on the network's explorer, in the person's browser:
 * main builds the link from the explorer in Settings. Where no browser can be opened, the
 * link is shown for copying.
 */
export function ExplorerButton({
  networkId,
  kind,
  value,
}: {
  networkId: string;
  kind: 'address' | 'tx';
  value: string;
}) {
  const { settings } = useApp();
  const [shown, setShown] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const explorer = settings?.networks.find((n) => n.id === networkId)?.explorer;
  if (!explorer?.startsWith('https://')) return null;
  const host = new URL(explorer).host;

  const open = async () => {
    const result = await lifeboat().app.openExplorer({ networkId, kind, value });
    if (result.ok) return;
    const link = result.error.details?.link;
    if (typeof link === 'string') setShown(link);
    else setFailed(true);
  };

  return (
    <>
      <button
        type="button"
        className="small"
        aria-label={t(kind === 'tx' ? 'explorer.openTx' : 'explorer.openAddress', { host, value })}
        onClick={() => void open()}
      >
        {t('explorer.button', { host })}
      </button>
      {shown && (
        <span className="hex explorer-link">{t('explorer.copyLink', { link: shown })}</span>
      )}
      {failed && <span className="tone-bad">{t('explorer.failed')}</span>}
    </>
  );
}
