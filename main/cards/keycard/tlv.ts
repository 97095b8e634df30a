// BER-TLV as the Keycard applet writes it: one- or multi-byte tags, lengths in the short
// form or the long forms 0x81–0x83. Decoding is strict about structure (a truncated element
// is an error) but keeps unknown tags, since the protocol lets cards append new fields.
import { LifeboatError } from '../../errors';

export interface Tlv {
  /** The tag bytes as one big-endian number, e.g. 0x8f or 0x9f70. */
  tag: number;
  value: Uint8Array;
}

const MAX_LENGTH_BYTES = 3;
const MAX_TAG_BYTES = 3;

function malformed(what: string): LifeboatError {
  return new LifeboatError('malformed-response', `The card sent a malformed answer (${what}).`);
}

/** Reads a BER length at `offset`; returns it and the offset just after it. */
export function decodeLength(bytes: Uint8Array, offset: number): { length: number; next: number } {
  const first = bytes[offset];
  if (first === undefined) throw malformed('length missing');
  if (first < 0x80) return { length: first, next: offset + 1 };
  const count = first - 0x80;
  if (count === 0 || count > MAX_LENGTH_BYTES) throw malformed('unsupported length form');
  if (offset + 1 + count > bytes.length) throw malformed('length cut short');
  let length = 0;
  for (let i = 1; i <= count; i += 1) length = length * 256 + bytes[offset + i]!;
  return { length, next: offset + 1 + count };
}

export function encodeLength(length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length >= 2 ** (8 * MAX_LENGTH_BYTES))
    throw new LifeboatError('invalid-request', 'A TLV length is out of range.');
  if (length < 0x80) return Uint8Array.of(length);
  if (length < 0x100) return Uint8Array.of(0x81, length);
  if (length < 0x10000) return Uint8Array.of(0x82, length >> 8, length & 0xff);
  return Uint8Array.of(0x83, length >> 16, (length >> 8) & 0xff, length & 0xff);
}

function decodeTag(bytes: Uint8Array, offset: number): { tag: number; next: number } {
  let tag = bytes[offset]!;
  let next = offset + 1;
  if ((tag & 0x1f) !== 0x1f) return { tag, next };
  for (;;) {
    const byte = bytes[next];
    if (byte === undefined) throw malformed('tag cut short');
    tag = tag * 256 + byte;
    next += 1;
    if ((byte & 0x80) === 0) return { tag, next };
    if (next - offset >= MAX_TAG_BYTES) throw malformed('tag too long');
  }
}

/** Splits a byte string into its top-level TLV elements. */
export function decodeTlvs(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const tag = decodeTag(bytes, offset);
    const length = decodeLength(bytes, tag.next);
    const end = length.next + length.length;
    if (end > bytes.length) throw malformed('value cut short');
    out.push({ tag: tag.tag, value: bytes.subarray(length.next, end) });
    offset = end;
  }
  return out;
}

export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  if (tag > 0xff)
    throw new LifeboatError('invalid-request', 'Keycard commands use one-byte TLV tags.');
  const length = encodeLength(value.length);
  const out = new Uint8Array(1 + length.length + value.length);
  out[0] = tag;
  out.set(length, 1);
  out.set(value, 1 + length.length);
  return out;
}

/** The value of the `occurrence`-th element with `tag` (0 = first), if present. */
export function findTag(tlvs: readonly Tlv[], tag: number, occurrence = 0): Uint8Array | undefined {
  let seen = 0;
  for (const tlv of tlvs) {
    if (tlv.tag !== tag) continue;
    if (seen === occurrence) return tlv.value;
    seen += 1;
  }
  return undefined;
}

/** Like `findTag`, but a missing element is a malformed answer naming what was expected. */
export function requireTag(
  tlvs: readonly Tlv[],
  tag: number,
  what: string,
  options: { occurrence?: number; length?: number } = {},
): Uint8Array {
  const value = findTag(tlvs, tag, options.occurrence);
  if (value === undefined) throw malformed(`${what} missing`);
  if (options.length !== undefined && value.length !== options.length)
    throw malformed(`${what} has ${value.length} bytes instead of ${options.length}`);
  return value;
}

/** The value of the single top-level template `tag` that a response consists of. */
export function requireTemplate(data: Uint8Array, tag: number, what: string): Tlv[] {
  return decodeTlvs(requireTag(decodeTlvs(data), tag, what));
}
