// Readers and card sessions, watched once for the whole console.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { CardSessionView, ReadersSnapshot } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { applyCardEvent } from './live-sessions';

export interface Live {
  /** Null until main has answered the first time. */
  readers: ReadersSnapshot | null;
  sessions: CardSessionView[];
  /**
   * Records a session view a call has just returned. Main announces most changes as events,
   * but not every call does (opening, attesting), so what a call returns is noted too.
   */
  note: (session: CardSessionView) => void;
}

const LiveContext = createContext<Live>({ readers: null, sessions: [], note: () => undefined });

export function LiveProvider({ children }: { children: ReactNode }) {
  const [readers, setReaders] = useState<ReadersSnapshot | null>(null);
  const [sessions, setSessions] = useState<CardSessionView[]>([]);

  useEffect(() => {
    const api = lifeboat();
    let current = true;
    const stopReaders = api.readers.watch((snapshot) => setReaders(snapshot));
    const stopCards = api.cards.watch((event) =>
      setSessions((list) => applyCardEvent(list, event)),
    );
    void api.readers.list().then((result) => {
      if (current && result.ok) setReaders((seen) => seen ?? result.value);
    });
    void api.cards.list().then((result) => {
      if (current && result.ok) setSessions(result.value);
    });
    return () => {
      current = false;
      stopReaders();
      stopCards();
    };
  }, []);

  const note = (session: CardSessionView) =>
    setSessions((list) => applyCardEvent(list, { type: 'session-changed', session }));
  return <LiveContext value={{ readers, sessions, note }}>{children}</LiveContext>;
}

export function useLive(): Live {
  return useContext(LiveContext);
}
