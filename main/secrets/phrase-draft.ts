// A recovery phrase made for a key that is about to be created: generated here from fresh
// entropy, shown to the person once, and only usable after they typed chosen words of it back.
// That check is what turns "a key on one card" into "a key with a written backup".
import { randomFillSync, randomInt } from 'node:crypto';
import { entropyToMnemonic, mnemonicToSeed } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { LifeboatError } from '../errors';
import { phraseWords } from './bip39';

/** BIP-39: 12 words carry 128 bits of entropy, 24 words 256. */
const ENTROPY_BYTES = { 12: 16, 24: 32 } as const;
export type NewPhraseLength = keyof typeof ENTROPY_BYTES;

/** Enough positions that a phrase not written down fails, few enough to type without tiring. */
const CHECKED_WORDS = 4;

export class PhraseDraft {
  readonly #entropy: Uint8Array;
  /** 0-based positions of the words the person types back, in phrase order. */
  readonly check: readonly number[];

  constructor(length: NewPhraseLength) {
    if (!Object.hasOwn(ENTROPY_BYTES, length)) {
      throw new LifeboatError('invalid-input', 'A new recovery phrase has 12 or 24 words.', {
        field: 'words',
      });
    }
    this.#entropy = randomFillSync(new Uint8Array(ENTROPY_BYTES[length]));
    this.check = pickPositions(length, CHECKED_WORDS);
  }

  /** The words, for showing once. */
  words(): string[] {
    return entropyToMnemonic(this.#entropy, wordlist).split(' ');
  }

  /** The positions of `check` whose typed word is not the phrase's word there. */
  wrongAnswers(answers: readonly string[]): number[] {
    if (answers.length !== this.check.length) {
      throw new LifeboatError(
        'invalid-input',
        `Type the ${this.check.length} words that were asked for.`,
        { field: 'words' },
      );
    }
    const words = this.words();
    return this.check.filter((position, i) => phraseWords(answers[i]!)[0] !== words[position]);
  }

  /** The BIP-32 seed of the phrase, without a passphrase. */
  seed(): Promise<Uint8Array> {
    return mnemonicToSeed(this.words().join(' '), '');
  }

  wipe(): void {
    this.#entropy.fill(0);
  }
}

function pickPositions(length: number, count: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(randomInt(length));
  return [...chosen].sort((a, b) => a - b);
}
