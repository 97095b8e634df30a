// The four changes of a Safe's owners the console offers, as pure rules: how many owners a
// change leaves, the thresholds it can have and the one offered first, and which owners a
// proposal adds or takes away. Main checks every change again before anyone signs.
import type { SafeAction, SafeProposalView } from '../../preload/api';

export type OwnerChange = Exclude<SafeAction, { kind: 'send' }>;
export type OwnerChangeKind = OwnerChange['kind'];

export const OWNER_CHANGE_KINDS: readonly OwnerChangeKind[] = [
  'replace-owner',
  'add-owner',
  'remove-owner',
  'change-threshold',
];

export function isOwnerChange(action: SafeAction): action is OwnerChange {
  return action.kind !== 'send';
}

/** How many owners the Safe has after a change of this kind. */
export function ownerCountAfter(kind: OwnerChangeKind, owners: number): number {
  if (kind === 'add-owner') return owners + 1;
  if (kind === 'remove-owner') return owners - 1;
  return owners;
}

/** The thresholds a change can leave: 1 to the owners afterwards. */
export function thresholdChoices(kind: OwnerChangeKind, owners: number): number[] {
  return Array.from({ length: Math.max(0, ownerCountAfter(kind, owners)) }, (_, i) => i + 1);
}

/**
 * The threshold offered first: the one the Safe needs now, lowered to the owners left when
 * a removal leaves fewer (the command line's default too).
 */
export function initialThreshold(kind: OwnerChangeKind, owners: number, threshold: number): number {
  return Math.max(1, Math.min(threshold, ownerCountAfter(kind, owners)));
}

/** What the person chose, as the change main is asked to propose. */
export interface OwnerChangeChoice {
  kind: OwnerChangeKind;
  /** The owner replaced or removed. */
  owner: string;
  /** The owner added, or the replacement. */
  added: string;
  threshold: number;
}

export function ownerChangeAction(choice: OwnerChangeChoice): OwnerChange {
  switch (choice.kind) {
    case 'replace-owner':
      return { kind: 'replace-owner', old: choice.owner, new: choice.added.trim() };
    case 'add-owner':
      return { kind: 'add-owner', owner: choice.added.trim(), threshold: choice.threshold };
    case 'remove-owner':
      return { kind: 'remove-owner', owner: choice.owner, threshold: choice.threshold };
    case 'change-threshold':
      return { kind: 'change-threshold', threshold: choice.threshold };
  }
}

/** Owners of the list "before" that leave, and of the list "after" that join. */
export function ownerMarks(proposal: Pick<SafeProposalView, 'ownersBefore' | 'ownersAfter'>): {
  leaving: Set<string>;
  joining: Set<string>;
} {
  const before = new Set(proposal.ownersBefore);
  const after = new Set(proposal.ownersAfter);
  return {
    leaving: new Set(proposal.ownersBefore.filter((o) => !after.has(o))),
    joining: new Set(proposal.ownersAfter.filter((o) => !before.has(o))),
  };
}
