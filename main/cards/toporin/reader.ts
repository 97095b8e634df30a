// A cursor over a card answer. Every Toporin answer is a run of fixed fields and
// big-endian length-prefixed fields; reading past the end, or a length that points past
// it, is a malformed answer, never an exception of another kind.
import { LifeboatError } from '../../errors';

export class ByteReader {
  private offset = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}

  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  u8(): number {
    return this.take(1)[0]!;
  }

  u16(): number {
    const two = this.take(2);
    return (two[0]! << 8) | two[1]!;
  }

  take(length: number): Uint8Array {
    if (length < 0 || this.offset + length > this.bytes.length)
      throw new LifeboatError('malformed-response', `The card's ${this.what} is cut short.`);
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  /** A field preceded by its one-byte length. */
  field8(): Uint8Array {
    return this.take(this.u8());
  }

  /** A field preceded by its two-byte length. */
  field16(): Uint8Array {
    return this.take(this.u16());
  }

  rest(): Uint8Array {
    return this.take(this.remaining);
  }

  /** The bytes from `start` up to the cursor: what a signature in the answer covers. */
  since(start: number): Uint8Array {
    return this.bytes.subarray(start, this.offset);
  }

  end(): void {
    if (this.remaining !== 0)
      throw new LifeboatError('malformed-response', `The card's ${this.what} has extra bytes.`);
  }
}
