// Where pairings live between runs: one entry per card, named by its instance UID and its
// secure-channel public key together. The UID alone names no card: SELECT is not
// authenticated, so any card can report any UID (see connect.ts). Entries saved before the
// key was recorded are named by the UID alone. The file form is one sealed blob, so nothing
// about which cards were paired is readable without the box's key.
import fs from 'node:fs/promises';
import path from 'node:path';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { writeFileAtomic } from '../../atomic-file';
import { LifeboatError } from '../../errors';
import { decodePairing, encodePairing, type Pairing } from './pairing';

export interface SavedPairing extends Pairing {
  /** The secure-channel key (compressed) of the card it was saved for; absent on old entries. */
  cardKey?: Uint8Array;
}

export interface PairingStore {
  /**
   * The pairing saved for the card with this UID and secure-channel key (`cardKey`,
   * compressed), else one saved for the UID before keys were recorded. Without `cardKey`:
   * any pairing saved for the UID.
   */
  get(instanceUid: string, cardKey?: Uint8Array): Promise<SavedPairing | undefined>;
  /** Saves `pairing` for the card with this UID and key (for the UID alone without a key). */
  set(instanceUid: string, pairing: Pairing, cardKey?: Uint8Array): Promise<void>;
  /** Forgets the pairing of the card with this UID and key (the UID-only entry without a key). */
  delete(instanceUid: string, cardKey?: Uint8Array): Promise<void>;
  /** Plain words on what protects the stored pairings, for the person to judge. */
  describeProtection(): string;
}

/** Symmetric encryption at rest, e.g. a key file here or Electron's safeStorage in the app. */
export interface SecretBox {
  seal(plain: Uint8Array): Uint8Array;
  open(sealed: Uint8Array): Uint8Array;
  readonly description: string;
}

export const PAIRINGS_FILE = 'pairings';
const FORMAT_VERSION = 1;

const StoredFile = z.object({
  version: z.literal(FORMAT_VERSION),
  /** "instance UID.card key" or, saved before keys were recorded, "instance UID" (hex) → base64(index ‖ key) */
  pairings: z.record(z.string(), z.string()),
});
type StoredFile = z.infer<typeof StoredFile>;

function unreadable(message: string, cause?: unknown): LifeboatError {
  return new LifeboatError('pairings-unreadable', message, undefined, { cause });
}

function normaliseUid(instanceUid: string): string {
  const uid = instanceUid.toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(uid))
    throw new LifeboatError('invalid-request', 'A card instance UID is 16 bytes of hex.');
  return uid;
}

/** The entry name of one card: its UID, and its secure-channel key where known. */
function entryName(instanceUid: string, cardKey: Uint8Array | undefined): string {
  const uid = normaliseUid(instanceUid);
  if (cardKey === undefined) return uid;
  if (cardKey.length !== 33)
    throw new LifeboatError('invalid-request', 'A card key is a compressed public key.');
  return `${uid}.${bytesToHex(cardKey)}`;
}

function decodeEntry(name: string, value: string): SavedPairing {
  const pairing = decodePairing(Uint8Array.from(Buffer.from(value, 'base64')));
  const key = name.split('.')[1];
  return key === undefined ? pairing : { ...pairing, cardKey: hexToBytes(key) };
}

export class FilePairingStore implements PairingStore {
  private readonly file: string;
  /** Read-modify-write cycles of this process run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataDir: string,
    private readonly box: SecretBox,
  ) {
    this.file = path.join(dataDir, PAIRINGS_FILE);
  }

  async get(instanceUid: string, cardKey?: Uint8Array): Promise<SavedPairing | undefined> {
    const uid = normaliseUid(instanceUid);
    const { pairings } = await this.read();
    const names = Object.keys(pairings);
    const name =
      cardKey === undefined
        ? names.find((n) => n === uid || n.startsWith(`${uid}.`))
        : [entryName(uid, cardKey), uid].find((n) => pairings[n] !== undefined);
    return name === undefined ? undefined : decodeEntry(name, pairings[name]!);
  }

  set(instanceUid: string, pairing: Pairing, cardKey?: Uint8Array): Promise<void> {
    const name = entryName(instanceUid, cardKey);
    return this.update((pairings) => {
      pairings[name] = Buffer.from(encodePairing(pairing)).toString('base64');
    });
  }

  delete(instanceUid: string, cardKey?: Uint8Array): Promise<void> {
    const name = entryName(instanceUid, cardKey);
    return this.update((pairings) => {
      delete pairings[name];
    });
  }

  describeProtection(): string {
    return `Card pairings are stored in ${this.file}. ${this.box.description}`;
  }

  private update(change: (pairings: Record<string, string>) => void): Promise<void> {
    const run = async () => {
      const content = await this.read();
      change(content.pairings);
      await fs.mkdir(this.dataDir, { recursive: true, mode: 0o700 });
      const plain = new TextEncoder().encode(JSON.stringify(content));
      try {
        writeFileAtomic(this.file, Buffer.from(this.box.seal(plain)).toString('base64'));
      } finally {
        plain.fill(0);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async read(): Promise<StoredFile> {
    let sealed: Uint8Array;
    try {
      sealed = Buffer.from(await fs.readFile(this.file, 'utf8'), 'base64');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { version: FORMAT_VERSION, pairings: {} };
      throw unreadable('The saved card pairings cannot be read.', error);
    }
    let plain: Uint8Array;
    try {
      plain = this.box.open(sealed);
    } catch (error) {
      throw unreadable('The saved card pairings cannot be decrypted.', error);
    }
    try {
      return StoredFile.parse(JSON.parse(new TextDecoder().decode(plain)));
    } catch (error) {
      throw unreadable('The saved card pairings are damaged.', error);
    } finally {
      plain.fill(0);
    }
  }
}
