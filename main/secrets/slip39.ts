// SLIP-39 Shamir backups: split a master secret into groups of shares and combine them back.
//
// Written here in the style of the scure libraries (small, pure, typed, tested against all
// official vectors) rather than taken from npm: the `slip39` package rewrites
// String.prototype and Array.prototype when imported, and a process that holds keys must not
// load code that changes built-ins under everything else.
//
// Two levels: the encrypted master secret is split GT-of-G into group shares, and each
// group share T-of-N into member shares. Each split hides a digest at x = 254 and the secret
// at x = 255, so a wrong combination is detected instead of yielding a wrong wallet.
import { equalBytes } from '@noble/curves/utils.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { LifeboatError } from '../errors';
import { interpolate, type Point } from './gf256';
import { decryptMasterSecret, encryptMasterSecret, ROUNDS } from './slip39-cipher';
import {
  decodeShare,
  differingField,
  encodeShare,
  FIELD_NAMES,
  inShare,
  MIN_SECRET_BYTES,
  type Share,
} from './slip39-share';

const MAX_SHARES = 16;
const MAX_SECRET_BYTES = 32;
const MAX_ITERATION_EXPONENT = 15;
const DIGEST_BYTES = 4;
const DIGEST_X = 254;
const SECRET_X = 255;

export interface GroupSpec {
  /** Member shares needed to rebuild this group. */
  threshold: number;
  /** Member shares made for this group. */
  count: number;
}

export interface SplitOptions {
  groupThreshold: number;
  groups: readonly GroupSpec[];
  passphrase?: string;
  /** Default false. */
  extendable?: boolean;
  /** Key stretching 10000·2^e PBKDF2 iterations; default 1, as Trezor and the reference use. */
  iterationExponent?: number;
}

export interface CombineOptions {
  /** Key stretching runs in ROUNDS steps; called after each. */
  onProgress?: (progress: { done: number; total: number }) => void;
}

/** SLIP-39 passphrases are printable ASCII only, so every wallet encodes them alike. */
export function passphraseBytes(passphrase: string): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(passphrase)) throw new LifeboatError('invalid-passphrase');
  return new TextEncoder().encode(passphrase);
}

/** Splits `masterSecret` into shares, returned group by group as mnemonics. */
export async function split(masterSecret: Uint8Array, options: SplitOptions): Promise<string[][]> {
  const { groupThreshold, groups } = options;
  const iterationExponent = options.iterationExponent ?? 1;
  const extendable = options.extendable ?? false;
  checkSplit(masterSecret, groupThreshold, groups, iterationExponent);

  const random = randomBytes(2);
  const identifier = ((random[0]! << 8) | random[1]!) & 0x7fff;
  const passphrase = passphraseBytes(options.passphrase ?? '');
  let encrypted: Uint8Array;
  try {
    encrypted = await encryptMasterSecret(masterSecret, {
      passphrase,
      iterationExponent,
      identifier,
      extendable,
    });
  } finally {
    passphrase.fill(0);
  }

  const groupShares = splitSecret(groupThreshold, groups.length, encrypted);
  encrypted.fill(0);
  const mnemonics = groups.map(({ threshold, count }, groupIndex) => {
    const memberShares = splitSecret(threshold, count, groupShares[groupIndex]!);
    return memberShares.map((value, memberIndex) => {
      const mnemonic = encodeShare({
        identifier,
        extendable,
        iterationExponent,
        groupIndex,
        groupThreshold,
        groupCount: groups.length,
        memberIndex,
        memberThreshold: threshold,
        value,
      });
      value.fill(0);
      return mnemonic;
    });
  });
  for (const share of groupShares) share.fill(0);
  return mnemonics;
}

/** Rebuilds the master secret from mnemonics: exactly the shares the backup needs. */
export async function combine(
  mnemonics: readonly string[],
  passphrase = '',
  options: CombineOptions = {},
): Promise<Uint8Array> {
  const shares = mnemonics.map((mnemonic, shareIndex) => {
    try {
      return decodeShare(mnemonic);
    } catch (error) {
      throw inShare(error, shareIndex);
    }
  });
  try {
    return await combineShares(shares, passphrase, options);
  } finally {
    for (const share of shares) share.value.fill(0);
  }
}

