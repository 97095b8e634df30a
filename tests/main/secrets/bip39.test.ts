import { HDKey } from '@scure/bip32';
import { describe, expect, it } from 'vitest';
import {
  bip39Completions,
  BIP39_WORDLISTS,
  bip39Seed,
  checkBip39Phrase,
  likelyWrongWords,
  phraseWords,
  type Bip39Language,
} from '../../../main/secrets/bip39';
import { BIP39_VECTORS, hex } from './vectors';

/** The vector file's languages that @scure/bip39 ships a wordlist for. */
const COVERED: Record<string, Bip39Language> = {
  english: 'english',
  chinese_simplified: 'simplified-chinese',
  chinese_traditional: 'traditional-chinese',
  czech: 'czech',
  french: 'french',
  italian: 'italian',
  japanese: 'japanese',
  korean: 'korean',
  portuguese: 'portuguese',
  spanish: 'spanish',
};

const english = BIP39_VECTORS.english!;
const list = (language: Bip39Language) => BIP39_WORDLISTS.find((l) => l.language === language)!;

describe('BIP-39 official vectors', () => {
  it('has the 24 English vectors; only Russian and Turkish lack a scure wordlist', () => {
    expect(english).toHaveLength(24);
    expect(Object.keys(BIP39_VECTORS).filter((l) => !(l in COVERED))).toEqual([
      'russian',
      'turkish',
    ]);
  });

  it.each(english.map((v) => [v.phrase, v] as const))(
    'English "%s": exact seed and xprv',
    async (_, vector) => {
      const seed = await bip39Seed(vector.phrase, 'TREZOR');
      expect(hex(seed)).toBe(vector.seed);
      expect(HDKey.fromMasterSeed(seed).privateExtendedKey).toBe(vector.xprv);
      expect(checkBip39Phrase(vector.phrase)).toMatchObject({
        language: 'english',
        words: vector.phrase.split(' ').length,
      });
    },
  );

  it.each(Object.entries(COVERED).filter(([file]) => file !== 'english'))(
    '%s: every vector gives the exact seed and xprv',
    async (file, language) => {
      const vectors = BIP39_VECTORS[file]!;
      expect(vectors).toHaveLength(24);
      for (const vector of vectors) {
        const seed = await bip39Seed(vector.phrase, 'TREZOR');
        expect(hex(seed)).toBe(vector.seed);
        expect(HDKey.fromMasterSeed(seed).privateExtendedKey).toBe(vector.xprv);
        // Simplified and traditional Chinese share characters; either list may accept.
        const accepted =
          file === 'chinese_traditional' ? [language, 'simplified-chinese'] : [language];
        expect(accepted).toContain(checkBip39Phrase(vector.phrase).language);
      }
    },
  );

  it('uses no passphrase when none is given', async () => {
    const seed = await bip39Seed(english[0]!.phrase, '');
    expect(hex(seed)).not.toBe(english[0]!.seed);
    expect(hex(seed)).toHaveLength(128);
  });
});

describe('BIP-39 checks for people', () => {
  const phrase = english[1]!.phrase; // legal winner thank year wave … yellow
  const words = phrase.split(' ');

  it('normalises case, spacing and the Japanese ideographic space', () => {
    expect(phraseWords(`  ${phrase.toUpperCase().replace(/ /g, '\n  ')}  `)).toEqual(words);
    expect(phraseWords('あいこくしん\u3000あおぞら')).toHaveLength(2);
  });

  it('names an unknown word, before complaining about the length', () => {
    expect(() => checkBip39Phrase(`${words.slice(0, 5).join(' ')} walnutt`)).toThrow(
      expect.objectContaining({
        code: 'invalid-word',
        details: { wordIndex: 5 },
        message: 'Word 6 is not in the BIP-39 word list. Check its spelling.',
      }),
    );
  });

  it('refuses a phrase of the wrong length', () => {
    expect(() => checkBip39Phrase(words.slice(0, 11).join(' '))).toThrow(
      expect.objectContaining({ code: 'invalid-mnemonic-length', details: { words: 11 } }),
    );
    expect(() => checkBip39Phrase('')).toThrow(
      expect.objectContaining({ code: 'invalid-mnemonic-length' }),
    );
  });

  it('pinpoints a one-letter slip that turned a word into another valid word', () => {
    // "year" → "wear": both are BIP-39 words; only the checksum can notice.
    const typed = words.map((w, i) => (i === 3 ? 'wear' : w));
    expect(list('english').has('wear')).toBe(true);
    expect(() => checkBip39Phrase(typed.join(' '))).toThrow(
      expect.objectContaining({ code: 'invalid-mnemonic-checksum' }),
    );
    expect(likelyWrongWords(typed, list('english'))).toContain(3);
  });

  it('always counts the slipped word among the suspects, and names it alone when it can', () => {
    let alone = 0;
    let cases = 0;
    for (const vector of english) {
      const original = vector.phrase.split(' ');
      for (const [i, word] of original.entries()) {
        const slip = list('english').words.find(
          (w) => w.length === word.length && [...w].filter((c, k) => c !== word[k]).length === 1,
        );
        if (!slip) continue;
        const typed = original.map((w, k) => (k === i ? slip : w));
        let error: unknown;
        try {
          checkBip39Phrase(typed.join(' '));
          continue; // the checksum happens to accept it (1 in 16 to 1 in 256)
        } catch (e) {
          error = e;
        }
        cases++;
        const suspects = likelyWrongWords(typed, list('english'));
        expect(suspects).toContain(i);
        if (suspects.length === 1) {
          alone++;
          expect(error).toMatchObject({
            details: { wordIndex: i },
            message: `The phrase does not pass its checksum: word ${i + 1} is probably wrong.`,
          });
        }
      }
    }
    expect(cases).toBeGreaterThan(100);
    expect(alone / cases).toBeGreaterThan(0.5);
  });

  it('suggests completions in list order', () => {
    expect(bip39Completions('aba', list('english'), 5)).toEqual(['abandon']);
    expect(bip39Completions('ab', list('english'), 3)).toEqual(['abandon', 'ability', 'able']);
    expect(bip39Completions('  ', list('english'), 3)).toEqual([]);
  });
});
