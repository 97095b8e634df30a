// Bip32ObjectManager.java: the Satochip's cache of derived extended keys. SETUP sizes it
// (in objects of 69 bytes: a 4-byte path hash, the encrypted key and chain code, the
// compression byte of the public key); once every slot is used a new derivation answers
// 9C01 until the host asks for the cache to be emptied (GET EXTENDED KEY P2 bit 0x80).
import { arrayCopy, checkBounds, isoError, s16, uncaught } from '../toporin/javacard';
import { SW } from '../toporin/status-words';

export const NULL_OFFSET = -1;
export const OBJECT_SIZE = 69;
const ID_SIZE = 4;

export class Bip32Cache {
  private readonly memory: Uint8Array;
  freeCount: number;
  usedCount = 0;

  /** `slots` is SETUP's signed secmem_size; the byte array is slots × 69 as a Java short. */
  constructor(slots: number) {
    const size = s16(slots * OBJECT_SIZE);
    if (size < 0) uncaught('NegativeArraySizeException');
    this.memory = new Uint8Array(size);
    this.freeCount = slots;
  }

  /** Copies 69 bytes from `source` at `offset` into the first empty slot, if there is one. */
  createObject(source: Uint8Array, offset: number): void {
    if (this.freeCount === 0) isoError(SW.NO_MEMORY_LEFT);
    for (let base = 0; base < this.memory.length; base += OBJECT_SIZE) {
      if (this.isEmpty(base)) {
        arrayCopy(source, offset, this.memory, base, OBJECT_SIZE);
        this.freeCount = s16(this.freeCount - 1);
        this.usedCount = s16(this.usedCount + 1);
        return;
      }
    }
  }

  reset(): void {
    for (let base = 0; base < this.memory.length; base += OBJECT_SIZE) {
      if (!this.isEmpty(base)) {
        this.memory.fill(0, base, base + OBJECT_SIZE);
        this.freeCount = s16(this.freeCount + 1);
        this.usedCount = s16(this.usedCount - 1);
      }
    }
  }

  /** The slot whose first 4 bytes equal `id` (the 4 bytes at `offset`), or -1. */
  find(id: Uint8Array, offset: number): number {
    checkBounds(id, offset, ID_SIZE);
    for (let base = 0; base < this.memory.length; base += OBJECT_SIZE) {
      if (this.sameId(base, id, offset)) return base;
    }
    return NULL_OFFSET;
  }

  read(target: Uint8Array, targetOffset: number, base: number, length: number): void {
    arrayCopy(this.memory, s16(base), target, targetOffset, length);
  }

  private isEmpty(base: number): boolean {
    checkBounds(this.memory, base, ID_SIZE);
    return this.memory.subarray(base, base + ID_SIZE).every((b) => b === 0);
  }

  private sameId(base: number, id: Uint8Array, offset: number): boolean {
    checkBounds(this.memory, base, ID_SIZE);
    for (let i = 0; i < ID_SIZE; i += 1) if (this.memory[base + i] !== id[offset + i]) return false;
    return true;
  }
}