/**
 * Rebuilds the master secret from decoded shares. They must come from one backup and give
 * exactly `groupThreshold` groups with exactly `memberThreshold` members each: anything
 * else is refused with a typed error and nothing is computed.
 */
export async function combineShares(
  shares: readonly Share[],
  passphrase = '',
  options: CombineOptions = {},
): Promise<Uint8Array> {
  const first = shares[0];
  if (!first) throw new LifeboatError('insufficient-shares', 'No shares were given.');
  const groups = groupShares(shares);
  const { groupThreshold } = first;
  if (groups.size < groupThreshold) {
    throw new LifeboatError(
      'insufficient-shares',
      `Shares from ${plural(groupThreshold, 'group')} are needed; ${given(groups.size, 'group was', 'groups were')} given.`,
      { groupThreshold, groups: groups.size },
    );
  }
  if (groups.size > groupThreshold) {
    throw new LifeboatError(
      'too-many-shares',
      `Shares from exactly ${plural(groupThreshold, 'group')} are needed; ${given(groups.size, 'group was', 'groups were')} given.`,
      { groupThreshold, groups: groups.size },
    );
  }
  for (const [groupIndex, members] of groups) {
    const { memberThreshold } = members[0]!;
    const detail = { groupIndex, memberThreshold, shares: members.length };
    if (members.length < memberThreshold) {
      throw new LifeboatError(
        'insufficient-shares',
        `Group ${groupIndex + 1} needs ${plural(memberThreshold, 'share')}; ${given(members.length, 'was', 'were')} given.`,
        detail,
      );
    }
    if (members.length > memberThreshold) {
      throw new LifeboatError(
        'too-many-shares',
        `Group ${groupIndex + 1} needs exactly ${plural(memberThreshold, 'share')}; ${given(members.length, 'was', 'were')} given.`,
        detail,
      );
    }
  }

  const passphraseKey = passphraseBytes(passphrase);
  const groupPoints: Point[] = [];
  try {
    for (const [groupIndex, members] of groups) {
      const points = members.map((m) => ({ x: m.memberIndex, y: m.value }));
      groupPoints.push({ x: groupIndex, y: recoverSecret(members[0]!.memberThreshold, points) });
    }
    const encrypted = recoverSecret(groupThreshold, groupPoints);
    options.onProgress?.({ done: 0, total: ROUNDS });
    try {
      return await decryptMasterSecret(encrypted, {
        passphrase: passphraseKey,
        iterationExponent: first.iterationExponent,
        identifier: first.identifier,
        extendable: first.extendable,
        onRound: (done) => options.onProgress?.({ done, total: ROUNDS }),
      });
    } finally {
      encrypted.fill(0);
    }
  } finally {
    passphraseKey.fill(0);
    for (const point of groupPoints) point.y.fill(0);
  }
}

/** Groups the shares by group index after checking they belong together. */
function groupShares(shares: readonly Share[]): Map<number, Share[]> {
  const first = shares[0]!;
  const groups = new Map<number, Share[]>();
  for (const [shareIndex, share] of shares.entries()) {
    const field = differingField(first, share);
    if (field) {
      throw new LifeboatError(
        'share-mismatch',
        `Share ${shareIndex + 1} belongs to a different backup than share 1: their ${FIELD_NAMES[field]}s differ.`,
        { field, shareIndex },
      );
    }
    const members = groups.get(share.groupIndex) ?? [];
    const peer = members[0];
    if (peer && peer.memberThreshold !== share.memberThreshold) {
      throw new LifeboatError(
        'share-mismatch',
        `Share ${shareIndex + 1} disagrees with the other shares of group ${share.groupIndex + 1} on how many shares the group needs.`,
        { field: 'memberThreshold', shareIndex },
      );
    }
    if (members.some((m) => m.memberIndex === share.memberIndex)) {
      throw new LifeboatError(
        'duplicate-share',
        `Share ${shareIndex + 1} has the same member number as another share of group ${share.groupIndex + 1}.`,
        { field: 'memberIndex', shareIndex },
      );
    }
    members.push(share);
    groups.set(share.groupIndex, members);
  }
  return groups;
}

