// The shares a person has entered so far, checked one by one as each is completed. A share
// joins the set only if it is valid and consistent with every share already in it, so the
// set always describes one backup and can say what is still missing.
import { equalBytes } from '@noble/curves/utils.js';
import type {
  GroupProgress,
  RecoveryProblem,
  ShareCheck,
  ShareRef,
  ShareSetProgress,
} from '../../preload/api';
import { LifeboatError } from '../errors';
import { detectInputKind } from './input-kind';
import { toProblem } from './problem';
import { combineShares, type CombineOptions } from './slip39';
import {
  decodeShare,
  differingField,
  encodeShare,
  type CommonField,
  type Share,
} from './slip39-share';

export type ShareVerdict = { share: Share } | { problem: RecoveryProblem };

export class ShareSet {
  private readonly shares: Share[] = [];

  /** Checks a completed share and adds it when it fits; never throws for bad input. */
  add(text: string): ShareCheck {
    const verdict = this.check(text);
    if ('problem' in verdict) {
      return { accepted: false, problem: verdict.problem, progress: this.progress() };
    }
    const { share } = verdict;
    this.shares.push(share);
    return {
      accepted: true,
      share: { groupIndex: share.groupIndex, memberIndex: share.memberIndex },
      progress: this.progress(),
    };
  }

  /** What `add` would say, without adding. The returned share is the caller's to wipe. */
  check(text: string): ShareVerdict {
    if (detectInputKind(text) === 'bip39') {
      return {
        problem: {
          code: 'wrong-input-kind',
          message: 'This is a BIP-39 recovery phrase, not a Shamir share: enter it as a phrase.',
        },
      };
    }
    let share: Share;
    try {
      share = decodeShare(text);
    } catch (error) {
      return { problem: toProblem(error) };
    }
    const problem = this.conflict(share);
    if (problem) {
      share.value.fill(0);
      return { problem };
    }
    return { share };
  }

  /** Removes the share at `index` (0-based, in the order they were accepted). */
  remove(index: number): ShareSetProgress {
    const [removed] = Number.isInteger(index) ? this.shares.splice(index, 1) : [];
    if (!removed) {
      throw new LifeboatError('invalid-input', `There is no share number ${index + 1} to remove.`);
    }
    removed.value.fill(0);
    return this.progress();
  }

  progress(): ShareSetProgress {
    const first = this.shares[0];
    const groups: GroupProgress[] = [...this.byGroup()]
      .sort(([a], [b]) => a - b)
      .map(([groupIndex, members]) => {
        const memberThreshold = members[0]!.memberThreshold;
        return {
          groupIndex,
          memberThreshold,
          entered: members.length,
          complete: members.length >= memberThreshold,
        };
      });
    const groupsComplete = groups.filter((g) => g.complete).length;
    return {
      sharesEntered: this.shares.length,
      groupThreshold: first?.groupThreshold ?? null,
      groupCount: first?.groupCount ?? null,
      groups,
      groupsComplete,
      complete: first !== undefined && groupsComplete >= first.groupThreshold,
    };
  }

  /**
   * Rebuilds the master secret from the first `groupThreshold` complete groups. Shares of
   * groups left incomplete are not used, so they cannot spoil the result.
   */
  async combine(passphrase: string, options: CombineOptions = {}): Promise<Uint8Array> {
    const progress = this.progress();
    if (!progress.complete) {
      throw new LifeboatError('insufficient-shares', describeMissing(progress));
    }
    const byGroup = this.byGroup();
    const chosen = progress.groups
      .filter((g) => g.complete)
      .slice(0, progress.groupThreshold ?? 0)
      .flatMap((g) => byGroup.get(g.groupIndex)!.slice(0, g.memberThreshold));
    return combineShares(chosen, passphrase, options);
  }

  /** Where each accepted share sits in the backup, in the order they were accepted. */
  refs(): ShareRef[] {
    return this.shares.map((share, index) => ({
      index,
      groupIndex: share.groupIndex,
      memberIndex: share.memberIndex,
    }));
  }

