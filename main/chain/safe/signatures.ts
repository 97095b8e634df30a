// Owner signatures of a Safe transaction: 65 bytes r ‖ s ‖ v with v = 27/28, each made over the
// safeTxHash itself (what a card signs: the digest, no message prefix). Every signature is
// recovered here before it is used, and the Safe takes them in strictly ascending order of
// owner address (else it reverts with GS026), exactly as many as its threshold.
import { concat, getAddress, recoverAddress } from 'ethers';
import { LifeboatError } from '../../errors';

export interface OwnerSignature {
  owner: string;
  /** 0x r ‖ s ‖ v, v = 27 or 28. */
  signature: string;
}

const SIGNATURE = /^0x[0-9a-fA-F]{128}(1b|1c)$/;

/** The address a digest signature recovers to; `signature-invalid` for anything else. */
export function recoverSigner(hash: string, signature: string): string {
  if (!SIGNATURE.test(signature)) throw new LifeboatError('signature-invalid');
  try {
    return recoverAddress(hash, signature);
  } catch {
    throw new LifeboatError('signature-invalid');
  }
}

/**
 * Checks that `signature` is `owner`'s over `hash` and that `owner` owns the Safe: a card
 * that signed with another key fails with `signature-invalid`, a key that is not an owner
 * with `not-an-owner`.
 */
export function verifyOwnerSignature(
  hash: string,
  signature: OwnerSignature,
  owners: readonly string[],
): void {
  const owner = getAddress(signature.owner);
  if (!owners.some((o) => getAddress(o) === owner)) {
    throw new LifeboatError('not-an-owner', undefined, { address: owner });
  }
  if (recoverSigner(hash, signature.signature) !== owner) {
    throw new LifeboatError('signature-invalid', undefined, { address: owner });
  }
}

/**
 * The signatures execTransaction takes: each verified, one per owner, ascending by owner
 * address, exactly `threshold` of them; fewer distinct owners is `signatures-missing`.
 */
export function packSignatures(
  hash: string,
  signatures: readonly OwnerSignature[],
  owners: readonly string[],
  threshold: number,
): string {
  const byOwner = new Map<string, OwnerSignature>();
  for (const signature of signatures) {
    verifyOwnerSignature(hash, signature, owners);
    byOwner.set(getAddress(signature.owner), signature);
  }
  if (byOwner.size < threshold) {
    throw new LifeboatError('signatures-missing', undefined, {
      have: byOwner.size,
      need: threshold,
    });
  }
  const ordered = [...byOwner.values()].sort((a, b) =>
    BigInt(a.owner) < BigInt(b.owner) ? -1 : 1,
  );
  return concat(ordered.slice(0, threshold).map((s) => s.signature));
}
