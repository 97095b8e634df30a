// window.lifeboat.drills: a backup (card or rebuilt secret) is reduced to its fingerprint
// in main and compared with the remembered one; no key or balance is involved.
import type { DrillStore } from '../cases/drills';
import type { Handlers } from './contract';
import { fingerprintOf, type SourceDeps } from './sources';

export function drillHandlers(drills: DrillStore, sources: SourceDeps): Handlers['drills'] {
  return {
    list: async () => drills.list(),
    remember: async ({ label, source }) =>
      drills.remember(label, await fingerprintOf(source, sources)),
    check: async ({ walletId, source }) => {
      const opened = await fingerprintOf(source, sources);
      return drills.check(walletId, opened.method, opened);
    },
    forget: async ({ walletId }) => {
      drills.forget(walletId);
      return null;
    },
    reminder: async ({ walletId, date }) => drills.reminder(walletId, date),
  };
}
