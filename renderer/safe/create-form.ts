// The rules of the "new Safe" form as pure functions, so that what the form shows selected is
// what it plans with, and a button that cannot be pressed says why.
import type { SourceRef } from '../../preload/api';
import type { MessageKey } from '../i18n/t';

/** The threshold the form shows and plans with: the one chosen, within 1 to the owners. */
export function shownThreshold(chosen: number, owners: number): number {
  return Math.min(Math.max(chosen, 1), Math.max(owners, 1));
}

/** Who pays when the person has not chosen: the only card or wallet held, if there is one. */
export function payerOf(
  chosen: SourceRef | null,
  held: readonly { source: SourceRef }[],
): SourceRef | null {
  return chosen ?? (held.length === 1 ? held[0]!.source : null);
}

/** What is still missing before the new Safe's address can be shown; null when nothing is. */
export function missingForPlan(owners: number, payer: SourceRef | null): MessageKey | null {
  if (owners === 0) return 'safe.needOwner';
  if (!payer) return 'safe.needPayer';
  return null;
}
