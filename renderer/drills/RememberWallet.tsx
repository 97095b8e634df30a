import { useState } from 'react';
import type { SourceRef, WalletRecord } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { useLive } from '../app/LiveContext';
import { shortAddress } from '../format/address';
import { t } from '../i18n/t';
import { RememberForm } from './RememberForm';

/** Remember a wallet from a card that is unlocked or a secret that was rebuilt. */
export function RememberWallet({ onRemembered }: { onRemembered: (wallet: WalletRecord) => void }) {
  const { secrets } = useApp();
  const { sessions } = useLive();
  const [source, setSource] = useState<SourceRef | null>(null);
  const cards = sessions.filter((s) => s.unlocked && s.info.keyUid !== undefined);

  if (cards.length === 0 && secrets.length === 0) return <p>{t('remember.noSource')}</p>;
  if (source) return <RememberForm source={source} onRemembered={onRemembered} />;
  return (
    <ul className="choice-list">
      {cards.map((session) => (
        <li key={session.sessionId}>
          <button
            type="button"
            onClick={() => setSource({ kind: 'card', sessionId: session.sessionId })}
          >
            {t('remember.fromCard', { reader: session.reader })}
          </button>
        </li>
      ))}
      {secrets.map((secret) => (
        <li key={secret.secretId}>
          <button
            type="button"
            onClick={() => setSource({ kind: 'secret', secretId: secret.secretId })}
          >
            {t('remember.fromSecret', { address: shortAddress(secret.addresses[0] ?? '') })}
          </button>
        </li>
      ))}
    </ul>
  );
}
