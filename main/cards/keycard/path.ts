// Derivation paths in the keycard-go syntax: "m/…" starts at the master key, "../…" at the
// parent of the card's current key, a bare "…" at the current key; "'" marks a hardened
// index. The card takes at most 10 levels, each a big-endian uint32.
import { LifeboatError } from '../../errors';

export const HARDENED = 0x80000000;
export const MAX_DEPTH = 10;

export type PathStart = 'master' | 'parent' | 'current';

export interface KeyPath {
  start: PathStart;
  indices: number[];
}

/** The P1 source bits of DERIVE, SIGN and EXPORT KEY. */
export const PATH_SOURCE: Record<PathStart, number> = { master: 0x00, parent: 0x40, current: 0x80 };

function invalid(text: string, reason: string): LifeboatError {
  return new LifeboatError(
    'invalid-path',
    `The derivation path "${text}" is not valid: ${reason}.`,
  );
}

function describe(ch: string | undefined): string {
  return ch === undefined ? 'EOF' : ch;
}

export function parsePath(text: string): KeyPath {
  let start: PathStart = 'current';
  let pos = 0;
  if (text.startsWith('m')) {
    start = 'master';
    pos = 1;
  } else if (text.startsWith('..')) {
    start = 'parent';
    pos = 2;
  }
  const indices: number[] = [];
  if (pos === text.length) return { start, indices };
  if (pos > 0) {
    if (text[pos] !== '/')
      throw invalid(text, `at position ${pos + 1}, expected /, got ${text[pos]}`);
    pos += 1;
  }
  for (;;) {
    const numberStart = pos;
    while (pos < text.length && text[pos]! >= '0' && text[pos]! <= '9') pos += 1;
    if (pos === numberStart) {
      const got = text[pos];
      throw invalid(
        text,
        `at position ${got === undefined ? pos : pos + 1}, expected number, got ${describe(got)}`,
      );
    }
    const digits = text.slice(numberStart, pos);
    const value = Number(digits);
    if (digits.length > 10 || value >= HARDENED)
      throw invalid(
        text,
        `at position ${numberStart + 1}, index must be lower than 2^31, got ${digits}`,
      );
    let index = value;
    if (text[pos] === "'") {
      index += HARDENED;
      pos += 1;
    }
    indices.push(index);
    if (indices.length > MAX_DEPTH)
      throw invalid(text, `a Keycard path has at most ${MAX_DEPTH} levels`);
    if (pos === text.length) return { start, indices };
    if (text[pos] !== '/')
      throw invalid(text, `at position ${pos + 1}, expected /, got ${text[pos]}`);
    pos += 1;
  }
}

/** The path as the card takes it: 4 big-endian bytes per level. */
export function encodePath(indices: readonly number[]): Uint8Array {
  if (indices.length > MAX_DEPTH)
    throw new LifeboatError('invalid-path', `A Keycard path has at most ${MAX_DEPTH} levels.`);
  const out = new Uint8Array(indices.length * 4);
  const view = new DataView(out.buffer);
  indices.forEach((index, i) => {
    if (!Number.isInteger(index) || index < 0 || index > 0xffffffff)
      throw new LifeboatError('invalid-path', 'A path index is out of range.');
    view.setUint32(i * 4, index);
  });
  return out;
}

export function toKeyPath(path: string | KeyPath): KeyPath {
  return typeof path === 'string' ? parsePath(path) : path;
}
