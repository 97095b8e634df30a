import { describe, expect, it } from 'vitest';
import { checkWords, suggestWords } from '../../../main/secrets/word-check';
import { BIP39_VECTORS, SLIP39_VECTORS } from './vectors';

const share = SLIP39_VECTORS[0]!.mnemonics[0]!; // duckling enlarge academic …
const phrase = BIP39_VECTORS.english![1]!.phrase; // legal winner thank year …

describe('checkWords', () => {
  it('checks a share being typed against the SLIP-39 list, with completions', () => {
    const typed = `${share
      .split(' ')
      .slice(0, 5)
      .map((w) => w.slice(0, 4))
      .join(' ')} zzzz ac`;
    const check = checkWords(typed);
    expect(check.kind).toBe('slip39');
    expect(check.words.slice(0, 2)).toEqual([
      { index: 0, word: 'duck', status: 'valid', completion: 'duckling' },
      { index: 1, word: 'enla', status: 'valid', completion: 'enlarge' },
    ]);
    expect(check.words[5]).toEqual({ index: 5, word: 'zzzz', status: 'invalid' });
    expect(check.words[6]).toEqual({ index: 6, word: 'ac', status: 'prefix' });
  });

  it('checks a phrase being typed against the BIP-39 list it belongs to', () => {
    const check = checkWords(`${phrase.split(' ').slice(0, 4).join(' ')} wav wrongword`);
    expect(check.kind).toBe('bip39');
    expect(check.words[0]).toEqual({ index: 0, word: 'legal', status: 'valid' });
    expect(check.words[4]).toEqual({ index: 4, word: 'wav', status: 'prefix', completion: 'wave' });
    expect(check.words[5]).toEqual({ index: 5, word: 'wrongword', status: 'invalid' });

    const french = checkWords(BIP39_VECTORS.french![3]!.phrase);
    expect(french.kind).toBe('bip39');
    expect(french.words.every((w) => w.status === 'valid')).toBe(true);
  });

  it('stays undecided while every word is in both lists', () => {
    const check = checkWords('acid animal');
    expect(check.kind).toBe('unknown');
    expect(check.words.map((w) => w.status)).toEqual(['valid', 'valid']);
    expect(checkWords('').words).toEqual([]);
  });
});

describe('suggestWords', () => {
  it('completes SLIP-39 and BIP-39 words', () => {
    expect(suggestWords('dra', 'slip39')).toEqual(['dragon', 'dramatic']);
    expect(suggestWords('ZERO', 'slip39')).toEqual(['zero']);
    expect(suggestWords('zoo', 'bip39')).toEqual(['zoo']);
    expect(suggestWords('aba', 'bip39')).toEqual(['abandon']);
    expect(suggestWords('abdi', 'bip39')).toEqual(['abdikace']);
    expect(suggestWords('qqq', 'bip39')).toEqual([]);
    expect(suggestWords('a', 'slip39')).toHaveLength(8);
  });
});