function checkSplit(
  secret: Uint8Array,
  groupThreshold: number,
  groups: readonly GroupSpec[],
  iterationExponent: number,
): void {
  if (
    secret.length < MIN_SECRET_BYTES ||
    secret.length > MAX_SECRET_BYTES ||
    secret.length % 2 !== 0
  ) {
    throw new LifeboatError('invalid-secret', undefined, { bytes: secret.length });
  }
  checkLayout(groupThreshold, groups);
  if (
    !Number.isInteger(iterationExponent) ||
    iterationExponent < 0 ||
    iterationExponent > MAX_ITERATION_EXPONENT
  )
    throw new LifeboatError(
      'invalid-split-parameters',
      `The iteration exponent is 0 to ${MAX_ITERATION_EXPONENT}.`,
    );
}

/** Whether shares can be made in `groups` of which `groupThreshold` rebuild the secret. */
export function checkLayout(groupThreshold: number, groups: readonly GroupSpec[]): void {
  const bad = (message: string) => new LifeboatError('invalid-split-parameters', message);
  if (groups.length < 1 || groups.length > MAX_SHARES)
    throw bad(`A backup has 1 to ${MAX_SHARES} groups.`);
  if (!isCount(groupThreshold, groups.length))
    throw bad(`The group threshold must be between 1 and the number of groups (${groups.length}).`);
  for (const [i, { threshold, count }] of groups.entries()) {
    if (!isCount(count, MAX_SHARES) || !isCount(threshold, count))
      throw bad(
        `Group ${i + 1}: each group has 1 to ${MAX_SHARES} shares and needs 1 to all of them.`,
      );
    // A 1-of-n group makes n identical-but-for-one-word copies: almost surely a mistake.
    if (threshold === 1 && count > 1)
      throw bad(`Group ${i + 1}: a group that needs 1 share must have exactly 1 share.`);
  }
}

function isCount(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= max;
}

/** Shamir split with the digest at x = 254 and the secret at x = 255; shares at x = 0…count−1. */
function splitSecret(threshold: number, count: number, secret: Uint8Array): Uint8Array[] {
  if (threshold === 1) return Array.from({ length: count }, () => secret.slice());
  const salt = randomBytes(secret.length - DIGEST_BYTES);
  const digest = new Uint8Array(secret.length);
  digest.set(hmac(sha256, salt, secret).subarray(0, DIGEST_BYTES));
  digest.set(salt, DIGEST_BYTES);
  const random = Array.from({ length: threshold - 2 }, (_, x) => ({
    x,
    y: randomBytes(secret.length),
  }));
  const points = [...random, { x: DIGEST_X, y: digest }, { x: SECRET_X, y: secret }];
  const shares = Array.from({ length: count }, (_, x) => interpolate(points, x));
  for (const p of random) p.y.fill(0);
  digest.fill(0);
  salt.fill(0);
  return shares;
}

function recoverSecret(threshold: number, points: readonly Point[]): Uint8Array {
  if (threshold === 1) return points[0]!.y.slice();
  const secret = interpolate(points, SECRET_X);
  const digest = interpolate(points, DIGEST_X);
  const check = hmac(sha256, digest.subarray(DIGEST_BYTES), secret).subarray(0, DIGEST_BYTES);
  const ok = equalBytes(check, digest.subarray(0, DIGEST_BYTES));
  digest.fill(0);
  if (!ok) {
    secret.fill(0);
    throw new LifeboatError('invalid-digest');
  }
  return secret;
}

function given(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function plural(n: number, noun: string): string {
  return given(n, noun, `${noun}s`);
}
