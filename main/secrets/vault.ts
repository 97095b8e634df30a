// Where main keeps rebuilt secrets (seeds, master secrets): behind opaque ids, each with an
// owner and an idle expiry. The bytes are reachable only through `use`, which names the id
// and the owner; releasing or expiring an entry overwrites them. Nothing here serialises a
// secret: JSON and inspection show counts only.
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { LifeboatError } from '../errors';
import { Listeners } from '../listeners';

export interface VaultPutOptions {
  /** Who may use the secret, e.g. a window or the CLI process. */
  owner: string;
  /** What the bytes are, e.g. "seed"; shown in `info`, never interpreted. */
  kind: string;
  /** The entry is overwritten after this long without a `use`. */
  ttlMs?: number;
}

export interface VaultEntryInfo {
  id: string;
  owner: string;
  kind: string;
  length: number;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export type VaultReleaseReason = 'released' | 'expired';

export interface VaultRelease {
  id: string;
  owner: string;
  reason: VaultReleaseReason;
}

export interface VaultOptions {
  now?: () => number;
  defaultTtlMs?: number;
  /** Overwrite expired entries on this period even if nobody touches them. */
  sweepEveryMs?: number;
}

interface Entry {
  bytes: Uint8Array;
  owner: string;
  kind: string;
  ttlMs: number;
  expiresAt: number;
  /** `use` calls in progress: their bytes are overwritten only once they finish. */
  leases: number;
  released: boolean;
}

const DEFAULT_TTL_MS = 15 * 60_000;

export class Vault {
  readonly #entries = new Map<string, Entry>();
  /** Why a gone id is gone, so a late caller hears "expired" rather than "not found". */
  readonly #gone = new Map<string, { owner: string; reason: VaultReleaseReason }>();
  readonly #released = new Listeners<VaultRelease>();
  readonly #now: () => number;
  readonly #defaultTtlMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: VaultOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#defaultTtlMs = options.defaultTtlMs ?? DEFAULT_TTL_MS;
    if (options.sweepEveryMs !== undefined) {
      this.#timer = setInterval(() => this.sweep(), options.sweepEveryMs);
      this.#timer.unref();
    }
  }

  /** Takes ownership of `bytes` (they are overwritten on release) and returns the new id. */
  put(bytes: Uint8Array, options: VaultPutOptions): string {
    const ttlMs = options.ttlMs ?? this.#defaultTtlMs;
    if (!(ttlMs > 0)) throw new RangeError('ttlMs must be positive');
    const id = randomUUID();
    this.#entries.set(id, {
      bytes,
      owner: options.owner,
      kind: options.kind,
      ttlMs,
      expiresAt: this.#now() + ttlMs,
      leases: 0,
      released: false,
    });
    return id;
  }

  /**
   * Lends the bytes to `fn` and returns what it returns. `fn` must not keep them: they are
   * overwritten when the entry is released, which waits until `fn` (or its promise) is done.
   * Using an entry resets its idle expiry.
   */
  use<T>(id: string, owner: string, fn: (bytes: Uint8Array) => T): T {
    const entry = this.#live(id, owner);
    entry.expiresAt = this.#now() + entry.ttlMs;
    entry.leases++;
    let result: T;
    try {
      result = fn(entry.bytes);
    } catch (error) {
      this.#unlease(entry);
      throw error;
    }
    if (result instanceof Promise) {
      return result.finally(() => this.#unlease(entry)) as T;
    }
    this.#unlease(entry);
    return result;
  }

  info(id: string, owner: string): VaultEntryInfo {
    const { kind, bytes, expiresAt } = this.#live(id, owner);
    return { id, owner, kind, length: bytes.length, expiresAt };
  }

  /** Overwrites and forgets the entry; false if it was already gone or is not `owner`'s. */
  release(id: string, owner: string): boolean {
    const entry = this.#entries.get(id);
    if (!entry || entry.owner !== owner) return false;
    this.#drop(id, entry, 'released');
    return true;
  }

  /** Releases every entry of `owner` (a closed window, a finished command). */
  releaseOwner(owner: string): number {
    let count = 0;
    for (const [id, entry] of this.#entries) {
      if (entry.owner !== owner) continue;
      this.#drop(id, entry, 'released');
      count++;
    }
    return count;
  }

  /** Overwrites the entries whose idle time ran out; returns how many. */
  sweep(): number {
    const now = this.#now();
    let count = 0;
    for (const [id, entry] of this.#entries) {
      if (entry.expiresAt > now) continue;
      this.#drop(id, entry, 'expired');
      count++;
    }
    return count;
  }

  onRelease(listener: (event: VaultRelease) => void): () => void {
    return this.#released.on(listener);
  }

  /** Stops the sweep timer and overwrites everything. */
  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const [id, entry] of this.#entries) this.#drop(id, entry, 'released');
  }

  get size(): number {
    return this.#entries.size;
  }

  toJSON(): { secrets: number } {
    return { secrets: this.#entries.size };
  }

  [inspect.custom](): string {
    return `Vault { ${this.#entries.size} secrets }`;
  }

  #live(id: string, owner: string): Entry {
    const entry = this.#entries.get(id);
    // Someone else's id is reported exactly like a missing one.
    if (entry && entry.owner === owner) {
      if (entry.expiresAt > this.#now()) return entry;
      this.#drop(id, entry, 'expired');
    }
    const gone = this.#gone.get(id);
    if (gone?.owner === owner && gone.reason === 'expired')
      throw new LifeboatError('secret-expired');
    throw new LifeboatError('secret-not-found');
  }

  #drop(id: string, entry: Entry, reason: VaultReleaseReason): void {
    this.#entries.delete(id);
    this.#gone.set(id, { owner: entry.owner, reason });
    entry.released = true;
    if (entry.leases === 0) entry.bytes.fill(0);
    this.#released.emit({ id, owner: entry.owner, reason });
  }

  #unlease(entry: Entry): void {
    entry.leases--;
    if (entry.leases === 0 && entry.released) entry.bytes.fill(0);
  }
}
