import { HDKey } from '@scure/bip32';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../preload/errors';
import { combine, split, type GroupSpec } from '../../../main/secrets/slip39';
import { decodeShare, encodeShare } from '../../../main/secrets/slip39-share';
import { hex, SLIP39_VECTORS } from './vectors';

/**
 * What each invalid official vector must fail with, read from its description. Every
 * invalid vector must match exactly one rule, so a new kind of vector cannot slip through.
 */
const EXPECTED_FAILURES: { match: RegExp; code: ErrorCode; field?: string }[] = [
  { match: /invalid checksum/, code: 'invalid-share-checksum' },
  { match: /invalid padding/, code: 'invalid-share-padding' },
  { match: /different identifiers/, code: 'share-mismatch', field: 'identifier' },
  { match: /different iteration exponents/, code: 'share-mismatch', field: 'iterationExponent' },
  { match: /mismatching group thresholds/, code: 'share-mismatch', field: 'groupThreshold' },
  { match: /mismatching group counts/, code: 'share-mismatch', field: 'groupCount' },
  { match: /greater group threshold than group counts/, code: 'invalid-share' },
  { match: /duplicate member indices/, code: 'duplicate-share', field: 'memberIndex' },
  { match: /mismatching member thresholds/, code: 'share-mismatch', field: 'memberThreshold' },
  { match: /invalid digest/, code: 'invalid-digest' },
  { match: /Insufficient number of groups/, code: 'insufficient-shares' },
  { match: /insufficient number of members/, code: 'insufficient-shares' },
  // "Basic sharing 2-of-3" with a single share: below the member threshold.
  { match: /Basic sharing 2-of-3/, code: 'insufficient-shares' },
  { match: /insufficient length/, code: 'invalid-share-length' },
  { match: /invalid master secret length/, code: 'invalid-share-length' },
];

const valid = SLIP39_VECTORS.filter((v) => v.masterSecret !== '');
const invalid = SLIP39_VECTORS.filter((v) => v.masterSecret === '');

describe('SLIP-39 official vectors', () => {
  it('has all 45 vectors', () => {
    expect(SLIP39_VECTORS).toHaveLength(45);
    expect(valid.length + invalid.length).toBe(45);
  });

  it.each(valid.map((v) => [v.description, v] as const))(
    '%s: exact master secret and BIP-32 xprv',
    async (_, vector) => {
      const secret = await combine(vector.mnemonics, 'TREZOR');
      expect(hex(secret)).toBe(vector.masterSecret);
      expect(HDKey.fromMasterSeed(secret).privateExtendedKey).toBe(vector.xprv);
    },
  );

  it.each(invalid.map((v) => [v.description, v] as const))(
    '%s: refused with the right typed error',
    async (_, vector) => {
      const rules = EXPECTED_FAILURES.filter((r) => r.match.test(vector.description));
      expect(rules).toHaveLength(1);
      const { code, field } = rules[0]!;
      const error = await combine(vector.mnemonics, 'TREZOR').catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'LifeboatError', code });
      if (field) expect(error).toMatchObject({ details: { field } });
    },
  );

  it('names the mistyped word of the invalid-checksum vectors', async () => {
    for (const [bad, good] of [
      [1, 0],
      [20, 19],
    ] as const) {
      const typed = SLIP39_VECTORS[bad]!.mnemonics[0]!.split(' ');
      const original = SLIP39_VECTORS[good]!.mnemonics[0]!.split(' ');
      const changed = typed.findIndex((w, i) => w !== original[i]);
      expect(typed.filter((w, i) => w !== original[i])).toHaveLength(1);
      await expect(combine([typed.join(' ')], 'TREZOR')).rejects.toMatchObject({
        code: 'invalid-share-checksum',
        details: { wordIndex: changed, shareIndex: 0 },
      });
    }
  });

  it('accepts every word from its first four letters, in any case', async () => {
    const vector = SLIP39_VECTORS[3]!;
    const short = vector.mnemonics.map((m) =>
      m
        .split(' ')
        .map((w) => w.slice(0, 4).toUpperCase())
        .join('  '),
    );
    expect(hex(await combine(short, 'TREZOR'))).toBe(vector.masterSecret);
  });

  it('reports key stretching progress round by round', async () => {
    const seen: string[] = [];
    await combine(SLIP39_VECTORS[3]!.mnemonics, 'TREZOR', {
      onProgress: ({ done, total }) => seen.push(`${done}/${total}`),
    });
    expect(seen).toEqual(['0/4', '1/4', '2/4', '3/4', '4/4']);
  });
});

