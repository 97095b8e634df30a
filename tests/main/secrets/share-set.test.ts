import { describe, expect, it } from 'vitest';
import { describeMissing, ShareSet } from '../../../main/secrets/share-set';
import { split } from '../../../main/secrets/slip39';
import { decodeShare, encodeShare } from '../../../main/secrets/slip39-share';
import { hex, SLIP39_VECTORS } from './vectors';

const vector = (n: number) => SLIP39_VECTORS[n - 1]!;

/** Adds all but the last share, then returns what the set says about the last one. */
function lastCheck(mnemonics: string[]) {
  const set = new ShareSet();
  for (const m of mnemonics.slice(0, -1)) expect(set.add(m)).toMatchObject({ accepted: true });
  return set.add(mnemonics.at(-1)!);
}

describe('ShareSet: live checks, one failure kind at a time', () => {
  const good = vector(4).mnemonics[0]!;
  const words = good.split(' ');

  it('names an unknown word', () => {
    const typed = words.map((w, i) => (i === 6 ? 'bitcoin' : w)).join(' ');
    expect(new ShareSet().add(typed)).toMatchObject({
      accepted: false,
      problem: {
        code: 'invalid-word',
        wordIndex: 6,
        message: 'Word 7 is not a SLIP-39 word. Check its spelling.',
      },
    });
  });

  it('pinpoints the mistyped word when the checksum fails', () => {
    const typed = words.map((w, i) => (i === 11 ? 'zero' : w)).join(' ');
    expect(new ShareSet().add(typed).problem).toEqual({
      code: 'invalid-share-checksum',
      wordIndex: 11,
      message: 'This share does not pass its checksum: word 12 is probably mistyped.',
    });
  });

  it('refuses a share of the wrong length', () => {
    expect(new ShareSet().add(words.slice(0, 19).join(' ')).problem).toEqual({
      code: 'invalid-share-length',
      message: 'This share has 19 words; a Shamir share has 20 or 33.',
    });
  });

  it('refuses bad padding', () => {
    expect(new ShareSet().add(vector(3).mnemonics[0]!).problem).toMatchObject({
      code: 'invalid-share-padding',
      message: 'This share is not valid (bad padding): a word is probably wrong.',
    });
  });

  it('refuses a group threshold above the group count', () => {
    expect(new ShareSet().add(vector(10).mnemonics[2]!).problem).toMatchObject({
      code: 'invalid-share',
      message: 'This share is not valid: it says 2 groups are needed out of only 1.',
    });
  });

  it.each([
    [6, 'identifier', /backup identifier \(in the first two words\) is different/],
    [7, 'iterationExponent', /it uses iteration exponent \d+, they use \d+/],
    [8, 'groupThreshold', /it asks for shares from \d groups?, they ask for \d/],
    [9, 'groupCount', /it says the backup has \d+ groups?, they say \d+/],
    [12, 'memberThreshold', /it says group 1 needs \d shares?, they say \d/],
  ] as const)('vector %i: names the field that differs (%s)', (n, field, message) => {
    const check = lastCheck(vector(n).mnemonics);
    expect(check).toMatchObject({ accepted: false, problem: { code: 'share-mismatch', field } });
    expect(check.problem!.message).toMatch(/^This share belongs to a different backup/);
    expect(check.problem!.message).toMatch(message);
  });

  it('names the extendable flag and the secret length when they differ', () => {
    const share = decodeShare(good);
    const flipped = encodeShare({ ...share, extendable: !share.extendable, memberIndex: 9 });
    expect(lastCheck([good, flipped]).problem).toMatchObject({
      code: 'share-mismatch',
      field: 'extendable',
      message:
        'This share belongs to a different backup than the shares already entered: it comes from an extendable backup and they do not.',
    });
    const longer = encodeShare({ ...share, memberIndex: 9, value: new Uint8Array(32) });
    expect(lastCheck([good, longer]).problem).toMatchObject({
      code: 'share-mismatch',
      field: 'length',
      message:
        'This share belongs to a different backup than the shares already entered: it holds a 256-bit secret, they hold a 128-bit one.',
    });
  });

  it('refuses the same share twice', () => {
    expect(lastCheck([good, good]).problem).toEqual({
      code: 'duplicate-share',
      message: 'This share was already entered.',
    });
  });

  it('refuses a different share with the same member number (vector 11)', () => {
    expect(lastCheck(vector(11).mnemonics).problem).toEqual({
      code: 'duplicate-share',
      field: 'memberIndex',
      message:
        'A different share with the same member number was already entered for group 1: one of the two belongs to another backup.',
    });
  });

  it('recognises a BIP-39 phrase typed where a share belongs', () => {
    const phrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
    expect(new ShareSet().add(phrase).problem).toMatchObject({ code: 'wrong-input-kind' });
  });

  it('does not add a share its group no longer needs', async () => {
    const [groupA, groupB, groupC] = await split(new Uint8Array(16).fill(9), {
      groupThreshold: 2,
      groups: [
        { threshold: 2, count: 3 },
        { threshold: 1, count: 1 },
        { threshold: 2, count: 2 },
      ],
      iterationExponent: 0,
    });
    const set = new ShareSet();
    set.add(groupA![0]!);
    set.add(groupA![1]!);
    expect(set.add(groupA![2]!)).toMatchObject({
      accepted: false,
      problem: {
        code: 'share-not-needed',
        message: 'This share is valid, but group 1 already has the 2 shares it needs.',
      },
    });
    expect(set.add(groupB![0]!)).toMatchObject({ accepted: true, progress: { complete: true } });
    expect(set.add(groupC![0]!).problem).toEqual({
      code: 'share-not-needed',
      message: 'This share is valid, but the backup already has the 2 complete groups it needs.',
    });
  });
});

