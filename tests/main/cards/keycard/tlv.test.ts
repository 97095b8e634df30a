import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  decodeLength,
  decodeTlvs,
  encodeLength,
  encodeTlv,
  findTag,
  requireTag,
} from '../../../../main/cards/keycard/tlv';

const h = (s: string) => hexToBytes(s.replace(/\s+/g, ''));
const hex = (b: Uint8Array | undefined) => (b === undefined ? undefined : bytesToHex(b));

describe('BER-TLV', () => {
  // keycard-go apdu/utils_test.go TestFindTag
  it('finds tags at the top level and inside templates', () => {
    const top = decodeTlvs(h('C1 02 BB CC C2 04 C3 02 11 22 C3 02 88 99'));
    expect(hex(findTag(top, 0xc1))).toBe('bbcc');
    expect(hex(findTag(top, 0xc2))).toBe('c3021122');
    expect(hex(findTag(top, 0xc3))).toBe('8899');
    expect(hex(findTag(decodeTlvs(findTag(top, 0xc2)!), 0xc3))).toBe('1122');
    expect(findTag(decodeTlvs(h('C1 00')), 0xc2)).toBeUndefined();
    expect(findTag(decodeTlvs(findTag(decodeTlvs(h('C1 02 C2 00')), 0xc1)!), 0xc3)).toBeUndefined();
  });

  // TestFindTagN
  it('finds the n-th occurrence of a tag', () => {
    const top = decodeTlvs(h('0A 01 A1 0A 01 A2'));
    expect(hex(findTag(top, 0x0a, 0))).toBe('a1');
    expect(hex(findTag(top, 0x0a, 1))).toBe('a2');
    expect(findTag(top, 0x0a, 2)).toBeUndefined();
  });

  // TestParseLength
  it('reads short and long-form lengths', () => {
    expect(decodeLength(h('01 AA'), 0)).toEqual({ length: 1, next: 1 });
    expect(decodeLength(h('7F AA'), 0)).toEqual({ length: 127, next: 1 });
    expect(decodeLength(h('81 80 AA'), 0)).toEqual({ length: 128, next: 2 });
    expect(decodeLength(h('82 80 80 AA'), 0)).toEqual({ length: 32896, next: 3 });
    expect(decodeLength(h('83 80 80 80 AA'), 0)).toEqual({ length: 8421504, next: 4 });
    for (const bad of ['80 AA', '84 AA', '', '82 01']) {
      expect(() => decodeLength(h(bad), 0)).toThrow(
        expect.objectContaining({ code: 'malformed-response' }),
      );
    }
  });

  // TestParseTag
  it('reads one- and multi-byte tags', () => {
    expect(decodeTlvs(h('01 00'))[0]?.tag).toBe(0x01);
    expect(decodeTlvs(h('9F 70 01 AA'))[0]).toEqual({ tag: 0x9f70, value: h('AA') });
  });

  it('encodes the lengths the SELECT and SIGN templates use', () => {
    expect(hex(encodeLength(0x61))).toBe('61');
    expect(hex(encodeLength(0x81))).toBe('8181');
    expect(hex(encodeLength(0x1234))).toBe('821234');
    expect(hex(encodeTlv(0x81, new Uint8Array(32)))).toBe(`8120${'00'.repeat(32)}`);
    const long = encodeTlv(0xa0, new Uint8Array(200));
    expect(hex(long.subarray(0, 3))).toBe('a081c8');
    expect(decodeTlvs(long)[0]?.value.length).toBe(200);
  });

  it('rejects truncated elements with a typed error naming what is missing', () => {
    expect(() => decodeTlvs(h('80 41 04 00'))).toThrow(
      expect.objectContaining({ code: 'malformed-response' }),
    );
    expect(() => decodeTlvs(h('9F'))).toThrow(
      expect.objectContaining({ code: 'malformed-response' }),
    );
    expect(() => requireTag(decodeTlvs(h('80 01 00')), 0x81, 'private key')).toThrow(
      /private key missing/,
    );
    expect(() => requireTag(decodeTlvs(h('80 01 00')), 0x80, 'key', { length: 2 })).toThrow(
      /key has 1 bytes instead of 2/,
    );
  });
});
