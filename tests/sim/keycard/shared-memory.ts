// What the applets of the Keycard package share (SharedMemory.java) and what survives a
// FACTORY RESET of the Keycard applet: the identity certificate and key, and the NDEF and
// Cash data files.
import type { CardIdentity } from './identity';

export interface SharedMemory {
  identity: CardIdentity | undefined;
  /** 3.1: a length byte then up to 223 bytes; 3.2: a raw 512-byte NDEF file (NLEN first). */
  readonly ndef: Uint8Array;
  /** A length byte then up to 127 bytes. */
  readonly cash: Uint8Array;
}

export function createSharedMemory(
  identity: CardIdentity | undefined,
  ndefSize: number,
): SharedMemory {
  return { identity, ndef: new Uint8Array(ndefSize), cash: new Uint8Array(128) };
}
