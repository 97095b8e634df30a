// Where each held card or wallet stands in a signing round: its owner signed already, it is
// an owner who can still sign, or it owns nothing in this Safe. Main says which owner each
// holder signs as; until it has answered for a holder, that holder is offered nothing, so an
// owner who signed is never offered a second time.
import type { HolderOwner, SafeSignatures } from '../../preload/api';
import { sameSource, type Holder } from './holders';

/**
 * `checking`: main has not answered for it yet; `unreadable`: main answered without it (a
 * card taken out meanwhile).
 */
export type Standing = 'signed' | 'can-sign' | 'not-an-owner' | 'checking' | 'unreadable';

export interface HolderStanding {
  holder: Holder;
  standing: Standing;
}

export function holderStandings(
  holders: readonly Holder[],
  owners: readonly HolderOwner[],
  signatures: SafeSignatures,
  /** Main's answer for the current holders is still awaited. */
  pending: boolean,
): HolderStanding[] {
  const signed = new Set(signatures.signed.map((o) => o.toLowerCase()));
  return holders.map((holder) => {
    const known = owners.find((o) => sameSource(o.source, holder.source));
    if (!known) return { holder, standing: pending ? 'checking' : 'unreadable' };
    if (known.owner === null) return { holder, standing: 'not-an-owner' };
    return {
      holder,
      standing: signed.has(known.owner.toLowerCase()) ? 'signed' : 'can-sign',
    };
  });
}

/** Enough owners signed: no more signatures are asked for. */
export function thresholdMet(signatures: SafeSignatures): boolean {
  return signatures.signed.length >= signatures.needed;
}
