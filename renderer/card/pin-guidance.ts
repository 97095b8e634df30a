// What the PIN pad says before every attempt: how many tries are left and what happens when
// they run out, so nobody blocks a card without knowing the consequence. What happens at zero
// depends on the card's rules: with a PUK the PIN can be unblocked, without one it cannot.
import type { CredentialRules } from '../../preload/api';
import type { MessageKey, Params } from '../i18n/t';
import { ruleText } from './secret-rules';

export interface Guidance {
  key: MessageKey;
  tone: 'info' | 'warning' | 'bad';
  params?: Params;
}

export function pinGuidance(pinTries: number, rules: CredentialRules): Guidance {
  if (pinTries <= 0) return { key: 'pin.blocked', tone: 'bad' };
  if (!rules.puk) {
    return pinTries === 1
      ? { key: 'pin.lastTryNoPuk', tone: 'warning' }
      : { key: 'pin.atZeroNoPuk', tone: 'info' };
  }
  const params = { rule: ruleText(rules.puk) };
  if (pinTries === 1) return { key: 'pin.lastTry', tone: 'warning', params };
  return { key: 'pin.atZero', tone: 'info', params };
}

/** What the last wrong PUK does depends on the card: it stays locked, or it erases itself. */
export function pukGuidance(
  pukTries: number,
  exhausted: CredentialRules['pukExhausted'] = 'locked',
): Guidance {
  if (pukTries <= 0) return { key: 'puk.blocked', tone: 'bad' };
  if (exhausted === 'wiped')
    return pukTries === 1
      ? { key: 'puk.lastTryWipes', tone: 'warning' }
      : { key: 'puk.atZeroWipes', tone: 'info' };
  if (pukTries === 1) return { key: 'puk.lastTry', tone: 'warning' };
  return { key: 'puk.atZero', tone: 'info' };
}
