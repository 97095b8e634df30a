// The open card sessions as main reports them, kept current from card events.
import type { CardEvent, CardSessionView } from '../../preload/api';

export function applyCardEvent(
  sessions: readonly CardSessionView[],
  event: CardEvent,
): CardSessionView[] {
  if (event.type === 'session-closed') {
    return sessions.filter((s) => s.sessionId !== event.sessionId);
  }
  const others = sessions.filter((s) => s.sessionId !== event.session.sessionId);
  return [...others, event.session].sort((a, b) => a.reader.localeCompare(b.reader));
}

/** The session on the card currently in `reader`, if one is open. */
export function sessionInReader(
  sessions: readonly CardSessionView[],
  reader: string,
  cardSeq: number,
): CardSessionView | undefined {
  return sessions.find((s) => s.reader === reader && s.cardSeq === cardSeq);
}
