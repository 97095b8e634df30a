// Where pairings live between runs: one entry per card instance UID. The file form is one
// sealed blob, so nothing about which cards were paired is readable without the box's key.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../atomic-file';
import { LifeboatError } from '../../errors';
import { decodePairing, encodePairing, type Pairing } from './pairing';

export interface PairingStore {
  get(instanceUid: string): Promise<Pairing | undefined>;
  set(instanceUid: string, pairing: Pairing): Promise<void>;
  delete(instanceUid: string): Promise<void>;
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
  /** instance UID (hex) → base64(index ‖ key) */
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

  async get(instanceUid: string): Promise<Pairing | undefined> {
    const uid = normaliseUid(instanceUid);
    const stored = (await this.read()).pairings[uid];
    return stored === undefined
      ? undefined
      : decodePairing(Uint8Array.from(Buffer.from(stored, 'base64')));
  }

  set(instanceUid: string, pairing: Pairing): Promise<void> {
    const uid = normaliseUid(instanceUid);
    return this.update((pairings) => {
      pairings[uid] = Buffer.from(encodePairing(pairing)).toString('base64');
    });
  }

  delete(instanceUid: string): Promise<void> {
    const uid = normaliseUid(instanceUid);
    return this.update((pairings) => {
      delete pairings[uid];
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