/** A group layout: up to four groups of up to four shares; 1-of-n only as 1-of-1. */
const layout = fc
  .array(
    fc
      .integer({ min: 1, max: 4 })
      .chain((count) =>
        fc
          .integer({ min: count === 1 ? 1 : 2, max: count })
          .map((threshold) => ({ threshold, count })),
      ),
    { minLength: 1, maxLength: 4 },
  )
  .chain((groups) =>
    fc.record({
      groups: fc.constant(groups as GroupSpec[]),
      groupThreshold: fc.integer({ min: 1, max: groups.length }),
    }),
  );

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 8,
});

const backup = fc.record({
  secret: fc.oneof(
    fc.uint8Array({ minLength: 16, maxLength: 16 }),
    fc.uint8Array({ minLength: 32, maxLength: 32 }),
  ),
  layout,
  passphrase: printable,
  extendable: fc.boolean(),
  /** Drives which groups and members are picked, and in what order. */
  pick: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
});

/** Picks `k` of `items` deterministically from `seeds`. */
function choose<T>(items: readonly T[], k: number, seeds: number[]): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < k) chosen.push(pool.splice((seeds.shift() ?? 0) % pool.length, 1)[0]!);
  return chosen;
}

/** One qualifying subset: `groupThreshold` groups, `threshold` members of each, shuffled. */
function qualifying(
  mnemonics: string[][],
  groups: GroupSpec[],
  groupThreshold: number,
  seeds: number[],
): string[][] {
  const groupIndexes = choose([...groups.keys()], groupThreshold, seeds);
  return groupIndexes.map((g) => choose(mnemonics[g]!, groups[g]!.threshold, seeds));
}

