// Changes to a Safe's owners, as the Safe transactions that make them. The Safe keeps its
// owners in a linked list that starts at a sentinel: removing or swapping an owner names the
// entry before it (`prevOwner`), which is the sentinel for the first owner. Each change
// comes with the owners and threshold it leaves, so they can be shown before anyone signs.
import { ZeroAddress, getAddress } from 'ethers';
import type { SafeAction } from '../../../preload/api';
import { LifeboatError } from '../../errors';
import { SAFE_ABI } from './deployments';

/** The head of the Safe's owner list (address 0x…01), never an owner itself. */
export const SENTINEL_OWNERS = '0x0000000000000000000000000000000000000001';

/** Every Safe action but a payment. */
export type OwnerChange = Exclude<SafeAction, { kind: 'send' }>;

export interface OwnerChangeCall {
  /** Calldata of the call the Safe makes to itself. */
  data: string;
  ownersBefore: string[];
  thresholdBefore: number;
  ownersAfter: string[];
  thresholdAfter: number;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The entry before `owner` in the Safe's list, as `getOwners` lists it. */
export function prevOwner(owners: readonly string[], owner: string): string {
  const at = owners.findIndex((o) => same(o, owner));
  if (at < 0) throw new LifeboatError('no-such-owner', undefined, { address: owner });
  return at === 0 ? SENTINEL_OWNERS : owners[at - 1]!;
}

function checked(address: string, field: string): string {
  try {
    return getAddress(address);
  } catch {
    throw new LifeboatError('invalid-address', undefined, { field });
  }
}

function assertNewOwner(owner: string, owners: readonly string[], safe: string): void {
  if (owner === ZeroAddress || owner === SENTINEL_OWNERS || same(owner, safe)) {
    throw new LifeboatError('invalid-address', `${owner} cannot own a Safe.`, {
      field: 'owner',
      address: owner,
    });
  }
  if (owners.some((o) => same(o, owner))) {
    throw new LifeboatError('duplicate-owner', undefined, { address: owner });
  }
}

export function assertThreshold(threshold: number, owners: number): void {
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > owners) {
    throw new LifeboatError(
      'invalid-threshold',
      `${threshold} signatures needed does not fit ${owners} ${owners === 1 ? 'owner' : 'owners'}: it must be at least 1 and at most ${owners}.`,
      { threshold, owners },
    );
  }
}

/** The call that makes `change` to a Safe with these owners (in `getOwners` order). */
export function ownerChangeCall(
  safe: string,
  state: { owners: readonly string[]; threshold: number },
  change: OwnerChange,
): OwnerChangeCall {
  const owners = state.owners.map((o) => getAddress(o));
  const before = { ownersBefore: owners, thresholdBefore: state.threshold };
  switch (change.kind) {
    case 'replace-owner': {
      const old = checked(change.old, 'old');
      const added = checked(change.new, 'new');
      const prev = prevOwner(owners, old);
      assertNewOwner(added, owners, safe);
      return {
        ...before,
        data: SAFE_ABI.encodeFunctionData('swapOwner', [prev, old, added]),
        ownersAfter: owners.map((o) => (o === old ? added : o)),
        thresholdAfter: state.threshold,
      };
    }
    case 'add-owner': {
      const added = checked(change.owner, 'owner');
      assertNewOwner(added, owners, safe);
      assertThreshold(change.threshold, owners.length + 1);
      return {
        ...before,
        data: SAFE_ABI.encodeFunctionData('addOwnerWithThreshold', [added, change.threshold]),
        // The Safe puts a new owner at the head of its list.
        ownersAfter: [added, ...owners],
        thresholdAfter: change.threshold,
      };
    }
    case 'remove-owner': {
      const removed = checked(change.owner, 'owner');
      const prev = prevOwner(owners, removed);
      // The Safe refuses this too, but only as "threshold too high": say what it means.
      if (owners.length === 1) {
        throw new LifeboatError('last-owner', undefined, { address: removed });
      }
      assertThreshold(change.threshold, owners.length - 1);
      return {
        ...before,
        data: SAFE_ABI.encodeFunctionData('removeOwner', [prev, removed, change.threshold]),
        ownersAfter: owners.filter((o) => o !== removed),
        thresholdAfter: change.threshold,
      };
    }
    case 'change-threshold': {
      assertThreshold(change.threshold, owners.length);
      if (change.threshold === state.threshold) {
        throw new LifeboatError(
          'invalid-threshold',
          'The Safe already needs that many signatures.',
          {
            threshold: change.threshold,
            owners: owners.length,
          },
        );
      }
      return {
        ...before,
        data: SAFE_ABI.encodeFunctionData('changeThreshold', [change.threshold]),
        ownersAfter: owners,
        thresholdAfter: change.threshold,
      };
    }
  }
}
