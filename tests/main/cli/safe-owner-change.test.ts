// The owner changes at the command line before anything is signed: which options each needs,
// the threshold a change keeps when none is given, and the preview a person reads.
import { describe, expect, it } from 'vitest';
import { getAddress, hexlify, randomBytes } from 'ethers';
import type { SafeProposalView } from '../../../preload/api';
import { ownerChangeCall } from '../../../main/chain/safe/owners';
import {
  ownerChangeAction,
  ownerChangePreview,
  ownerChangeRequest,
  type OwnerChangeRequest,
} from '../../../main/cli/safe-owner-change';
import { CliUsageError } from '../../../main/cli/io';

const address = () => getAddress(hexlify(randomBytes(20)));
const plain = (value: string) => value;
const safe = address();
const owners = [address(), address(), address()];

/** The proposal main would show for this request on a Safe with `owners` and `threshold`. */
function proposal(request: OwnerChangeRequest, threshold: number): SafeProposalView {
  const state = { owners, threshold };
  const call = ownerChangeCall(safe, state, ownerChangeAction(request, state));
  return {
    proposalId: 'p',
    networkId: '31337',
    safe,
    action: ownerChangeAction(request, state),
    nonce: 4,
    safeTxHash: `0x${'00'.repeat(32)}`,
    ownersBefore: call.ownersBefore,
    thresholdBefore: call.thresholdBefore,
    ownersAfter: call.ownersAfter,
    thresholdAfter: call.thresholdAfter,
    signatures: { signed: [], needed: threshold, owners },
  };
}

describe('ownerChangeRequest', () => {
  it('asks for what each change needs', () => {
    expect(() => ownerChangeRequest('add-owner', {}, plain)).toThrow(CliUsageError);
    expect(() =>
      ownerChangeRequest('remove-owner', { owner: [owners[0]!, owners[1]!] }, plain),
    ).toThrow(/one owner to remove/);
    expect(() => ownerChangeRequest('change-threshold', { owner: [owners[0]!] }, plain)).toThrow(
      /--threshold K/,
    );
    expect(() => ownerChangeRequest('replace-owner', { old: owners[0]! }, plain)).toThrow(
      /--new ADDRESS/,
    );
  });

  it('checks each address it uses under its own option name', () => {
    const fields: string[] = [];
    const checking = (value: string, field: string) => {
      fields.push(field);
      return value.toLowerCase();
    };
    expect(
      ownerChangeRequest('replace-owner', { old: 'A', new: 'B', owner: ['C'] }, checking),
    ).toEqual({ kind: 'replace-owner', old: 'a', new: 'b' });
    expect(ownerChangeRequest('add-owner', { owner: ['C'], threshold: 2 }, checking)).toEqual({
      kind: 'add-owner',
      owner: 'c',
      threshold: 2,
    });
    expect(fields).toEqual(['old', 'new', 'owner']);
  });
});

describe('ownerChangeAction', () => {
  const state = { owners, threshold: 3 };

  it('keeps the threshold when an owner is added without one', () => {
    expect(ownerChangeAction({ kind: 'add-owner', owner: safe }, state)).toEqual({
      kind: 'add-owner',
      owner: safe,
      threshold: 3,
    });
  });

  it('lowers it to the owners left when a removal leaves fewer, and keeps it otherwise', () => {
    expect(ownerChangeAction({ kind: 'remove-owner', owner: owners[0]! }, state)).toMatchObject({
      threshold: 2,
    });
    expect(
      ownerChangeAction({ kind: 'remove-owner', owner: owners[0]! }, { owners, threshold: 1 }),
    ).toMatchObject({ threshold: 1 });
  });

  it('uses a threshold that is given, even one the Safe will refuse', () => {
    expect(
      ownerChangeAction({ kind: 'remove-owner', owner: owners[0]!, threshold: 3 }, state),
    ).toMatchObject({ threshold: 3 });
    expect(ownerChangeAction({ kind: 'add-owner', owner: safe, threshold: 0 }, state)).toEqual({
      kind: 'add-owner',
      owner: safe,
      threshold: 0,
    });
  });
});

describe('ownerChangePreview', () => {
  it('lists the owners before and after with the new one marked, and the threshold as k of n', () => {
    const added = address();
    const text = ownerChangePreview(
      { kind: 'add-owner', owner: added },
      proposal({ kind: 'add-owner', owner: added }, 2),
    );
    expect(text).toContain(`Add an owner to the Safe ${safe} (Safe transaction 4):`);
    expect(text).toContain(`    1. ${added}   ← added`);
    expect(text).toContain(`    2. ${owners[0]}\n`);
    expect(text).toContain(
      'Owners who must sign: 2 of 3 now → 2 of 4 afterwards (kept at 2: no --threshold was given).',
    );
  });

  it('says why the threshold was lowered when a removal leaves fewer owners than it', () => {
    const request: OwnerChangeRequest = { kind: 'remove-owner', owner: owners[1]! };
    const text = ownerChangePreview(request, proposal(request, 3));
    expect(text).toContain(`    2. ${owners[1]}   ← removed`);
    expect(text).toContain(
      '3 of 3 now → 2 of 2 afterwards (lowered to 2: no --threshold was given, and only 2 owners are left).',
    );
  });

  it('adds no note to a threshold that was asked for', () => {
    const request: OwnerChangeRequest = { kind: 'change-threshold', threshold: 1 };
    const text = ownerChangePreview(request, proposal(request, 2));
    expect(text).toContain('Change how many owners must sign for the Safe');
    expect(text).toMatch(/2 of 3 now → 1 of 3 afterwards\.$/);
    expect(text).not.toContain('←');
  });

  it('marks the replaced owner and its replacement', () => {
    const added = address();
    const request: OwnerChangeRequest = { kind: 'replace-owner', old: owners[2]!, new: added };
    const text = ownerChangePreview(request, proposal(request, 2));
    expect(text).toContain(`    3. ${owners[2]}   ← replaced`);
    expect(text).toContain(`    3. ${added}   ← new`);
    expect(text).toMatch(/2 of 3 now → 2 of 3 afterwards\.$/);
  });
});
