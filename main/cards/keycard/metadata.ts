// The Status convention for the card's public data slot (keycard-go types/metadata.go,
// also read and written by Keycard Shell): a header byte `0x20 | nameLength`, the card name,
// then (start, count) pairs in BER-length encoding, each meaning the wallet indices
// start..start+count under m/44'/60'/0'/0.
import { concatBytes } from '@noble/hashes/utils.js';
import { LifeboatError } from '../../errors';
import { decodeLength, encodeLength } from './tlv';

const VERSION = 1;
export const MAX_NAME_BYTES = 20;
/** The public data slot holds at most 127 bytes. */
export const MAX_METADATA_BYTES = 127;

/** Inclusive index range. */
export interface IndexRange {
  start: number;
  end: number;
}

export interface CardMetadata {
  name: string;
  /** Sorted, merged wallet index ranges. */
  ranges: IndexRange[];
}

function malformed(what: string): LifeboatError {
  return new LifeboatError(
    'malformed-response',
    `The card’s name and account list are malformed (${what}).`,
  );
}

function merge(ranges: IndexRange[]): IndexRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: IndexRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range.start <= last.end + 1) last.end = Math.max(last.end, range.end);
    else out.push({ ...range });
  }
  return out;
}

/** Decodes the public data; an empty slot (a card never named) gives undefined. */
export function parseMetadata(data: Uint8Array): CardMetadata | undefined {
  if (data.length === 0) return undefined;
  const header = data[0]!;
  if (header >> 5 !== VERSION) throw malformed(`unknown version ${header >> 5}`);
  const nameLength = header & 0x1f;
  if (1 + nameLength > data.length) throw malformed('name cut short');
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(1, 1 + nameLength));
  } catch {
    throw malformed('name is not text');
  }
  const ranges: IndexRange[] = [];
  let offset = 1 + nameLength;
  while (offset < data.length) {
    const start = decodeLength(data, offset);
    if (start.next >= data.length) throw malformed('range cut short');
    const count = decodeLength(data, start.next);
    ranges.push({ start: start.length, end: start.length + count.length });
    offset = count.next;
  }
  return { name, ranges: merge(ranges) };
}

export function metadataFromIndices(name: string, indices: readonly number[]): CardMetadata {
  return { name, ranges: merge(indices.map((i) => ({ start: i, end: i }))) };
}

export function encodeMetadata(metadata: CardMetadata): Uint8Array {
  const name = new TextEncoder().encode(metadata.name);
  if (name.length > MAX_NAME_BYTES)
    throw new LifeboatError('invalid-input', `A card name has at most ${MAX_NAME_BYTES} bytes.`);
  const parts: Uint8Array[] = [Uint8Array.of((VERSION << 5) | name.length), name];
  for (const range of merge(metadata.ranges)) {
    if (!Number.isInteger(range.start) || range.start < 0 || range.end < range.start)
      throw new LifeboatError('invalid-input', 'An account index range is not valid.');
    parts.push(encodeLength(range.start), encodeLength(range.end - range.start));
  }
  const out = concatBytes(...parts);
  if (out.length > MAX_METADATA_BYTES)
    throw new LifeboatError(
      'invalid-input',
      'The card name and account list do not fit on the card.',
    );
  return out;
}

/** The individual indices, in order, at most `limit` of them. */
export function metadataIndices(metadata: CardMetadata, limit: number): number[] {
  const out: number[] = [];
  for (const range of metadata.ranges) {
    for (let i = range.start; i <= range.end && out.length < limit; i += 1) out.push(i);
  }
  return out;
}
