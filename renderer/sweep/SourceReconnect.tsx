import { useState } from 'react';
import type { CardSessionView, SourceRef } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { CardConnect } from '../card/CardConnect';
import { StatusLine } from '../components/StatusLine';
import { t } from '../i18n/t';

interface SourceReconnectProps {
  /** The fingerprint the source must have; any card or secret that is not this wallet is refused. */
  keyUid?: string;
  addresses: readonly string[];
  busy: boolean;
  onSource: (source: SourceRef) => void;
}

/** Bring the sweep's source back: the old card again, or the rebuilt secret still in memory. */
export function SourceReconnect({ keyUid, addresses, busy, onSource }: SourceReconnectProps) {
  const { secrets, go } = useApp();
  const [wrongCard, setWrongCard] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const matching = secrets.filter(
    (s) =>
      (keyUid !== undefined && s.keyUid === keyUid) || addresses.includes(s.addresses[0] ?? ''),
  );
  const cardReady = (session: CardSessionView) => {
    const same = keyUid === undefined || session.info.keyUid === keyUid;
    setWrongCard(!same);
    if (same) onSource({ kind: 'card', sessionId: session.sessionId });
    else setAttempt((n) => n + 1);
  };
  return (
    <div className="stack">
      {wrongCard && <StatusLine tone="bad">{t('reconnect.wrongCard')}</StatusLine>}
      {matching.map((secret) => (
        <button
          key={secret.secretId}
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => onSource({ kind: 'secret', secretId: secret.secretId })}
        >
          {t('reconnect.useSecret', { address: secret.addresses[0] ?? '' })}
        </button>
      ))}
      <CardConnect
        key={attempt}
        purpose="source"
        instruction={t('reconnect.insert')}
        onReady={cardReady}
      />
      <button type="button" className="link" onClick={() => go({ name: 'rebuild' })}>
        {t('reconnect.rebuild')}
      </button>
    </div>
  );
}
