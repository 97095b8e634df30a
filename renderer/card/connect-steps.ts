// The steps from "a card is in a reader" to "the card is unlocked and usable", as pure
// decisions over what main answered. The component only performs the calls.
import type { CardSessionView, UnblockOutcome, UnlockOutcome } from '../../preload/api';

/**
 * What the card is wanted for: the old card of a restore or sweep (`source`), a backup card
 * to check (`backup`), the destination of a sweep or a load (`new-card`), or the card tools.
 */
export type CardPurpose = 'source' | 'backup' | 'new-card' | 'tools';

/** What the card is doing while a step waits for it. */
export type Activity = 'opening' | 'attesting' | 'pairing' | 'unlocking' | 'setting-up';

export type ConnectStep =
  | { name: 'choose' }
  | { name: 'attested'; session: CardSessionView }
  /** A card without a PIN yet: set it up (new-card) or explain why it cannot be used. */
  | { name: 'blank'; session: CardSessionView }
  /** Set up but holding no wallet key, where one is needed. */
  | { name: 'no-key'; session: CardSessionView }
  | { name: 'password'; session: CardSessionView; wrong: boolean }
  | { name: 'pin'; session: CardSessionView; pinTries: number; wrong: boolean }
  | { name: 'blocked'; session: CardSessionView; pukTries: number; wrong: boolean }
  | { name: 'puk-blocked'; session: CardSessionView }
  | { name: 'ready'; session: CardSessionView };

function needsKey(purpose: CardPurpose): boolean {
  return purpose === 'source' || purpose === 'backup';
}

/** After the attestation was shown: what the card still needs before it can be used. */
export function afterAttestation(
  session: CardSessionView,
  purpose: CardPurpose,
): ConnectStep | 'pair' {
  if (!session.info.initialized) return { name: 'blank', session };
  if (needsKey(purpose) && session.info.keyUid === undefined) return { name: 'no-key', session };
  if (session.unlocked) return { name: 'ready', session };
  return 'pair';
}

/** After pairing: the PIN pad, or the PUK when the PIN is already blocked. */
export function afterPairing(session: CardSessionView): ConnectStep {
  if (session.unlocked) return { name: 'ready', session };
  const status = session.status;
  if (status && status.pinTries === 0) {
    return status.pukTries === 0
      ? { name: 'puk-blocked', session }
      : { name: 'blocked', session, pukTries: status.pukTries, wrong: false };
  }
  // A card that has not reported its counters yet still has the applet's full three.
  return { name: 'pin', session, pinTries: status?.pinTries ?? 3, wrong: false };
}

export function afterUnlock(session: CardSessionView, outcome: UnlockOutcome): ConnectStep {
  if (outcome.unlocked) return { name: 'ready', session: outcome.session };
  if (outcome.pinTries > 0) {
    return { name: 'pin', session, pinTries: outcome.pinTries, wrong: true };
  }
  const pukTries = session.status?.pukTries ?? 0;
  return pukTries === 0
    ? { name: 'puk-blocked', session }
    : { name: 'blocked', session, pukTries, wrong: false };
}

export function afterUnblock(session: CardSessionView, outcome: UnblockOutcome): ConnectStep {
  if (outcome.unblocked) return { name: 'ready', session: outcome.session };
  return outcome.pukTries === 0
    ? { name: 'puk-blocked', session }
    : { name: 'blocked', session, pukTries: outcome.pukTries, wrong: true };
}

/** The session a step is about, if any. */
export function stepSession(step: ConnectStep): CardSessionView | undefined {
  return 'session' in step ? step.session : undefined;
}