describe('ShareSet: progress and combining', () => {
  it('reports progress per group and overall, then combines (vector 17)', async () => {
    const { mnemonics, masterSecret } = vector(17);
    const set = new ShareSet();
    const checks = mnemonics.map((m) => set.add(m));
    expect(checks.every((c) => c.accepted)).toBe(true);
    expect(checks[0]!.progress).toEqual({
      sharesEntered: 1,
      groupThreshold: 2,
      groupCount: 4,
      groups: [
        {
          groupIndex: checks[0]!.share!.groupIndex,
          memberThreshold: 2,
          entered: 1,
          complete: false,
        },
      ],
      groupsComplete: 0,
      complete: false,
    });
    const last = checks.at(-1)!.progress;
    // Sorted by group index: the 3-of-n group (index 2) before the 2-of-n one (index 3).
    expect(
      last.groups.map((g) => [g.groupIndex, g.entered, g.memberThreshold, g.complete]),
    ).toEqual([
      [2, 3, 3, true],
      [3, 2, 2, true],
    ]);
    expect(last).toMatchObject({ sharesEntered: 5, groupsComplete: 2, complete: true });
    expect(hex(await set.combine('TREZOR'))).toBe(masterSecret);
  });

  it('ignores the shares of a group left incomplete', async () => {
    const secret = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const groups = await split(secret, {
      groupThreshold: 2,
      groups: [
        { threshold: 2, count: 2 },
        { threshold: 3, count: 3 },
        { threshold: 2, count: 2 },
      ],
      iterationExponent: 0,
    });
    const set = new ShareSet();
    for (const m of [
      groups[1]![0]!,
      groups[0]![0]!,
      groups[2]![1]!,
      groups[0]![1]!,
      groups[2]![0]!,
    ]) {
      expect(set.add(m).accepted).toBe(true);
    }
    expect(set.progress().groups.map((g) => g.complete)).toEqual([true, false, true]);
    expect(hex(await set.combine(''))).toBe(hex(secret));
  });

  it('never combines below the threshold and says what is missing', async () => {
    const set = new ShareSet();
    set.add(vector(17).mnemonics[0]!);
    const missing = '2 more complete groups are needed; group 4 has 1 of 2 shares.';
    expect(describeMissing(set.progress())).toBe(missing);
    await expect(set.combine('TREZOR')).rejects.toMatchObject({
      code: 'insufficient-shares',
      message: missing,
    });
    expect(describeMissing(new ShareSet().progress())).toBe('No shares have been entered yet.');
  });

  it('removes a share by its position and wipes everything on request', async () => {
    const { mnemonics, masterSecret } = vector(4);
    const set = new ShareSet();
    set.add(mnemonics[0]!);
    set.add(mnemonics[1]!);
    expect(set.remove(0)).toMatchObject({ sharesEntered: 1, complete: false });
    expect(() => set.remove(5)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    set.add(mnemonics[0]!);
    expect(hex(await set.combine('TREZOR'))).toBe(masterSecret);
    set.wipe();
    expect(set.progress()).toMatchObject({
      sharesEntered: 0,
      groupThreshold: null,
      complete: false,
    });
  });
});
