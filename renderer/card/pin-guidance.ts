// What the PIN pad says before every attempt: how many tries are left and what happens when
// they run out, so nobody blocks a card without knowing the consequence.
import type { MessageKey } from '../i18n/t';

export interface Guidance {
  key: MessageKey;
  tone: 'info' | 'warning' | 'bad';
}

export function pinGuidance(pinTries: number): Guidance {
  if (pinTries <= 0) return { key: 'pin.blocked', tone: 'bad' };
  if (pinTries === 1) return { key: 'pin.lastTry', tone: 'warning' };
  return { key: 'pin.atZero', tone: 'info' };
}

export function pukGuidance(pukTries: number): Guidance {
  if (pukTries <= 0) return { key: 'puk.blocked', tone: 'bad' };
  if (pukTries === 1) return { key: 'puk.lastTry', tone: 'warning' };
  return { key: 'puk.atZero', tone: 'info' };
}
