// Logger.java: the Seedkeeper's audit log, a ring of 100 records of 7 bytes [INS | id1(2) |
// id2(2) | result(2)], kept across factory resets. Operations open a record with result 0
// and update it once they know the outcome; GET SEEDKEEPER STATUS shows the newest.
import { getShort, s16, setByte, setShort } from '../toporin/javacard';

export const LOG_SIZE = 7;
const RECORDS = 100;
const LOGS_SIZE = RECORDS * LOG_SIZE;

export class AuditLog {
  private readonly logs = new Uint8Array(LOGS_SIZE);
  private head = 0;
  private total = 0;
  private iterator = 0;

  create(ins: number, id1: number, id2: number, result: number): void {
    this.set(ins, id1, id2, result);
    this.head = (this.head + LOG_SIZE) % LOGS_SIZE;
    if (this.total < 0x7fff) this.total += 1;
  }

  /** Rewrites the newest record. */
  update(ins: number, id1: number, id2: number, result: number): void {
    const next = this.head;
    this.head = this.head >= LOG_SIZE ? this.head - LOG_SIZE : LOGS_SIZE - LOG_SIZE;
    this.set(ins, id1, id2, result);
    this.head = next;
  }

  /** [total(2) | capacity(2)] at `offset`, then the newest record; whether there was one. */
  first(buffer: Uint8Array, offset: number): boolean {
    this.iterator = this.head >= LOG_SIZE ? this.head - LOG_SIZE : LOGS_SIZE - LOG_SIZE;
    setShort(buffer, offset, this.total);
    setShort(buffer, offset + 2, RECORDS);
    return this.next(buffer, offset + 4);
  }

  /** The next older record at `offset`; false once the ring went round to the newest. */
  next(buffer: Uint8Array, offset: number): boolean {
    if (this.iterator === this.head) return false;
    setByte(buffer, offset, this.logs[this.iterator]!);
    setShort(buffer, offset + 1, getShort(this.logs, this.iterator + 1));
    setShort(buffer, offset + 3, getShort(this.logs, this.iterator + 3));
    setShort(buffer, offset + 5, getShort(this.logs, this.iterator + 5));
    this.iterator = this.iterator >= LOG_SIZE ? this.iterator - LOG_SIZE : LOGS_SIZE - LOG_SIZE;
    return true;
  }

  private set(ins: number, id1: number, id2: number, result: number): void {
    this.logs[this.head] = ins;
    setShort(this.logs, this.head + 1, s16(id1));
    setShort(this.logs, this.head + 3, s16(id2));
    setShort(this.logs, this.head + 5, s16(result));
  }
}
