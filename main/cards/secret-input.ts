// How a typed secret (PIN, PUK, pairing password) travels inside main, in every card family.

/** A secret typed by a person: a string, or its UTF-8 bytes (which the caller may wipe). */
export type SecretInput = string | Uint8Array;

/** Overwrites buffers that held secrets; undefined entries are skipped. */
export function wipe(...buffers: (Uint8Array | undefined)[]): void {
  for (const buffer of buffers) buffer?.fill(0);
}
