// Discovery reports progress per derivation scheme and network; the console keeps the latest
// report of each pair and sums them for the live summary.
import type { DiscoveryProgress, SourceRef } from '../../preload/api';

export function sameSource(a: SourceRef, b: SourceRef): boolean {
  if (a.kind === 'card' && b.kind === 'card') return a.sessionId === b.sessionId;
  if (a.kind === 'secret' && b.kind === 'secret') return a.secretId === b.secretId;
  return false;
}

/** The rows with `event` applied: one row per scheme × network, in first-seen order. */
export function applyProgress(
  rows: readonly DiscoveryProgress[],
  event: DiscoveryProgress,
): DiscoveryProgress[] {
  const at = rows.findIndex((r) => r.scheme === event.scheme && r.networkId === event.networkId);
  if (at < 0) return [...rows, event];
  return rows.map((row, index) => (index === at ? event : row));
}

export function progressTotals(rows: readonly DiscoveryProgress[]): {
  scanned: number;
  found: number;
  networks: number;
} {
  return {
    scanned: rows.reduce((sum, r) => sum + r.scanned, 0),
    found: rows.reduce((sum, r) => sum + r.found, 0),
    networks: new Set(rows.map((r) => r.networkId)).size,
  };
}
