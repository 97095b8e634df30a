import { describe, expect, it } from 'vitest';
import {
  addressGroups,
  groupsOf,
  isValidAddress,
  shortAddress,
} from '../../../renderer/format/address';

// Test vectors from EIP-55.
const EIP55 = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

describe('addressGroups', () => {
  it('shows the EIP-55 form in groups of four', () => {
    expect(addressGroups(EIP55[0]!)).toEqual([
      '0x',
      '5aAe',
      'b605',
      '3F3E',
      '94C9',
      'b9A0',
      '9f33',
      '6694',
      '35E7',
      'Ef1B',
      'eAed',
    ]);
  });

  it('checksums an all-lowercase address before grouping', () => {
    for (const address of EIP55) {
      expect(addressGroups(address.toLowerCase()).join('')).toBe(address);
    }
  });
});

describe('isValidAddress', () => {
  it('accepts checksummed, lowercase and uppercase forms', () => {
    for (const address of EIP55) {
      expect(isValidAddress(address)).toBe(true);
      expect(isValidAddress(address.toLowerCase())).toBe(true);
      expect(isValidAddress(`0x${address.slice(2).toUpperCase()}`)).toBe(true);
    }
  });

  it('refuses a wrong checksum and malformed text', () => {
    const flipped = EIP55[0]!.replace('aAeb', 'AaEb');
    expect(isValidAddress(flipped)).toBe(false);
    expect(isValidAddress('0x1234')).toBe(false);
    expect(isValidAddress('not an address')).toBe(false);
  });
});

describe('groupsOf and shortAddress', () => {
  it('split and shorten', () => {
    expect(groupsOf('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(groupsOf('', 4)).toEqual([]);
    expect(shortAddress(EIP55[0]!)).toBe('0x5aAe…eAed');
  });
});
