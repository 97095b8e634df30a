// The inventory of drills.json: per wallet its fingerprint, where its copies are (the cards
// of its set, its shares, its written phrase), and the dated result of every drill. Only ids,
// labels, places and dates: never a key, a share or a word. This file holds the schema, the
// migration from the first version (fingerprints and drills only), and the pure changes and
// judgements the store and the jobs make on a record.
import { z } from 'zod';
import type {
  DrillResult,
  LostAdvice,
  SetMember,
  ShareSetRecord,
  WalletRecord,
} from '../../preload/api';

export const INVENTORY_VERSION = 2;

const keyUid = z.string().regex(/^[0-9a-f]{64}$/);
const isoDate = z.iso.datetime();
const uuid = z.string().regex(/^[0-9a-f-]{36}$/);
const family = z.enum(['keycard', 'satochip', 'seedkeeper']);
const instanceId = z.string().regex(/^[0-9a-f]{2,128}$/);
const label = z.string().min(1).max(100);
const place = z.string().max(200);
const count = z.number().int().min(1).max(16);

const resultSchema = z.strictObject({
  at: isoDate,
  method: z.enum(['card', 'slip39', 'bip39']),
  passed: z.boolean(),
  keyUid,
  memberId: uuid.optional(),
  shareSetId: uuid.optional(),
});

const memberSchema = z.strictObject({
  memberId: uuid,
  family,
  instanceId,
  label,
  place,
  addedAt: isoDate,
  lostAt: isoDate.optional(),
});

const shareSchema = z.strictObject({
  groupIndex: z.number().int().min(0).max(15),
  memberIndex: z.number().int().min(0).max(15),
  holder: z.enum(['card', 'written']),
  card: z.strictObject({ family, instanceId }).optional(),
  label,
  place,
  lostAt: isoDate.optional(),
});

const shareSetSchema = z.strictObject({
  shareSetId: uuid,
  identifier: z.number().int().min(0).max(0x7fff),
  groupThreshold: count,
  groups: z
    .array(z.strictObject({ threshold: count, count }))
    .min(1)
    .max(16),
  shares: z.array(shareSchema).max(256),
  createdAt: isoDate,
  retiredAt: isoDate.optional(),
});

const walletFields = {
  walletId: uuid,
  label,
  keyUid,
  firstAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  createdAt: isoDate,
  results: z.array(resultSchema).max(10_000),
};

const walletSchema = z.strictObject({
  ...walletFields,
  state: z.enum(['ready', 'making']),
  format: z.enum(['slip39', 'bip39', 'seed', 'unknown']),
  members: z.array(memberSchema).max(64),
  shareSets: z.array(shareSetSchema).max(64),
  phrase: z
    .strictObject({
      words: z.number().int().min(12).max(24),
      place,
      createdAt: isoDate,
      lostAt: isoDate.optional(),
    })
    .optional(),
});

/** The first drills.json: remembered fingerprints and their drills. */
const version1 = z.strictObject({
  version: z.literal(1),
  wallets: z.array(z.strictObject(walletFields)).max(1000),
});

const version2 = z.strictObject({
  version: z.literal(INVENTORY_VERSION),
  wallets: z.array(walletSchema).max(1000),
});

/** One record as the store keeps it; parsing checks a record a job built before it is saved. */
export const walletRecordSchema = walletSchema;

/**
 * The wallets of a drills.json of any version, as records of this one, or undefined when the
 * content is not one. A first-version wallet was only remembered: it is ready (a person
 * remembered it because it holds money), its format is unknown, and no copies are listed.
 */
export function readInventory(content: unknown): WalletRecord[] | undefined {
  const current = version2.safeParse(content);
  if (current.success) return current.data.wallets;
  const first = version1.safeParse(content);
  if (!first.success) return undefined;
  return first.data.wallets.map((wallet) => ({
    ...wallet,
    state: 'ready',
    format: 'unknown',
    members: [],
    shareSets: [],
  }));
}

export function inventoryFile(wallets: readonly WalletRecord[]): string {
  return `${JSON.stringify({ version: INVENTORY_VERSION, wallets }, null, 2)}\n`;
}

/** The cards of the set that are not lost. */
export function activeMembers(record: WalletRecord): SetMember[] {
  return record.members.filter((m) => m.lostAt === undefined);
}

/** The share set whose shares rebuild the wallet now (none, or the newest not retired). */
export function activeShareSet(record: WalletRecord): ShareSetRecord | undefined {
  return record.shareSets.findLast((set) => set.retiredAt === undefined);
}

/** Whether the shares not marked lost (or, with `lost`, those marked lost) rebuild the wallet. */
export function sharesSuffice(set: ShareSetRecord, lost = false): boolean {
  const groupsComplete = set.groups.filter((group, groupIndex) => {
    const counted = set.shares.filter(
      (s) => s.groupIndex === groupIndex && (s.lostAt !== undefined) === lost,
    );
    return counted.length >= group.threshold;
  }).length;
  return groupsComplete >= set.groupThreshold;
}

/** The newest drill of one card of the set. */
export function lastMemberDrill(record: WalletRecord, memberId: string): DrillResult | undefined {
  return record.results.findLast((result) => result.memberId === memberId);
}

/**
 * What to do about a lost card, said plainly:
 * - `sweep`, `could-be-opened`: whoever finds it may open it (no PIN lock, or the PIN is known
 *   to others), so the money must move to a new wallet now;
 * - `sweep`, `no-other-copy`: nothing written down holds the wallet and a card cannot give its
 *   seed out, so no new card can be made: move the money to a new wallet that survives, while
 *   a card of the set still opens it;
 * - `repair`: a new card can be written from the shares or the phrase.
 */
export function lostCardAdvice(
  record: WalletRecord,
  options: { couldBeOpened: boolean },
): LostAdvice {
  if (options.couldBeOpened) return { action: 'sweep', reason: 'could-be-opened' };
  const from: ('shares' | 'phrase')[] = [];
  const shares = activeShareSet(record);
  if (shares && sharesSuffice(shares)) from.push('shares');
  if (record.phrase && record.phrase.lostAt === undefined) from.push('phrase');
  return from.length > 0
    ? { action: 'repair', from }
    : { action: 'sweep', reason: 'no-other-copy' };
}

/**
 * What to do about lost shares of the active set:
 * - `sweep`, `finder-can-rebuild`: the lost shares alone rebuild the wallet, so whoever has
 *   them can take the money: it must move now;
 * - `reshare`: the shares kept still rebuild it: a fresh share set is made from them, which no
 *   old share fits; the old shares kept must then be destroyed, since together they still
 *   rebuild the wallet;
 * - `sweep`, `too-few-shares`: the shares kept no longer rebuild it and nothing can split a
 *   wallet whose seed no one can read, so the money should move while a card of the set or
 *   the phrase still opens it.
 */
export function lostShareAdvice(set: ShareSetRecord): LostAdvice {
  if (sharesSuffice(set, true)) return { action: 'sweep', reason: 'finder-can-rebuild' };
  return sharesSuffice(set) ? { action: 'reshare' } : { action: 'sweep', reason: 'too-few-shares' };
}
