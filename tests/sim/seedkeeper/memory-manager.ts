// MemoryManager.java: the Seedkeeper's heap for secrets, one byte array with a free list
// (each block starts with its 2-byte size; a free block's next 2 bytes point to the next
// free block). Ported with Java's short arithmetic and bound checks, so the applet's own
// weaknesses are here too: a negative size from the host allocates a 4-byte block that the
// object header then overruns. Where a damaged free list would make the applet walk in
// circles forever, the simulator stops and answers 6F00.
import { checkBounds, getShort, s16, setShort, uncaught } from '../toporin/javacard';

export const NULL_OFFSET = -1;
const NODE_SIZE = 4;

export class MemoryManager {
  private readonly ptr: Uint8Array;
  private freeHead = NULL_OFFSET;

  constructor(readonly size: number) {
    if (size < 0) uncaught('NegativeArraySizeException');
    this.ptr = new Uint8Array(size);
    setShort(this.ptr, 0, size);
    setShort(this.ptr, 2, NULL_OFFSET);
    this.freeHead = 0;
  }

  resetMemory(secureErase: boolean): void {
    if (secureErase) this.ptr.fill(0);
    setShort(this.ptr, 0, this.size);
    setShort(this.ptr, 2, NULL_OFFSET);
    this.freeHead = 0;
  }

  /** A block of `size` bytes (its data offset), taken from the end of the first free block that fits. */
  alloc(requested: number): number {
    let offset = this.freeHead;
    let prev = NULL_OFFSET;
    let size = s16(requested + 2);
    if (size < NODE_SIZE) size = NODE_SIZE;
    const walk = this.walk();
    while (offset !== NULL_OFFSET) {
      walk();
      const freeSize = getShort(this.ptr, offset);
      const next = getShort(this.ptr, s16(offset + 2));
      if (freeSize >= size) {
        let remain = s16(freeSize - size);
        if (remain >= NODE_SIZE) {
          setShort(this.ptr, offset, remain);
        } else {
          size = freeSize;
          remain = 0;
          if (prev === NULL_OFFSET) this.freeHead = next;
          else setShort(this.ptr, s16(prev + 2), next);
        }
        setShort(this.ptr, s16(offset + remain), size);
        return s16(offset + remain + 2);
      }
      prev = offset;
      offset = next;
    }
    return NULL_OFFSET;
  }

  free(dataOffset: number): void {
    const offset = s16(dataOffset - 2);
    let size = getShort(this.ptr, offset);
    let prev = NULL_OFFSET;
    let base = this.freeHead;
    let found = false;
    let nodeNext = 0;
    const walk = this.walk();
    while (base !== NULL_OFFSET) {
      walk();
      nodeNext = getShort(this.ptr, s16(base + 2));
      if (offset < base) {
        found = true;
        break;
      }
      prev = base;
      base = nodeNext;
    }
    if (found && s16(offset + size) === base) {
      size = s16(size + getShort(this.ptr, base));
      setShort(this.ptr, offset, size);
      if (prev !== NULL_OFFSET) setShort(this.ptr, s16(prev + 2), nodeNext);
      else this.freeHead = nodeNext;
      base = nodeNext;
    }
    if (prev !== NULL_OFFSET) {
      const prevSize = getShort(this.ptr, prev);
      if (s16(prev + prevSize) === offset) {
        setShort(this.ptr, prev, s16(prevSize + size));
      } else {
        setShort(this.ptr, s16(offset + 2), base);
        setShort(this.ptr, s16(prev + 2), offset);
      }
    } else {
      setShort(this.ptr, s16(offset + 2), base);
      this.freeHead = offset;
    }
  }

  /** Shrinks a block, freeing its tail; false when the tail would be too small to free. */
  realloc(dataOffset: number, newSize: number): boolean {
    const actualSize = getShort(this.ptr, s16(dataOffset - 2));
    const size = s16(newSize + 2);
    if (size < 1 + 2 || s16(actualSize - size) < NODE_SIZE) return false;
    setShort(this.ptr, s16(dataOffset - 2), size);
    setShort(this.ptr, s16(dataOffset + size - 2), s16(actualSize - size));
    this.free(s16(dataOffset + size));
    return true;
  }

  /** Free bytes: each free block less its size field. */
  freemem(): number {
    let offset = this.freeHead;
    let total = 0;
    const walk = this.walk();
    while (offset !== NULL_OFFSET) {
      walk();
      total = s16(total + getShort(this.ptr, offset) - 2);
      offset = getShort(this.ptr, s16(offset + 2));
    }
    return total;
  }

  getShort(base: number, offset: number): number {
    return getShort(this.ptr, s16(base + offset));
  }

  setShort(base: number, offset: number, value: number): void {
    setShort(this.ptr, s16(base + offset), value);
  }

  getByte(base: number, offset: number): number {
    const index = s16(base + offset);
    checkBounds(this.ptr, index, 1);
    return (this.ptr[index]! << 24) >> 24;
  }

  setByte(base: number, offset: number, value: number): void {
    const index = s16(base + offset);
    checkBounds(this.ptr, index, 1);
    this.ptr[index] = value & 0xff;
  }

  getBytes(base: number, offset: number, length: number): Uint8Array {
    const index = s16(base + offset);
    checkBounds(this.ptr, index, length);
    return this.ptr.slice(index, index + length);
  }

  setBytes(base: number, offset: number, data: Uint8Array): void {
    const index = s16(base + offset);
    checkBounds(this.ptr, index, data.length);
    this.ptr.set(data, index);
  }

  /** Util.arrayFillNonAtomic(ptr, offset, length, 0). */
  zero(offset: number, length: number): void {
    checkBounds(this.ptr, offset, length);
    this.ptr.fill(0, offset, offset + length);
  }

  /** A list walk longer than the heap could hold means the applet is going round in circles. */
  walk(): () => void {
    let steps = 0;
    return () => {
      steps += 1;
      if (steps > this.ptr.length) uncaught('the applet loops forever on a damaged heap');
    };
  }
}
