import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  encodeMetadata,
  metadataFromIndices,
  metadataIndices,
  parseMetadata,
} from '../../../../main/cards/keycard/metadata';

// keycard-go types/metadata_test.go
const VECTOR = Uint8Array.of(
  0x23,
  0x31,
  0x32,
  0x33,
  0x00,
  0x00,
  0x04,
  0x03,
  0x82,
  0x7a,
  0x28,
  0x01,
);
const INDICES = [0x00, 0x04, 0x05, 0x06, 0x07, 0x7a28, 0x7a29];

describe('card metadata (Status convention)', () => {
  it('parses the keycard-go vector', () => {
    const metadata = parseMetadata(VECTOR)!;
    expect(metadata.name).toBe('123');
    expect(metadataIndices(metadata, 100)).toEqual(INDICES);
  });

  it('serialises the keycard-go vector', () => {
    expect(bytesToHex(encodeMetadata(metadataFromIndices('123', INDICES)))).toBe(
      bytesToHex(VECTOR),
    );
  });

  it('treats an empty slot as "no metadata" and rejects other versions', () => {
    expect(parseMetadata(new Uint8Array(0))).toBeUndefined();
    expect(() => parseMetadata(Uint8Array.of(0x43, 0x31))).toThrow(
      expect.objectContaining({ code: 'malformed-response' }),
    );
  });

  it('rejects truncated names and ranges with a typed error', () => {
    for (const bad of [
      [0x25, 0x31],
      [0x21, 0x31, 0x05],
      [0x20, 0x82, 0x01],
    ]) {
      expect(() => parseMetadata(Uint8Array.from(bad))).toThrow(
        expect.objectContaining({ code: 'malformed-response' }),
      );
    }
  });

  it('keeps huge ranges as ranges instead of expanding them', () => {
    const metadata = parseMetadata(Uint8Array.of(0x20, 0x00, 0x83, 0xff, 0xff, 0xff))!;
    expect(metadata.ranges).toEqual([{ start: 0, end: 0xffffff }]);
    expect(metadataIndices(metadata, 3)).toEqual([0, 1, 2]);
  });

  it('refuses names over 20 bytes and data over 127 bytes', () => {
    expect(() => encodeMetadata(metadataFromIndices('x'.repeat(21), []))).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
    const scattered = Array.from({ length: 70 }, (_, i) => i * 2);
    expect(() => encodeMetadata(metadataFromIndices('wallet', scattered))).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });
});
