// RS1024, the Reed-Solomon checksum over GF(1024) in the last three words of a SLIP-39 share.
// Any error in up to three words is detected; an error in a single word can also be located,
// which lets the checker point at the word that is probably mistyped (SLIP-39 allows naming
// the place, never suggesting the correction).

const GENERATOR = [
  0xe0e040, 0x1c1c080, 0x3838100, 0x7070200, 0xe0e0009, 0x1c0c2412, 0x38086c24, 0x3090fc48,
  0x21b1f890, 0x3f3f120,
];

export const CHECKSUM_WORDS = 3;

function step(chk: number, value: number): number {
  const top = chk >>> 20;
  chk = ((chk & 0xfffff) << 10) ^ value;
  for (let i = 0; i < 10; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i]!;
  return chk;
}

function polymod(customization: string, values: readonly number[]): number {
  let chk = 1;
  for (let i = 0; i < customization.length; i++) chk = step(chk, customization.charCodeAt(i));
  for (const v of values) chk = step(chk, v);
  return chk;
}

/** The three checksum words for `data` (10-bit values). */
export function rs1024Checksum(customization: string, data: readonly number[]): number[] {
  const chk = polymod(customization, [...data, 0, 0, 0]) ^ 1;
  return [(chk >>> 20) & 1023, (chk >>> 10) & 1023, chk & 1023];
}

/** True when `words` (data followed by the checksum) is a valid codeword. */
export function rs1024Verify(customization: string, words: readonly number[]): boolean {
  return polymod(customization, words) === 1;
}

/**
 * The positions where replacing one word would make the checksum valid. A single wrong word
 * gives exactly one position: the code's minimum distance is 4, so two different one-word
 * fixes cannot both exist.
 */
export function rs1024SingleErrorPositions(
  customization: string,
  words: readonly number[],
): number[] {
  const syndrome = polymod(customization, words) ^ 1;
  if (syndrome === 0) return [];
  // The checksum is linear over GF(2): flipping bits e of word i changes the remainder by
  // e pushed through the (n-1-i) steps that follow. Build that from the ten single-bit flips,
  // starting at the last word and moving one step earlier each time.
  let basis = Array.from({ length: 10 }, (_, bit) => 1 << bit);
  const positions: number[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    if (reachable(basis, syndrome)) positions.push(i);
    basis = basis.map((b) => step(b, 0));
  }
  return positions.reverse();
}

/** Whether some non-zero combination of the basis vectors XORs to `target` (Gray-code walk). */
function reachable(basis: readonly number[], target: number): boolean {
  let sum = 0;
  for (let e = 1; e < 1024; e++) {
    sum ^= basis[31 - Math.clz32(e & -e)]!;
    if (sum === target) return true;
  }
  return false;
}
