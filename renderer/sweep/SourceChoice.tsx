import { useState } from 'react';
import type { CardSessionView } from '../../preload/api';
import { useApp } from '../app/AppContext';
import { useLive } from '../app/LiveContext';
import type { KnownSource } from '../app/screens';
import { CardConnect } from '../card/CardConnect';
import { shortAddress } from '../format/address';
import { t } from '../i18n/t';

interface SourceChoiceProps {
  onChoose: (source: KnownSource) => void;
}

function cardSource(session: CardSessionView): KnownSource {
  return {
    source: { kind: 'card', sessionId: session.sessionId },
    keyUid: session.info.keyUid ?? '',
  };
}

/** Where the funds come from: an unlocked card, a rebuilt secret, or a card to connect now. */
export function SourceChoice({ onChoose }: SourceChoiceProps) {
  const { secrets, go } = useApp();
  const { sessions } = useLive();
  const [connecting, setConnecting] = useState(false);
  const cards = sessions.filter((s) => s.unlocked && s.info.keyUid !== undefined);

  if (connecting) {
    return (
      <CardConnect
        purpose="source"
        instruction={t('sweep.insertOld')}
        onReady={(session) => onChoose(cardSource(session))}
      />
    );
  }
  return (
    <div className="stack">
      <p>{t('sweep.sourceIntro')}</p>
      <ul className="choice-list">
        {cards.map((session) => (
          <li key={session.sessionId}>
            <button type="button" onClick={() => onChoose(cardSource(session))}>
              {t('sweep.useCard', { reader: session.reader })}
            </button>
          </li>
        ))}
        {secrets.map((secret) => (
          <li key={secret.secretId}>
            <button
              type="button"
              onClick={() =>
                onChoose({
                  source: { kind: 'secret', secretId: secret.secretId },
                  keyUid: secret.keyUid,
                })
              }
            >
              {t('sweep.useSecret', { address: shortAddress(secret.addresses[0] ?? '') })}
            </button>
          </li>
        ))}
        <li>
          <button type="button" onClick={() => setConnecting(true)}>
            {t('sweep.connectOld')}
          </button>
        </li>
        <li>
          <button type="button" onClick={() => go({ name: 'rebuild' })}>
            {t('sweep.rebuildFirst')}
          </button>
        </li>
      </ul>
    </div>
  );
}
