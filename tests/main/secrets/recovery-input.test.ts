import { entropyToMnemonic, mnemonicToSeedSync } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { detectInputKind, seedFromRecovery } from '../../../main/secrets/recovery-input';
import { split } from '../../../main/secrets/slip39';
import { bytes, BIP39_VECTORS, hex, SLIP39_VECTORS } from './vectors';

const phrases = BIP39_VECTORS.english!;
const valid = SLIP39_VECTORS.filter((v) => v.masterSecret !== '');

describe('detectInputKind (the guardrail)', () => {
  it('sees every official BIP-39 phrase as BIP-39 and every official share as SLIP-39', () => {
    for (const list of Object.values(BIP39_VECTORS)) {
      for (const v of list) {
        expect(['bip39', 'unknown']).toContain(detectInputKind(v.phrase));
      }
    }
    for (const v of phrases) expect(detectInputKind(v.phrase)).toBe('bip39');
    for (const v of SLIP39_VECTORS) {
      for (const m of v.mnemonics) expect(detectInputKind(m)).not.toBe('bip39');
    }
    for (const v of valid) expect(detectInputKind(v.mnemonics.join('\n'))).toBe('slip39');
  });

  it('never takes one kind for the other, whatever the words', () => {
    // SLIP-39 entropy written as BIP-39 words, and BIP-39 words that are also SLIP-39 words.
    const secret = bytes(valid[0]!.masterSecret);
    expect(detectInputKind(entropyToMnemonic(secret, wordlist))).toBe('bip39');
    const both = 'acid adapt adjust admit adult advance afraid again agree alarm album alcohol';
    expect(detectInputKind(both)).toBe('bip39');
    // Twenty of them have a share's shape (its checksum is for decoding to judge).
    expect(detectInputKind(`${both} ${both}`.split(' ').slice(0, 20).join(' '))).toBe('slip39');
    expect(detectInputKind(`${both} ${both}`.split(' ').slice(0, 19).join(' '))).toBe('unknown');
    expect(detectInputKind('')).toBe('unknown');
    expect(detectInputKind('hello world')).toBe('unknown');
  });
});

describe('seedFromRecovery', () => {
  it('returns the SLIP-39 master secret itself as the BIP-32 seed, never as BIP-39 entropy', async () => {
    for (const vector of valid) {
      const progress: number[] = [];
      const { kind, seed } = await seedFromRecovery(
        { lines: ['', ...vector.mnemonics.flatMap((m) => [m, '  '])], passphrase: 'TREZOR' },
        ({ done }) => progress.push(done),
      );
      expect(kind).toBe('slip39');
      expect(hex(seed)).toBe(vector.masterSecret);
      const asEntropy = mnemonicToSeedSync(entropyToMnemonic(bytes(vector.masterSecret), wordlist));
      expect(hex(seed)).not.toBe(hex(asEntropy));
      expect(progress).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('returns the 64-byte BIP-39 seed of a phrase, even wrapped over lines', async () => {
    const v = phrases[5]!;
    const words = v.phrase.split(' ');
    const half = words.length / 2;
    const { kind, seed } = await seedFromRecovery({
      lines: [words.slice(0, half).join(' '), words.slice(half).join(' ')],
      passphrase: 'TREZOR',
    });
    expect(kind).toBe('bip39');
    expect(hex(seed)).toBe(v.seed);
  });

  it('skips a share its group does not need', async () => {
    const secret = new Uint8Array(16).fill(5);
    const [group] = await split(secret, {
      groupThreshold: 1,
      groups: [{ threshold: 2, count: 3 }],
      iterationExponent: 0,
    });
    const { seed } = await seedFromRecovery({ lines: group!, passphrase: '' });
    expect(hex(seed)).toBe(hex(secret));
  });

  it('fails with the typed error of the first bad share, saying which one', async () => {
    const [a, b] = SLIP39_VECTORS[5]!.mnemonics; // different identifiers
    await expect(seedFromRecovery({ lines: [a!, b!], passphrase: '' })).rejects.toMatchObject({
      code: 'share-mismatch',
      details: { shareIndex: 1, field: 'identifier' },
    });
    await expect(
      seedFromRecovery({ lines: [SLIP39_VECTORS[3]!.mnemonics[0]!], passphrase: '' }),
    ).rejects.toMatchObject({ code: 'insufficient-shares' });
  });

  it('explains input that is neither kind', async () => {
    const share = SLIP39_VECTORS[3]!.mnemonics[0]!;
    const typo = share.replace(/^(\S+ \S+ \S+) \S+/, '$1 bitcoin');
    await expect(seedFromRecovery({ lines: [typo], passphrase: '' })).rejects.toMatchObject({
      code: 'invalid-word',
      details: { shareIndex: 0, wordIndex: 3 },
    });
    const phraseTypo = phrases[0]!.phrase.replace(/about$/, 'abuot');
    await expect(seedFromRecovery({ lines: [phraseTypo], passphrase: '' })).rejects.toMatchObject({
      code: 'invalid-word',
      details: { wordIndex: 11 },
    });
    await expect(
      seedFromRecovery({ lines: [phrases[3]!.phrase, share], passphrase: '' }),
    ).rejects.toMatchObject({ code: 'mixed-input-kinds' });
    await expect(seedFromRecovery({ lines: ['  ', ''], passphrase: '' })).rejects.toMatchObject({
      code: 'unknown-input-kind',
    });
    await expect(
      seedFromRecovery({ lines: [SLIP39_VECTORS[38]!.mnemonics[0]!], passphrase: '' }),
    ).rejects.toMatchObject({ code: 'invalid-share-length', details: { shareIndex: 0 } });
  });
});
