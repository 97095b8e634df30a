import { useState } from 'react';
import { t } from '../i18n/t';
import { CopyButton } from './CopyButton';
import { ExplorerButton } from './ExplorerButton';
import { QrCode } from './QrCode';

/** Copy, a QR code and explorer links for an address shown in full nearby. */
export function AddressActions({
  address,
  networkIds = [],
}: {
  address: string;
  /** The networks whose explorer can show this address. */
  networkIds?: readonly string[];
}) {
  const [qr, setQr] = useState(false);
  return (
    <div className="address-actions">
      <div className="inline-actions">
        <CopyButton text={address} what={t('copy.address', { address })} />
        <button
          type="button"
          className="small"
          aria-expanded={qr}
          aria-label={t(qr ? 'qr.hide' : 'qr.show', { address })}
          onClick={() => setQr(!qr)}
        >
          {t(qr ? 'qr.hideButton' : 'qr.showButton')}
        </button>
        {networkIds.map((networkId) => (
          <ExplorerButton key={networkId} networkId={networkId} kind="address" value={address} />
        ))}
      </div>
      {qr && <QrCode value={address} label={address} />}
    </div>
  );
}

/** Copy and an explorer link for a transaction hash. */
export function HashActions({ hash, networkId }: { hash: string; networkId: string }) {
  return (
    <span className="inline-actions">
      <CopyButton text={hash} what={t('copy.hash', { hash })} />
      <ExplorerButton networkId={networkId} kind="tx" value={hash} />
    </span>
  );
}
