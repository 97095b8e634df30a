import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { useLive } from '../app/LiveContext';
import { sessionInReader } from '../app/live-sessions';
import { ServiceGuidance } from '../card/ServiceGuidance';
import { t } from '../i18n/t';
import { ReaderPanel } from './ReaderPanel';

const hasCard = (state: string) => state === 'card-present' || state === 'connected';

/**
 * The live panel of readers and cards. A card that appears is opened and asked to prove it
 * is genuine right away (neither needs the PIN), so the panel can say what it is.
 */
export function ReadersOverview() {
  const { readers, sessions, note } = useLive();
  const [problems, setProblems] = useState<Record<string, ApiError>>({});
  const tried = useRef(new Set<string>());

  useEffect(() => {
    const api = lifeboat();
    for (const reader of readers?.readers ?? []) {
      const key = `${reader.name}#${reader.cardSeq}`;
      if (!hasCard(reader.state) || tried.current.has(key)) continue;
      if (sessionInReader(sessions, reader.name, reader.cardSeq)?.attestation) continue;
      tried.current.add(key);
      void (async () => {
        const opened = await api.cards.open({ reader: reader.name });
        if (!opened.ok) return setProblems((all) => ({ ...all, [key]: opened.error }));
        note(opened.value);
        const identified = await api.cards.identify({ sessionId: opened.value.sessionId });
        if (!identified.ok) return setProblems((all) => ({ ...all, [key]: identified.error }));
        note({ ...opened.value, attestation: identified.value });
      })();
    }
  }, [readers, sessions, note]);

  return (
    <section aria-labelledby="readers-heading">
      <h2 id="readers-heading">{t('home.readersTitle')}</h2>
      <ServiceGuidance snapshot={readers} />
      {readers?.state === 'ready' && (
        <ul className="reader-panels" aria-live="polite">
          {readers.readers.map((reader) => (
            <ReaderPanel
              key={reader.name}
              reader={reader}
              session={
                hasCard(reader.state)
                  ? sessionInReader(sessions, reader.name, reader.cardSeq)
                  : undefined
              }
              problem={problems[`${reader.name}#${reader.cardSeq}`]}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
