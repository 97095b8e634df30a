// safes.json: the Safes the person created or opened, by network and address only (no
// owners, balances or labels: those are read from the chain each time), so the console can
// show them again and find the ones an opened card owns.
import fs from 'node:fs';
import path from 'node:path';
import { getAddress } from 'ethers';
import { z } from 'zod';
import type { SafeRef } from '../../preload/api';
import { writeFileAtomic } from '../atomic-file';

const FILE_VERSION = 1;
const MAX_SAFES = 500;

const fileSchema = z.strictObject({
  version: z.literal(FILE_VERSION),
  safes: z
    .array(
      z.strictObject({
        networkId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
        address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
      }),
    )
    .max(MAX_SAFES),
});

function same(a: SafeRef, b: SafeRef): boolean {
  return a.networkId === b.networkId && a.address.toLowerCase() === b.address.toLowerCase();
}

export class RememberedSafes {
  private safes: SafeRef[];

  /** A damaged file is kept beside it as `.damaged` rather than overwritten. */
  constructor(private readonly file: string) {
    this.safes = this.read();
  }

  list(): SafeRef[] {
    return this.safes.map((s) => ({ ...s }));
  }

  /** Remembers a Safe once; the newest is listed first. */
  remember(safe: SafeRef): void {
    const entry = { networkId: safe.networkId, address: getAddress(safe.address) };
    this.update([entry, ...this.safes.filter((s) => !same(s, entry))].slice(0, MAX_SAFES));
  }

  forget(safe: SafeRef): void {
    this.update(this.safes.filter((s) => !same(s, safe)));
  }

  private update(safes: SafeRef[]): void {
    const text = `${JSON.stringify({ version: FILE_VERSION, safes }, null, 2)}\n`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic(this.file, text);
    this.safes = safes;
  }

  private read(): SafeRef[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(text));
      if (parsed.success)
        return parsed.data.safes.map((s) => ({ ...s, address: getAddress(s.address) }));
    } catch {
      // Not JSON, or an address with a wrong checksum: handled like any other damage below.
    }
    fs.renameSync(this.file, `${this.file}.damaged`);
    return [];
  }
}
