import { describe, expect, it } from 'vitest';
import {
  rs1024Checksum,
  rs1024SingleErrorPositions,
  rs1024Verify,
} from '../../../main/secrets/rs1024';
import { SLIP39_WORDLIST } from '../../../main/secrets/slip39-wordlist';
import { SLIP39_VECTORS } from './vectors';

const indices = (mnemonic: string) => mnemonic.split(' ').map((w) => SLIP39_WORDLIST.indexOf(w));
const customization = (words: number[]) => ((words[1]! >> 4) & 1 ? 'shamir_extendable' : 'shamir');

const validShares = SLIP39_VECTORS.filter((v) => v.masterSecret !== '').flatMap((v) => v.mnemonics);

describe('RS1024', () => {
  it('accepts the checksum of every share of the valid official vectors', () => {
    expect(validShares).toHaveLength(35);
    for (const share of validShares) {
      const words = indices(share);
      expect(rs1024Verify(customization(words), words)).toBe(true);
      expect(rs1024Checksum(customization(words), words.slice(0, -3))).toEqual(words.slice(-3));
    }
  });

  it('depends on the customization string', () => {
    const words = indices(validShares[0]!);
    expect(rs1024Verify('shamir_extendable', words)).toBe(false);
  });

  it('locates any single changed word', () => {
    const words = indices(SLIP39_VECTORS[22]!.mnemonics[0]!);
    const cs = customization(words);
    expect(rs1024SingleErrorPositions(cs, words)).toEqual([]);
    for (let i = 0; i < words.length; i++) {
      if (i === 1) continue; // word 1 holds the flag that picks the customization string
      for (const delta of [1, 0x200, 0x3ff, 0x155]) {
        const changed = words.slice();
        changed[i] = changed[i]! ^ delta;
        expect(rs1024Verify(cs, changed)).toBe(false);
        expect(rs1024SingleErrorPositions(cs, changed)).toEqual([i]);
      }
    }
  });

  it('detects any three changed words', () => {
    const words = indices(validShares[5]!);
    const cs = customization(words);
    for (let i = 0; i + 2 < words.length; i += 3) {
      const changed = words.slice();
      for (const k of [i, i + 1, i + 2]) changed[k] = changed[k]! ^ (k + 1);
      expect(rs1024Verify(cs, changed)).toBe(false);
    }
  });
});