  /** The words of the share at `index` (0-based, in the order accepted), e.g. to back it up. */
  words(index: number): string {
    const share = Number.isInteger(index) ? this.shares[index] : undefined;
    if (!share)
      throw new LifeboatError(
        'invalid-input',
        `There is no share number ${index + 1} in this set.`,
      );
    return encodeShare(share);
  }

  /** Overwrites every share value and empties the set. */
  wipe(): void {
    for (const share of this.shares.splice(0)) share.value.fill(0);
  }

  private byGroup(): Map<number, Share[]> {
    const groups = new Map<number, Share[]>();
    for (const share of this.shares) {
      groups.set(share.groupIndex, [...(groups.get(share.groupIndex) ?? []), share]);
    }
    return groups;
  }

  private conflict(share: Share): RecoveryProblem | undefined {
    const reference = this.shares[0];
    if (!reference) return undefined;
    const field = differingField(reference, share);
    if (field) {
      return {
        code: 'share-mismatch',
        field,
        message: `This share belongs to a different backup than the shares already entered: ${mismatch(field, share, reference)}.`,
      };
    }
    const group = this.shares.filter((s) => s.groupIndex === share.groupIndex);
    const groupName = `group ${share.groupIndex + 1}`;
    const peer = group[0];
    if (peer && peer.memberThreshold !== share.memberThreshold) {
      return {
        code: 'share-mismatch',
        field: 'memberThreshold',
        message: `This share belongs to a different backup than the shares already entered: it says ${groupName} needs ${plural(share.memberThreshold, 'share')}, they say ${peer.memberThreshold}.`,
      };
    }
    const twin = group.find((s) => s.memberIndex === share.memberIndex);
    if (twin) {
      return equalBytes(twin.value, share.value)
        ? { code: 'duplicate-share', message: 'This share was already entered.' }
        : {
            code: 'duplicate-share',
            field: 'memberIndex',
            message: `A different share with the same member number was already entered for ${groupName}: one of the two belongs to another backup.`,
          };
    }
    if (peer && group.length >= peer.memberThreshold) {
      return {
        code: 'share-not-needed',
        message: `This share is valid, but ${groupName} already has the ${plural(peer.memberThreshold, 'share')} it needs.`,
      };
    }
    const progress = this.progress();
    if (!peer && progress.complete) {
      return {
        code: 'share-not-needed',
        message: `This share is valid, but the backup already has the ${plural(reference.groupThreshold, 'complete group')} it needs.`,
      };
    }
    return undefined;
  }
}

/** What is still missing, e.g. "1 more complete group is needed; group 2 has 1 of 3 shares." */
export function describeMissing(progress: ShareSetProgress): string {
  if (progress.groupThreshold === null) return 'No shares have been entered yet.';
  const needed = progress.groupThreshold - progress.groupsComplete;
  const groups = progress.groups
    .filter((g) => !g.complete)
    .map(
      (g) => `group ${g.groupIndex + 1} has ${g.entered} of ${plural(g.memberThreshold, 'share')}`,
    );
  const missing = `${needed} more complete ${needed === 1 ? 'group is' : 'groups are'} needed`;
  return `${[missing, ...groups].join('; ')}.`;
}

function mismatch(field: CommonField, share: Share, reference: Share): string {
  switch (field) {
    case 'identifier':
      return 'its backup identifier (in the first two words) is different';
    case 'extendable':
      return share.extendable
        ? 'it comes from an extendable backup and they do not'
        : 'they come from an extendable backup and it does not';
    case 'iterationExponent':
      return `it uses iteration exponent ${share.iterationExponent}, they use ${reference.iterationExponent}`;
    case 'groupThreshold':
      return `it asks for shares from ${plural(share.groupThreshold, 'group')}, they ask for ${reference.groupThreshold}`;
    case 'groupCount':
      return `it says the backup has ${plural(share.groupCount, 'group')}, they say ${reference.groupCount}`;
    case 'length':
      return `it holds a ${share.value.length * 8}-bit secret, they hold a ${reference.value.length * 8}-bit one`;
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
