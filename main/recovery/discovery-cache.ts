// The discoveries of this process, by id, for the jobs that follow one: a sweep plan and a
// single payment read the same entry, so a discovery is usable for both or for neither.
// Built once in the composition root; the oldest are forgotten first.
import type { DiscoveryResult } from '../../preload/api';
import type { Scanned } from '../cases/case-record';
import type { AddressSource, FoundAccount } from '../chain/discovery';
import type { Token } from '../chain/tokens';
import { LifeboatError } from '../errors';

export interface StoredDiscovery {
  /** What the console and the command line were given. */
  view: DiscoveryResult;
  keyUid: string | undefined;
  kind: AddressSource['kind'];
  accounts: FoundAccount[];
  tokens: Record<string, Token[]>;
  scanned: Scanned;
}

const DEFAULT_LIMIT = 20;

export class DiscoveryCache {
  private readonly entries = new Map<string, StoredDiscovery>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  remember(discovery: StoredDiscovery): void {
    this.entries.set(discovery.view.discoveryId, discovery);
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(id);
    }
  }

  /** The discovery with this id, or `not-found` once it was forgotten. */
  get(discoveryId: string): StoredDiscovery {
    const found = this.entries.get(discoveryId);
    if (!found) throw new LifeboatError('not-found', 'That discovery is no longer available.');
    return found;
  }
}
