// The four changes of a Safe's owners at the command line, as one path: what the options ask
// for, the threshold it keeps when none is given, and the preview read before anyone signs.
// Pure: the Safe's owners and threshold come from the chain, the checks from the chain layer.
import type { SafeProposalView } from '../../preload/api';
import type { OwnerChange } from '../chain/safe/owners';
import { CliUsageError } from './io';

export type OwnerChangeCommand = OwnerChange['kind'];

export const OWNER_CHANGE_COMMANDS: readonly OwnerChangeCommand[] = [
  'replace-owner',
  'add-owner',
  'remove-owner',
  'change-threshold',
];

/** What the options ask for; a threshold left out is decided once the Safe is read. */
export type OwnerChangeRequest =
  | { kind: 'replace-owner'; old: string; new: string }
  | { kind: 'add-owner' | 'remove-owner'; owner: string; threshold?: number }
  | { kind: 'change-threshold'; threshold: number };

export interface OwnerChangeOptions {
  owner?: string[];
  old?: string;
  new?: string;
  threshold?: number;
}

/**
 * The request the options make, or a usage error naming what is missing. `address` checks
 * an address option (and names the option it refuses).
 */
export function ownerChangeRequest(
  kind: OwnerChangeCommand,
  options: OwnerChangeOptions,
  address: (value: string, field: string) => string,
): OwnerChangeRequest {
  const { threshold } = options;
  switch (kind) {
    case 'replace-owner':
      if (options.old === undefined || options.new === undefined) {
        throw new CliUsageError(
          'Name the owner to replace and its replacement: --old ADDRESS --new ADDRESS.',
        );
      }
      return { kind, old: address(options.old, 'old'), new: address(options.new, 'new') };
    case 'add-owner':
    case 'remove-owner': {
      const owners = options.owner ?? [];
      if (owners.length !== 1) {
        throw new CliUsageError(
          kind === 'add-owner'
            ? 'Name the one owner to add: --owner ADDRESS.'
            : 'Name the one owner to remove: --owner ADDRESS.',
        );
      }
      const one = address(owners[0]!, 'owner');
      return threshold === undefined ? { kind, owner: one } : { kind, owner: one, threshold };
    }
    case 'change-threshold':
      if (threshold === undefined) {
        throw new CliUsageError('Say how many owners must sign from now on: --threshold K.');
      }
      return { kind, threshold };
  }
}

/**
 * The change to propose to a Safe with this state. Without --threshold the Safe keeps the
 * number it needs, lowered to the owners left when a removal leaves fewer than that.
 */
export function ownerChangeAction(
  request: OwnerChangeRequest,
  state: { owners: readonly unknown[]; threshold: number },
): OwnerChange {
  switch (request.kind) {
    case 'replace-owner':
    case 'change-threshold':
      return request;
    case 'add-owner':
      return { ...request, threshold: request.threshold ?? state.threshold };
    case 'remove-owner':
      return {
        ...request,
        threshold: request.threshold ?? Math.min(state.threshold, state.owners.length - 1),
      };
  }
}

const TITLES: Record<OwnerChangeCommand, string> = {
  'replace-owner': 'Replace an owner of',
  'add-owner': 'Add an owner to',
  'remove-owner': 'Remove an owner from',
  'change-threshold': 'Change how many owners must sign for',
};

const DONE: Record<OwnerChangeCommand, string> = {
  'replace-owner': 'Replaced the owner',
  'add-owner': 'Added the owner',
  'remove-owner': 'Removed the owner',
  'change-threshold': 'Changed the number of owners who must sign',
};

/** "2 of 3" */
function kOfN(threshold: number, owners: number): string {
  return `${threshold} of ${owners}`;
}

function thresholdNote(request: OwnerChangeRequest, proposal: SafeProposalView): string {
  if (request.kind === 'replace-owner' || request.kind === 'change-threshold') return '';
  if (request.threshold !== undefined) return '';
  return proposal.thresholdAfter === proposal.thresholdBefore
    ? ` (kept at ${proposal.thresholdAfter}: no --threshold was given)`
    : ` (lowered to ${proposal.thresholdAfter}: no --threshold was given, and only ${proposal.ownersAfter.length} ${proposal.ownersAfter.length === 1 ? 'owner is' : 'owners are'} left)`;
}

/** The preview shown before anyone signs: the owners and the signatures needed, before and after. */
export function ownerChangePreview(
  request: OwnerChangeRequest,
  proposal: SafeProposalView,
): string {
  const before = new Set(proposal.ownersBefore);
  const after = new Set(proposal.ownersAfter);
  const list = (owners: string[], mark: (owner: string) => string) =>
    owners.map((o, i) => `    ${i + 1}. ${o}${mark(o)}`);
  const gone = request.kind === 'replace-owner' ? '   ← replaced' : '   ← removed';
  const added = request.kind === 'replace-owner' ? '   ← new' : '   ← added';
  return [
    `${TITLES[request.kind]} the Safe ${proposal.safe} (Safe transaction ${proposal.nonce}):`,
    '  Owners now:',
    ...list(proposal.ownersBefore, (o) => (after.has(o) ? '' : gone)),
    '  Owners afterwards:',
    ...list(proposal.ownersAfter, (o) => (before.has(o) ? '' : added)),
    `  Owners who must sign: ${kOfN(proposal.thresholdBefore, proposal.ownersBefore.length)} now → ${kOfN(proposal.thresholdAfter, proposal.ownersAfter.length)} afterwards${thresholdNote(request, proposal)}.`,
  ].join('\n');
}

/** The first line of the result: what was done, where. */
export function ownerChangeDone(
  kind: OwnerChangeCommand,
  receipt: { blockNumber: number; txHash: string },
): string {
  return `${DONE[kind]} in block ${receipt.blockNumber} (${receipt.txHash}).`;
}
