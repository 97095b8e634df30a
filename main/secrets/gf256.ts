// Arithmetic in GF(256) modulo the Rijndael polynomial x^8 + x^4 + x^3 + x + 1, and the
// Lagrange interpolation SLIP-39 runs over it byte by byte.
//
// Share values are secret, so multiplication is branch-free shift-and-add instead of the
// usual log/exp tables: a table indexed by a secret byte leaks it through the cache.

export function gfMul(a: number, b: number): number {
  let product = 0;
  for (let i = 0; i < 8; i++) {
    product ^= -(b & 1) & a;
    const carry = -(a >> 7) & 0x1b;
    a = ((a << 1) & 0xff) ^ carry;
    b >>= 1;
  }
  return product;
}

/** a^254 = a^-1 for a ≠ 0 (the multiplicative group has order 255). */
export function gfInv(a: number): number {
  if (a === 0) throw new RangeError('0 has no inverse in GF(256)');
  let result = 1;
  let square = a;
  for (let exponent = 254; exponent > 0; exponent >>= 1) {
    if (exponent & 1) result = gfMul(result, square);
    square = gfMul(square, square);
  }
  return result;
}

export interface Point {
  x: number;
  y: Uint8Array;
}

/**
 * The value at `x` of the polynomials of lowest degree through `points`, one polynomial per
 * byte position. The x values must be distinct and the y vectors equally long.
 */
export function interpolate(points: readonly Point[], x: number): Uint8Array {
  const first = points[0];
  if (!first) throw new RangeError('interpolation needs at least one point');
  const xs = new Set(points.map((p) => p.x));
  if (xs.size !== points.length) throw new RangeError('interpolation points must be distinct');
  if (points.some((p) => p.y.length !== first.y.length))
    throw new RangeError('interpolation values must be equally long');

  const at = points.find((p) => p.x === x);
  if (at) return at.y.slice();

  const result = new Uint8Array(first.y.length);
  for (const p of points) {
    // The Lagrange basis weight depends only on the public x values.
    let weight = 1;
    for (const q of points) {
      if (q.x !== p.x) weight = gfMul(weight, gfMul(x ^ q.x, gfInv(p.x ^ q.x)));
    }
    for (let k = 0; k < result.length; k++) result[k]! ^= gfMul(weight, p.y[k]!);
  }
  return result;
}
