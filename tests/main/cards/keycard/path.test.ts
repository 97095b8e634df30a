import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { encodePath, parsePath } from '../../../../main/cards/keycard/path';

describe('derivation path syntax (keycard-go derivationpath_test.go TestParse)', () => {
  const ok: [string, string, number[]][] = [
    ['', 'current', []],
    ['1', 'current', [1]],
    ['..', 'parent', []],
    ['m', 'master', []],
    ['m/1', 'master', [1]],
    ['m/1/2', 'master', [1, 2]],
    ["m/1/2'/3", 'master', [1, 2147483650, 3]],
  ];
  it.each(ok)('parses %j', (text, start, indices) => {
    expect(parsePath(text)).toEqual({ start, indices });
  });

  const errors: [string, string][] = [
    ['m/', 'at position 2, expected number, got EOF'],
    ['m/1//2', 'at position 5, expected number, got /'],
    ["m/1'2", 'at position 5, expected /, got 2'],
    ["m/'/2", "at position 3, expected number, got '"],
    ['m/2147483648', 'at position 3, index must be lower than 2^31, got 2147483648'],
  ];
  it.each(errors)('rejects %j: %s', (text, reason) => {
    expect(() => parsePath(text)).toThrow(
      expect.objectContaining({ code: 'invalid-path', message: expect.stringContaining(reason) }),
    );
  });
});

describe('derivation paths for the card', () => {
  it('takes a final hardened level and the parent form', () => {
    expect(parsePath("m/44'/60'/0'")).toEqual({
      start: 'master',
      indices: [0x8000002c, 0x8000003c, 0x80000000],
    });
    expect(parsePath("../1'")).toEqual({ start: 'parent', indices: [0x80000001] });
  });

  // The GET STATUS P1=01 example of the protocol digest (§6): m/44'/60'/0'/0/0.
  it('encodes 4 big-endian bytes per level', () => {
    expect(bytesToHex(encodePath(parsePath("m/44'/60'/0'/0/0").indices))).toBe(
      '8000002c8000003c800000000000000000000000',
    );
  });

  it('allows at most 10 levels', () => {
    expect(parsePath('m/1/2/3/4/5/6/7/8/9/10').indices).toHaveLength(10);
    expect(() => parsePath('m/1/2/3/4/5/6/7/8/9/10/11')).toThrow(
      expect.objectContaining({ code: 'invalid-path' }),
    );
    expect(() => encodePath(new Array<number>(11).fill(0))).toThrow(
      expect.objectContaining({ code: 'invalid-path' }),
    );
  });
});
