import { describe, expect, it } from 'vitest';
import type { CardSessionView } from '../../../preload/api';
import { KEYCARD_RULES } from '../../../main/cards/keycard/driver';
import { applyCardEvent, sessionInReader } from '../../../renderer/app/live-sessions';

function session(sessionId: string, reader: string, cardSeq = 1): CardSessionView {
  return {
    sessionId,
    reader,
    cardSeq,
    info: {
      family: 'keycard',
      version: '3.1',
      initialized: true,
      instanceUid: '00',
      rules: KEYCARD_RULES,
      capabilities: [],
    },
    paired: false,
    unlocked: false,
  };
}

describe('live card sessions', () => {
  it('adds, replaces and removes sessions by id, ordered by reader', () => {
    let list = applyCardEvent([], { type: 'session-changed', session: session('b', 'Reader 2') });
    list = applyCardEvent(list, { type: 'session-changed', session: session('a', 'Reader 1') });
    expect(list.map((s) => s.sessionId)).toEqual(['a', 'b']);
    list = applyCardEvent(list, {
      type: 'session-changed',
      session: { ...session('a', 'Reader 1'), unlocked: true },
    });
    expect(list).toHaveLength(2);
    expect(list[0]!.unlocked).toBe(true);
    list = applyCardEvent(list, {
      type: 'session-closed',
      sessionId: 'a',
      reader: 'Reader 1',
      reason: 'card-removed',
    });
    expect(list.map((s) => s.sessionId)).toEqual(['b']);
  });

  it('finds the session of the card now in a reader, not of an earlier card', () => {
    const list = [session('old', 'Reader 1', 1), session('new', 'Reader 1', 3)];
    expect(sessionInReader(list, 'Reader 1', 3)?.sessionId).toBe('new');
    expect(sessionInReader(list, 'Reader 1', 2)).toBeUndefined();
  });
});
