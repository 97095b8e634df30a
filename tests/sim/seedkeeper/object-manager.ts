// ObjectManager.java: the Seedkeeper's secrets as a linked list of objects on the heap,
// newest first. Each object starts with an 8-byte header [next | class | id | size];
// `base` below is the object's data (after that header), as the applet passes it around.
// The listing iterator is a persistent field, so LIST SECRET HEADERS carries on where it
// stopped, even across a power cycle or a deleted secret.
import { isoError, s16 } from '../toporin/javacard';
import { SW } from '../toporin/status-words';
import { MemoryManager, NULL_OFFSET } from './memory-manager';

export { NULL_OFFSET };

const HEADER_SIZE = 8;
const H_NEXT = 0;
const H_CLASS = 2;
const H_ID = 4;
const H_SIZE = 6;

export class ObjectManager {
  private readonly mem: MemoryManager;
  private head = NULL_OFFSET;
  private count = 0;
  private iterator = NULL_OFFSET;

  constructor(memorySize: number) {
    this.mem = new MemoryManager(memorySize);
  }

  get objectCount(): number {
    return this.count;
  }

  get totalMemory(): number {
    return this.mem.size;
  }

  get freeMemory(): number {
    return this.mem.freemem();
  }

  reset(secureErase: boolean): void {
    this.mem.resetMemory(secureErase);
    this.head = NULL_OFFSET;
    this.count = 0;
  }

  /** A new object at the head of the list; with `secure` its data is zeroed first. */
  createObject(type: number, id: number, size: number, secure: boolean): number {
    const base = this.mem.alloc(s16(size + HEADER_SIZE));
    if (base === NULL_OFFSET) isoError(SW.NO_MEMORY_LEFT);
    this.mem.setShort(base, H_NEXT, this.head);
    this.mem.setShort(base, H_CLASS, type);
    this.mem.setShort(base, H_ID, id);
    this.mem.setShort(base, H_SIZE, size);
    this.head = base;
    if (secure) this.mem.zero(s16(base + HEADER_SIZE), this.mem.getShort(base, H_SIZE));
    this.count = s16(this.count + 1);
    return s16(base + HEADER_SIZE);
  }

  /** Gives back the end of an object that turned out bigger than its content. */
  clampObject(base: number, newSize: number): boolean {
    if (base === NULL_OFFSET) isoError(SW.OBJECT_NOT_FOUND);
    const header = s16(base - HEADER_SIZE);
    if (this.mem.realloc(header, s16(newSize + HEADER_SIZE))) {
      this.mem.setShort(header, H_SIZE, newSize);
      return true;
    }
    return false;
  }

  destroyObject(type: number, id: number, secure: boolean): boolean {
    let base = this.head;
    let prev = NULL_OFFSET;
    let found = false;
    const walk = this.mem.walk();
    while (!found && base !== NULL_OFFSET) {
      walk();
      if (this.mem.getShort(base, H_CLASS) === type && this.mem.getShort(base, H_ID) === id) {
        found = true;
      } else {
        prev = base;
        base = this.mem.getShort(base, H_NEXT);
      }
    }
    if (!found) return false;
    if (prev !== NULL_OFFSET) this.mem.setShort(prev, H_NEXT, this.mem.getShort(base, H_NEXT));
    else this.head = this.mem.getShort(base, H_NEXT);
    if (secure) this.mem.zero(s16(base + HEADER_SIZE), this.mem.getShort(base, H_SIZE));
    this.mem.free(base);
    this.count = s16(this.count - 1);
    return true;
  }

  baseAddress(type: number, id: number): number {
    const entry = this.entry(type, id);
    return entry === NULL_OFFSET ? NULL_OFFSET : s16(entry + HEADER_SIZE);
  }

  exists(type: number, id: number): boolean {
    return this.entry(type, id) !== NULL_OFFSET;
  }

  sizeOf(base: number): number {
    return this.mem.getShort(s16(base - HEADER_SIZE), H_SIZE);
  }

  idOf(base: number): number {
    return this.mem.getShort(s16(base - HEADER_SIZE), H_ID);
  }

  getData(base: number, offset: number, length: number): Uint8Array {
    return this.mem.getBytes(base, offset, length);
  }

  setData(base: number, offset: number, data: Uint8Array): void {
    this.mem.setBytes(base, offset, data);
  }

  getByte(base: number, offset: number): number {
    return this.mem.getByte(base, offset);
  }

  setByte(base: number, offset: number, value: number): void {
    this.mem.setByte(base, offset, value);
  }

  firstRecord(): number {
    this.iterator = this.head;
    return this.nextRecord();
  }

  nextRecord(): number {
    if (this.iterator === NULL_OFFSET) return NULL_OFFSET;
    const base = s16(this.iterator + HEADER_SIZE);
    this.iterator = this.mem.getShort(this.iterator, H_NEXT);
    return base;
  }

  private entry(type: number, id: number): number {
    let base = this.head;
    const walk = this.mem.walk();
    while (base !== NULL_OFFSET) {
      walk();
      if (this.mem.getShort(base, H_CLASS) === type && this.mem.getShort(base, H_ID) === id) {
        return base;
      }
      base = this.mem.getShort(base, H_NEXT);
    }
    return NULL_OFFSET;
  }
}
