// The steps from "a card is in a reader" to "the card is unlocked and usable", as pure
// decisions over what main answered and the card's own rules (CardInfo.rules): a pairing
// password is asked for only where the card pairs, and a blocked PIN leads to the PUK only
// where the card has one. A card of the wrong kind (a backup card where a wallet is wanted,
// or the reverse) is named before any PIN is asked for. The component only performs the calls.
import type { ApiError, CardSessionView, UnblockOutcome, UnlockOutcome } from '../../preload/api';
import type { ErrorCode } from '../../preload/errors';
import { cardKind, holdsKey, type CardKind } from './card-words';

/**
 * What the card is wanted for: the old card of a restore or sweep (`source`), a card to
 * check in a drill, wallet or backup card (`backup`), the destination of a sweep or a load
 * (`new-card`), a backup card to read from (`backup-source`) or to keep a copy on
 * (`backup-destination`, set up when blank), or the card tools.
 */
export type CardPurpose =
  'source' | 'backup' | 'new-card' | 'backup-source' | 'backup-destination' | 'tools';

/** What the card is doing while a step waits for it. */
export type Activity = 'opening' | 'attesting' | 'pairing' | 'unlocking' | 'setting-up';

export type ConnectStep =
  | { name: 'choose' }
  | { name: 'attested'; session: CardSessionView }
  /** A card without a PIN yet: set it up (new-card) or explain why it cannot be used. */
  | { name: 'blank'; session: CardSessionView }
  /** Set up but holding no wallet key, where one is needed. */
  | { name: 'no-key'; session: CardSessionView }
  /** A backup card where a wallet card is wanted, or the reverse. */
  | { name: 'wrong-kind'; session: CardSessionView; wanted: CardKind }
  | { name: 'password'; session: CardSessionView; wrong: boolean }
  | { name: 'pin'; session: CardSessionView; pinTries: number; wrong: boolean }
  | { name: 'blocked'; session: CardSessionView; pukTries: number; wrong: boolean }
  /** Locked for good: the PUK is blocked too, or the card has none. */
  | { name: 'puk-blocked'; session: CardSessionView }
  | { name: 'ready'; session: CardSessionView };

const WANTED: Partial<Record<CardPurpose, CardKind>> = {
  source: 'wallet',
  'new-card': 'wallet',
  'backup-source': 'backup',
  'backup-destination': 'backup',
};

/** Whether a blank card is set up here: where a new card is wanted, and in the card tools. */
export function setsUp(purpose: CardPurpose): boolean {
  return purpose === 'new-card' || purpose === 'backup-destination' || purpose === 'tools';
}

/** A wallet card that opens the funds, or is checked in a drill, must hold a wallet. */
function needsKey(purpose: CardPurpose, session: CardSessionView): boolean {
  return purpose === 'source' || (purpose === 'backup' && cardKind(session.info) === 'wallet');
}

/** Right after the card was opened: a card of the wrong kind is named before anything else. */
export function afterOpening(session: CardSessionView, purpose: CardPurpose): ConnectStep | null {
  const wanted = WANTED[purpose];
  return wanted && cardKind(session.info) !== wanted
    ? { name: 'wrong-kind', session, wanted }
    : null;
}

/** After the attestation was shown: what the card still needs before it can be used. */
export function afterAttestation(
  session: CardSessionView,
  purpose: CardPurpose,
): ConnectStep | 'pair' {
  const wrong = afterOpening(session, purpose);
  if (wrong) return wrong;
  if (!session.info.initialized) return { name: 'blank', session };
  if (needsKey(purpose, session) && !holdsKey(session.info)) return { name: 'no-key', session };
  if (session.unlocked) return { name: 'ready', session };
  return 'pair';
}

/** A blocked PIN: the PUK where the card has one and tries are left, else the end. */
function blocked(session: CardSessionView, pukTries: number): ConnectStep {
  return session.info.rules.puk === null || pukTries === 0
    ? { name: 'puk-blocked', session }
    : { name: 'blocked', session, pukTries, wrong: false };
}

/** After pairing: the PIN pad, or the PUK when the PIN is already blocked. */
export function afterPairing(session: CardSessionView): ConnectStep {
  if (session.unlocked) return { name: 'ready', session };
  const status = session.status;
  if (status && status.pinTries === 0) return blocked(session, status.pukTries);
  // A card that has not reported its counters yet still has its family's default tries.
  const pinTries = status?.pinTries ?? session.info.rules.pinTries.default;
  return { name: 'pin', session, pinTries, wrong: false };
}

/**
 * When pairing failed: the password form where the card pairs and the password was the
 * problem (`wrong` once a typed one was refused); null when the error is to be shown as is.
 */
export function afterPairingError(
  session: CardSessionView,
  code: ErrorCode,
  typedPassword: boolean,
): ConnectStep | null {
  if (!session.info.rules.pairing || code !== 'wrong-pairing-password') return null;
  return { name: 'password', session, wrong: typedPassword };
}

export function afterUnlock(session: CardSessionView, outcome: UnlockOutcome): ConnectStep {
  if (outcome.unlocked) return { name: 'ready', session: outcome.session };
  if (outcome.pinTries > 0) {
    return { name: 'pin', session, pinTries: outcome.pinTries, wrong: true };
  }
  return blocked(session, session.status?.pukTries ?? 0);
}

/**
 * When the card's answer to a PIN or PUK was lost (`answer-lost`): nothing was sent again,
 * so the person decides, in front of the tries the card reports now. Null when the card
 * could not say, or for any other error.
 */
export function afterLostAnswer(session: CardSessionView, error: ApiError): ConnectStep | null {
  const pinTries = error.details?.pinTries;
  const pukTries = error.details?.pukTries;
  if (error.code !== 'answer-lost' || typeof pinTries !== 'number' || typeof pukTries !== 'number')
    return null;
  if (pinTries === 0) return blocked(session, pukTries);
  return { name: 'pin', session, pinTries, wrong: false };
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
