// Where each held card or wallet stands in a signing round: its owner signed already, it is
// an owner who can still sign, or it owns nothing in this Safe. Main says which owner each
// holder signs as; a holder main could not read yet is offered, and main refuses it by name
// if it is not an owner.
import type { HolderOwner, SafeSignatures } from '../../preload/api';
import { sameSource, type Holder } from './holders';

export type Standing = 'signed' | 'can-sign' | 'not-an-owner' | 'unknown';

export interface HolderStanding {
  holder: Holder;
  standing: Standing;
}

export function holderStandings(
  holders: readonly Holder[],
  owners: readonly HolderOwner[],
  signatures: SafeSignatures,
): HolderStanding[] {
  const signed = new Set(signatures.signed.map((o) => o.toLowerCase()));
  return holders.map((holder) => {
    const known = owners.find((o) => sameSource(o.source, holder.source));
    if (!known) return { holder, standing: 'unknown' };
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
