// Owner changes as the Safe's linked list needs them: the right previous entry for every
// position, the owners and threshold each change leaves, and the changes the Safe would refuse
// refused here first.
import { describe, expect, it } from 'vitest';
import { ZeroAddress, getAddress, hexlify, randomBytes } from 'ethers';
import { SENTINEL_OWNERS, ownerChangeCall, prevOwner } from '../../../../main/chain/safe/owners';
import { SAFE_CONTRACT } from '../../../support/safe-contracts';

const address = () => getAddress(hexlify(randomBytes(20)));
const safe = address();
const owners = [address(), address(), address()];
const state = { owners, threshold: 2 };

function decoded(data: string, fn: string): unknown[] {
  return [...SAFE_CONTRACT.decodeFunctionData(fn, data)];
}

describe('prevOwner', () => {
  it('is the sentinel for the first owner and the one before for the others', () => {
    expect(prevOwner(owners, owners[0]!)).toBe(SENTINEL_OWNERS);
    expect(prevOwner(owners, owners[1]!)).toBe(owners[0]);
    expect(prevOwner(owners, owners[2]!.toLowerCase())).toBe(owners[1]);
  });

  it('refuses an address that is not an owner', () => {
    expect(() => prevOwner(owners, address())).toThrow(
      expect.objectContaining({ code: 'no-such-owner' }),
    );
  });
});

describe('replacing an owner', () => {
  it.each([0, 1, 2])('swaps owner %i in place with its previous entry, threshold kept', (i) => {
    const added = address();
    const call = ownerChangeCall(safe, state, {
      kind: 'replace-owner',
      old: owners[i]!,
      new: added,
    });
    expect(decoded(call.data, 'swapOwner')).toEqual([
      i === 0 ? SENTINEL_OWNERS : owners[i - 1],
      owners[i],
      added,
    ]);
    expect(call.ownersAfter).toEqual(owners.map((o, j) => (j === i ? added : o)));
    expect(call.thresholdAfter).toBe(2);
    expect(call.ownersBefore).toEqual(owners);
  });

  it('refuses a replacement that is already an owner, and one that cannot own', () => {
    expect(() =>
      ownerChangeCall(safe, state, { kind: 'replace-owner', old: owners[0]!, new: owners[1]! }),
    ).toThrow(expect.objectContaining({ code: 'duplicate-owner' }));
    for (const bad of [ZeroAddress, SENTINEL_OWNERS, safe]) {
      expect(() =>
        ownerChangeCall(safe, state, { kind: 'replace-owner', old: owners[0]!, new: bad }),
      ).toThrow(expect.objectContaining({ code: 'invalid-address' }));
    }
    expect(() =>
      ownerChangeCall(safe, state, { kind: 'replace-owner', old: address(), new: address() }),
    ).toThrow(expect.objectContaining({ code: 'no-such-owner' }));
  });
});

describe('adding and removing owners, changing the threshold', () => {
  it('adds at the head of the list, as the Safe does', () => {
    const added = address();
    const call = ownerChangeCall(safe, state, { kind: 'add-owner', owner: added, threshold: 3 });
    expect(decoded(call.data, 'addOwnerWithThreshold')).toEqual([added, 3n]);
    expect(call.ownersAfter).toEqual([added, ...owners]);
    expect(call.thresholdAfter).toBe(3);
    expect(() =>
      ownerChangeCall(safe, state, { kind: 'add-owner', owner: address(), threshold: 5 }),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid-threshold',
        message: '5 signatures needed does not fit 4 owners: it must be at least 1 and at most 4.',
      }),
    );
  });

  it('removes with the previous entry and a threshold the remaining owners can meet', () => {
    const call = ownerChangeCall(safe, state, {
      kind: 'remove-owner',
      owner: owners[2]!,
      threshold: 2,
    });
    expect(decoded(call.data, 'removeOwner')).toEqual([owners[1], owners[2], 2n]);
    expect(call.ownersAfter).toEqual(owners.slice(0, 2));
    expect(() =>
      ownerChangeCall(safe, state, { kind: 'remove-owner', owner: owners[0]!, threshold: 3 }),
    ).toThrow(expect.objectContaining({ code: 'invalid-threshold' }));
  });

  it('refuses to remove the only owner by saying so, whatever threshold is asked', () => {
    for (const threshold of [0, 1]) {
      expect(() =>
        ownerChangeCall(
          safe,
          { owners: [owners[0]!], threshold: 1 },
          { kind: 'remove-owner', owner: owners[0]!, threshold },
        ),
      ).toThrow(expect.objectContaining({ code: 'last-owner' }));
    }
  });

  it('changes the threshold within 1 … owners, and only to another value', () => {
    const call = ownerChangeCall(safe, state, { kind: 'change-threshold', threshold: 3 });
    expect(decoded(call.data, 'changeThreshold')).toEqual([3n]);
    expect(call.ownersAfter).toEqual(owners);
    for (const threshold of [0, 2, 4]) {
      expect(() => ownerChangeCall(safe, state, { kind: 'change-threshold', threshold })).toThrow(
        expect.objectContaining({ code: 'invalid-threshold' }),
      );
    }
  });
});
