// What the final report says at a glance.
import type { AssetOutcome, SweepReport } from '../../preload/api';

/** What stayed on the old account: measured at the end when known, else what was expected. */
export function leftBehind(asset: AssetOutcome): string {
  return asset.actualRemainder ?? asset.expectedRemainder;
}

/** True when every asset left exactly nothing behind. */
export function everythingMoved(report: SweepReport): boolean {
  return report.assets.every((asset) => BigInt(leftBehind(asset)) === 0n);
}

/** A file name for the exported report, from the case id and the finishing date. */
export function reportFilename(report: SweepReport, extension: 'txt' | 'json'): string {
  const day = (report.finishedAt ?? report.createdAt).slice(0, 10);
  return `lifeboat-sweep-${day}-${report.caseId.slice(0, 8)}.${extension}`;
}
