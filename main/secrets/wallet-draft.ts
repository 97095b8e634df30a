// The secret of a wallet being made to survive, held here while its copies are made: the cards
// it is loaded onto, the SLIP-39 shares it is split into, or the BIP-39 phrase that writes it
// down. One wallet has one written form: shares and a phrase of the same randomness would open
// two different wallets (a SLIP-39 master secret is itself the BIP-32 seed; a phrase is
// stretched into one), so a draft is either shares, a phrase, or neither (cards only).
//
// Shares and words are given out one at a time, for showing, and compared with what the
// person types back; the draft never hands out the seed except to load a card.
import { entropyToMnemonic, mnemonicToSeed } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { LifeboatError } from '../errors';
import { phraseWords } from './bip39';
import { walletPreview } from './derivation';
import { split, type GroupSpec } from './slip39';
import { decodeShare, encodeShare, type Share } from './slip39-share';
import { slip39WordIndex, tokenize } from './slip39-words';

/** How the wallet can be written down: as shares, as a phrase, or not at all (cards only). */
export type WalletFormat = 'slip39' | 'bip39' | 'seed';

export interface ShareLayout {
  groupThreshold: number;
  groups: readonly GroupSpec[];
}

/** Where a share sits in its backup (0-based). */
export interface SharePosition {
  groupIndex: number;
  memberIndex: number;
}

export interface WalletFingerprint {
  keyUid: string;
  /** m/44'/60'/0'/0/0, EIP-55. */
  firstAddress: string;
}

/** Bytes of randomness each format takes: 128 bits make 20-word shares or 12 words. */
export const FORMAT_ENTROPY_BYTES: Readonly<Record<WalletFormat, readonly number[]>> = {
  slip39: [16, 32],
  bip39: [16, 32],
  seed: [32],
};

export class WalletDraft {
  readonly format: WalletFormat;
  readonly fingerprint: WalletFingerprint;
  /** The SLIP-39 master secret, the BIP-39 entropy, or the seed itself. */
  readonly #secret: Uint8Array;
  readonly #seed: Uint8Array;
  #shares: Share[] = [];

  private constructor(format: WalletFormat, secret: Uint8Array, seed: Uint8Array) {
    this.format = format;
    this.#secret = secret;
    this.#seed = seed;
    const preview = walletPreview(seed, 1);
    this.fingerprint = { keyUid: preview.keyUid, firstAddress: preview.addresses[0]! };
  }

  /**
   * A new wallet from `entropy` (taken: it is overwritten with the draft). A share layout is
   * given for `slip39`, which splits at once so the shares can be shown one by one.
   */
  static async create(
    format: WalletFormat,
    entropy: Uint8Array,
    layout?: ShareLayout,
  ): Promise<WalletDraft> {
    if (!FORMAT_ENTROPY_BYTES[format].includes(entropy.length)) {
      entropy.fill(0);
      throw new LifeboatError('invalid-input', 'That is not the randomness this wallet needs.');
    }
    let seed: Uint8Array;
    if (format === 'bip39') {
      seed = await mnemonicToSeed(entropyToMnemonic(entropy, wordlist), '');
    } else {
      seed = entropy.slice();
    }
    const draft = new WalletDraft(format, entropy, seed);
    if (format === 'slip39') {
      if (!layout) {
        draft.wipe();
        throw new LifeboatError('invalid-split-parameters', 'Say how the shares are split.');
      }
      await draft.reshare(layout);
    }
    return draft;
  }

  /**
   * An existing wallet's seed (a copy is taken), e.g. rebuilt from its surviving shares to
   * replace a lost card or a lost share. Only a SLIP-39 wallet's seed can be split again.
   */
  static fromSeed(format: WalletFormat, seed: Uint8Array): WalletDraft {
    return new WalletDraft(format === 'bip39' ? 'seed' : format, seed.slice(), seed.slice());
  }

  /** Makes a fresh share set of the wallet (a new identifier: no share of an older set fits). */
  async reshare(layout: ShareLayout): Promise<void> {
    if (this.format !== 'slip39')
      throw new LifeboatError(
        'invalid-split-parameters',
        'Only a wallet made of Shamir shares can be split into shares again.',
      );
    const mnemonics = await split(this.#secret, {
      groupThreshold: layout.groupThreshold,
      groups: layout.groups,
    });
    this.#wipeShares();
    this.#shares = mnemonics.flat().map((mnemonic) => decodeShare(mnemonic));
  }

  /** A copy of the BIP-32 seed, to load onto a card; the caller overwrites it. */
  seed(): Uint8Array {
    return this.#seed.slice();
  }

  /** The SLIP-39 identifier every share of the current set carries. */
  get shareIdentifier(): number | undefined {
    return this.#shares[0]?.identifier;
  }

  get shareCount(): number {
    return this.#shares.length;
  }

  sharePosition(index: number): SharePosition {
    const { groupIndex, memberIndex } = this.#share(index);
    return { groupIndex, memberIndex };
  }

  /** The words of share `index` (0-based, group by group), for showing or storing. */
  shareWords(index: number): string[] {
    return encodeShare(this.#share(index)).split(' ');
  }

  /**
   * The positions (0-based) at which `typed` does not give share `index`'s word; a SLIP-39
   * word counts from its first four letters. Missing and extra words are wrong too.
   */
  wrongShareWords(index: number, typed: string): number[] {
    const expected = this.shareWords(index);
    const tokens = tokenize(typed);
    return wrongPositions(expected, tokens, (token, word) => {
      const found = slip39WordIndex(token);
      return found !== undefined && found === slip39WordIndex(word);
    });
  }

  /** The recovery phrase's words, for showing. */
  phraseWords(): string[] {
    if (this.format !== 'bip39')
      throw new LifeboatError('invalid-input', 'This wallet is not written down as a phrase.');
    return entropyToMnemonic(this.#secret, wordlist).split(' ');
  }

  /** The positions (0-based) at which the typed phrase is not the phrase. */
  wrongPhraseWords(typed: string): number[] {
    return wrongPositions(this.phraseWords(), phraseWords(typed), (a, b) => a === b);
  }

  wipe(): void {
    this.#secret.fill(0);
    this.#seed.fill(0);
    this.#wipeShares();
  }

  #share(index: number): Share {
    const share = Number.isInteger(index) ? this.#shares[index] : undefined;
    if (!share)
      throw new LifeboatError('invalid-input', `This wallet has no share number ${index + 1}.`);
    return share;
  }

  #wipeShares(): void {
    for (const share of this.#shares.splice(0)) share.value.fill(0);
  }
}

function wrongPositions(
  expected: readonly string[],
  typed: readonly string[],
  same: (typed: string, expected: string) => boolean,
): number[] {
  const length = Math.max(expected.length, typed.length);
  const wrong: number[] = [];
  for (let i = 0; i < length; i++) {
    const word = expected[i];
    const token = typed[i];
    if (word === undefined || token === undefined || !same(token, word)) wrong.push(i);
  }
  return wrong;
}