describe('SLIP-39 split and combine (properties)', () => {
  it('every qualifying subset combines to the secret; fewer shares or mixed sets are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        backup,
        async ({ secret, layout: { groups, groupThreshold }, passphrase, extendable, pick }) => {
          const options = { groupThreshold, groups, passphrase, extendable, iterationExponent: 0 };
          const mnemonics = await split(secret, options);
          expect(mnemonics.map((g) => g.length)).toEqual(groups.map((g) => g.count));

          const chosen = qualifying(mnemonics, groups, groupThreshold, [...pick]);
          const flat = choose(chosen.flat(), chosen.flat().length, [...pick]);
          expect(hex(await combine(flat, passphrase))).toBe(hex(secret));

          // One member short in one group, or one group short.
          const short = chosen.map((members, i) => (i === 0 ? members.slice(1) : members)).flat();
          await expect(combine(short, passphrase)).rejects.toMatchObject({
            code: 'insufficient-shares',
          });

          // The same layout split again: a share of the other backup spoils the set. (A
          // single 1-of-1 share has nothing to mix with.)
          if (flat.length > 1) {
            const other = await split(secret, options);
            const g = mnemonics.findIndex((members) => members.includes(chosen[0]![0]!));
            const mixed = [other[g]![0]!, ...flat.filter((m) => m !== chosen[0]![0])];
            const error = await combine(mixed, passphrase).catch((e: unknown) => e);
            // Identifiers collide once in 32768 splits; the digest then refuses the set.
            expect(['share-mismatch', 'invalid-digest']).toContain(
              (error as { code?: string }).code,
            );
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a different passphrase opens a different wallet, never an error', async () => {
    const secret = Uint8Array.from({ length: 16 }, (_, i) => i);
    const [group] = await split(secret, {
      groupThreshold: 1,
      groups: [{ threshold: 2, count: 3 }],
      passphrase: 'right',
      iterationExponent: 0,
    });
    const shares = group!.slice(1);
    expect(hex(await combine(shares, 'right'))).toBe(hex(secret));
    expect(hex(await combine(shares, 'wrong'))).not.toBe(hex(secret));
  });

  it('extendable backups keep the secret under a new identifier; others do not', async () => {
    const secret = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
    for (const extendable of [true, false]) {
      const [group] = await split(secret, {
        groupThreshold: 1,
        groups: [{ threshold: 2, count: 2 }],
        passphrase: 'TREZOR',
        extendable,
        iterationExponent: 0,
      });
      // Another backup of the same secret: same share values, a new identifier.
      const renamed = group!.map((m) => {
        const share = decodeShare(m);
        return encodeShare({ ...share, identifier: share.identifier ^ 0x5a5a });
      });
      const again = hex(await combine(renamed, 'TREZOR'));
      if (extendable) expect(again).toBe(hex(secret));
      else expect(again).not.toBe(hex(secret));
    }
  });

  it('honours the iteration exponent', async () => {
    const secret = new Uint8Array(16).fill(0x42);
    const [group] = await split(secret, {
      groupThreshold: 1,
      groups: [{ threshold: 1, count: 1 }],
      iterationExponent: 2,
    });
    expect(decodeShare(group![0]!).iterationExponent).toBe(2);
    expect(hex(await combine(group!))).toBe(hex(secret));
  });
});

describe('SLIP-39 split parameters', () => {
  const secret = new Uint8Array(16);
  const refuse = (options: Parameters<typeof split>[1], code: ErrorCode, s = secret) =>
    expect(split(s, { iterationExponent: 0, ...options })).rejects.toMatchObject({ code });

  it('refuses impossible layouts', async () => {
    const one = [{ threshold: 1, count: 1 }];
    await refuse({ groupThreshold: 1, groups: [] }, 'invalid-split-parameters');
    await refuse({ groupThreshold: 2, groups: one }, 'invalid-split-parameters');
    await refuse({ groupThreshold: 0, groups: one }, 'invalid-split-parameters');
    await refuse(
      { groupThreshold: 1, groups: [{ threshold: 3, count: 2 }] },
      'invalid-split-parameters',
    );
    await refuse(
      { groupThreshold: 1, groups: [{ threshold: 2, count: 17 }] },
      'invalid-split-parameters',
    );
    await refuse(
      { groupThreshold: 1, groups: [{ threshold: 1, count: 3 }] },
      'invalid-split-parameters',
    );
    await refuse({ groupThreshold: 1, groups: Array(17).fill(one[0]) }, 'invalid-split-parameters');
    await refuse(
      { groupThreshold: 1, groups: one, iterationExponent: 16 },
      'invalid-split-parameters',
    );
  });

  it('refuses secrets that are too short, too long or odd', async () => {
    const groups = [{ threshold: 1, count: 1 }];
    for (const length of [0, 14, 17, 34]) {
      await refuse({ groupThreshold: 1, groups }, 'invalid-secret', new Uint8Array(length));
    }
  });

  it('refuses a passphrase that is not printable ASCII, on split and on combine', async () => {
    const groups = [{ threshold: 1, count: 1 }];
    await refuse({ groupThreshold: 1, groups, passphrase: 'café' }, 'invalid-passphrase');
    await expect(combine(SLIP39_VECTORS[0]!.mnemonics, 'tab\there')).rejects.toMatchObject({
      code: 'invalid-passphrase',
    });
  });

  it('makes shares of 20 words for 128 bits and 33 for 256, starting with the same two words', async () => {
    for (const [length, words] of [
      [16, 20],
      [32, 33],
    ] as const) {
      const groups = await split(new Uint8Array(length).fill(1), {
        groupThreshold: 2,
        groups: [
          { threshold: 2, count: 3 },
          { threshold: 3, count: 5 },
        ],
        iterationExponent: 0,
      });
      const all = groups.flat();
      expect(all).toHaveLength(8);
      for (const m of all) expect(m.split(' ')).toHaveLength(words);
      expect(new Set(all.map((m) => m.split(' ').slice(0, 2).join(' '))).size).toBe(1);
    }
  });
});
