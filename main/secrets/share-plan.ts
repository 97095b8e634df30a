// Planning a share set before any share exists: where each share goes (a backup card or a
// sheet of paper), which shares a test recovery rebuilds from, and how many copies of the
// wallet a plan makes. Pure functions over the layout; nothing here touches a secret.
import { LifeboatError } from '../errors';
import { checkLayout } from './slip39';
import type { ShareLayout, SharePosition } from './wallet-draft';

export type ShareHolder = 'card' | 'written';

/** One group's shares as `T-of-N`, e.g. "2-of-3". */
const GROUP_TEXT = /^\s*(\d{1,2})\s*-?\s*of\s*-?\s*(\d{1,2})\s*$/i;

/**
 * Reads `T-of-N` for each group, checked as SLIP-39 takes them. Several groups need the
 * number of groups that rebuild the wallet; one group needs no more than its own threshold.
 */
export function parseShareLayout(groups: readonly string[], groupThreshold?: number): ShareLayout {
  if (groups.length === 0)
    throw new LifeboatError('invalid-split-parameters', 'Say how the shares are split, as T-of-N.');
  const specs = groups.map((text) => {
    const match = GROUP_TEXT.exec(text);
    if (!match)
      throw new LifeboatError(
        'invalid-split-parameters',
        `"${text.slice(0, 20)}" is not T-of-N: write how many shares rebuild the wallet, "-of-", and how many are made, e.g. 2-of-3.`,
        { field: 'shares' },
      );
    return { threshold: Number(match[1]), count: Number(match[2]) };
  });
  if (groups.length > 1 && groupThreshold === undefined)
    throw new LifeboatError(
      'invalid-split-parameters',
      `With ${groups.length} groups, say how many of them rebuild the wallet.`,
      { field: 'groupThreshold' },
    );
  const layout = { groupThreshold: groupThreshold ?? 1, groups: specs };
  checkLayout(layout.groupThreshold, layout.groups);
  return layout;
}

/** How many shares the layout makes. */
export function shareTotal(layout: ShareLayout): number {
  return layout.groups.reduce((sum, group) => sum + group.count, 0);
}

/** Shares are numbered group by group: share i is this member of this group. */
export function sharePositions(layout: ShareLayout): SharePosition[] {
  return layout.groups.flatMap((group, groupIndex) =>
    Array.from({ length: group.count }, (_, memberIndex) => ({ groupIndex, memberIndex })),
  );
}

/**
 * Who holds each share: the first `onCards` shares (group by group) go onto backup cards, one
 * share per card, the rest are written down.
 */
export function shareHolders(layout: ShareLayout, onCards: number): ShareHolder[] {
  const total = shareTotal(layout);
  if (!Number.isInteger(onCards) || onCards < 0 || onCards > total)
    throw new LifeboatError(
      'invalid-split-parameters',
      `There are ${total} shares, so at most ${total} backup cards can hold one each.`,
      { field: 'shareCards' },
    );
  return Array.from({ length: total }, (_, i) => (i < onCards ? 'card' : 'written'));
}

/**
 * The shares (by number) a test recovery rebuilds from: exactly what the layout needs, taken
 * from the groups with the most `preferred` shares (those on cards, read back without typing),
 * and within a group the preferred ones first.
 */
export function qualifyingShares(
  layout: ShareLayout,
  preferred: (index: number) => boolean,
): number[] {
  const positions = sharePositions(layout);
  const byGroup = layout.groups.map((group, groupIndex) => {
    const members = positions
      .map((position, index) => ({ position, index }))
      .filter(({ position }) => position.groupIndex === groupIndex)
      .map(({ index }) => index)
      .sort((a, b) => Number(preferred(b)) - Number(preferred(a)) || a - b)
      .slice(0, group.threshold);
    return { groupIndex, members, score: members.filter(preferred).length };
  });
  return byGroup
    .sort((a, b) => b.score - a.score || a.groupIndex - b.groupIndex)
    .slice(0, layout.groupThreshold)
    .flatMap((group) => group.members)
    .sort((a, b) => a - b);
}

export interface CopyPlan {
  cards: number;
  shares?: ShareLayout;
  phrase: boolean;
}

/**
 * How many losses a plan survives, plus one: each card is a copy, a written phrase is one,
 * and a share set is one, or two where it survives the loss of a share (a group with more
 * shares than it needs, or more groups than are needed). Below 2, one loss loses the money.
 */
export function copiesOf(plan: CopyPlan): number {
  const { shares } = plan;
  const shareCopies = !shares
    ? 0
    : shares.groups.length > shares.groupThreshold ||
        shares.groups.some((group) => group.count > group.threshold)
      ? 2
      : 1;
  return plan.cards + shareCopies + (plan.phrase ? 1 : 0);
}
