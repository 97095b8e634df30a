import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, isShareLength } from '../../../main/secrets/slip39-share';
import { SLIP39_WORDLIST } from '../../../main/secrets/slip39-wordlist';
import { slip39Completions, slip39WordIndex } from '../../../main/secrets/slip39-words';
import { SLIP39_VECTORS } from './vectors';

const share = SLIP39_VECTORS[0]!.mnemonics[0]!;
const words = share.split(' ');
const replace = (i: number, word: string) => words.map((w, k) => (k === i ? word : w)).join(' ');

describe('SLIP-39 wordlist', () => {
  it('has 1024 sorted words, each known by its first four letters', () => {
    expect(SLIP39_WORDLIST).toHaveLength(1024);
    expect([...SLIP39_WORDLIST].sort()).toEqual(SLIP39_WORDLIST);
    expect(new Set(SLIP39_WORDLIST.map((w) => w.slice(0, 4))).size).toBe(1024);
    expect(SLIP39_WORDLIST[0]).toBe('academic');
    expect(SLIP39_WORDLIST[1023]).toBe('zero');
  });

  it('resolves a word from four letters or more, never from a wrong ending', () => {
    expect(slip39WordIndex('acad')).toBe(0);
    expect(slip39WordIndex('academic')).toBe(0);
    expect(slip39WordIndex('academix')).toBeUndefined();
    expect(slip39WordIndex('aca')).toBeUndefined();
    expect(slip39WordIndex('academics')).toBeUndefined();
    expect(slip39Completions('ac', 3)).toEqual(['academic', 'acid', 'acne']);
    expect(slip39Completions('zer', 8)).toEqual(['zero']);
    expect(slip39Completions('qq', 8)).toEqual([]);
  });
});

describe('SLIP-39 share encoding', () => {
  it('encodes every decoded official share back to the same words', () => {
    for (const mnemonic of SLIP39_VECTORS.flatMap((v) => (v.masterSecret ? v.mnemonics : []))) {
      expect(encodeShare(decodeShare(mnemonic))).toBe(mnemonic);
    }
  });

  it('reads the extendable flag and the iteration exponent', () => {
    expect(decodeShare(SLIP39_VECTORS[41]!.mnemonics[0]!)).toMatchObject({ extendable: true });
    expect(decodeShare(share)).toMatchObject({
      extendable: false,
      iterationExponent: 0,
      groupThreshold: 1,
      groupCount: 1,
      memberThreshold: 1,
    });
  });

  it('knows which lengths a share can have', () => {
    const lengths = Array.from({ length: 100 }, (_, n) => n).filter(isShareLength);
    // 2 bytes more per step: 16 bytes → 20 words … 32 → 33 … 64 → 59.
    expect(lengths).toEqual(
      Array.from({ length: 25 }, (_, i) => 7 + Math.ceil(((16 + 2 * i) * 8) / 10)),
    );
    expect(lengths.at(-1)).toBe(59);
  });

  it('names an unknown word by its position', () => {
    expect(() => decodeShare(replace(6, 'bitcoin'))).toThrow(
      expect.objectContaining({
        code: 'invalid-word',
        details: { wordIndex: 6 },
        message: 'Word 7 is not a SLIP-39 word. Check its spelling.',
      }),
    );
  });

  it('refuses a share of the wrong length', () => {
    expect(() => decodeShare(words.slice(0, 19).join(' '))).toThrow(
      expect.objectContaining({ code: 'invalid-share-length', details: { words: 19 } }),
    );
    expect(() => decodeShare(`${share} academic`)).toThrow(
      expect.objectContaining({ code: 'invalid-share-length', details: { words: 21 } }),
    );
  });

  it('pinpoints a mistyped word, the flag word and checksum words included', () => {
    for (const i of [0, 1, 2, 9, 17, 19]) {
      const index = SLIP39_WORDLIST.indexOf(words[i]!);
      const wrong = SLIP39_WORDLIST[(index + 7) % 1024]!;
      expect(() => decodeShare(replace(i, wrong))).toThrow(
        expect.objectContaining({
          code: 'invalid-share-checksum',
          details: { wordIndex: i },
          message: `This share does not pass its checksum: word ${i + 1} is probably mistyped.`,
        }),
      );
    }
  });

  it('does not guess when two words are wrong', () => {
    const twice = replace(3, 'zero').split(' ');
    twice[12] = 'academic';
    expect(() => decodeShare(twice.join(' '))).toThrow(
      expect.objectContaining({ code: 'invalid-share-checksum', details: undefined }),
    );
  });
});
