// window.lifeboat.drills: a backup (card or rebuilt secret) is reduced to its fingerprint
// in main and compared with the remembered one; no key or balance is involved.
import type { DrillStore } from '../cases/drills';
import type { Handlers } from './contract';
import type { SourceResolver } from '../sources/source-resolver';

export function drillHandlers(drills: DrillStore, sources: SourceResolver): Handlers['drills'] {
  return {
    list: async () => drills.list(),
    remember: async ({ label, source }) =>
      drills.remember(label, await sources.fingerprint(source)),
    check: async ({ walletId, source }) => {
      const opened = await sources.fingerprint(source);
      return drills.check(
        walletId,
        opened.method,
        opened,
        opened.instanceId ? { card: { instanceId: opened.instanceId } } : {},
      );
    },
    forget: async ({ walletId }) => {
      drills.forget(walletId);
      return null;
    },
    reminder: async ({ walletId, date }) => drills.reminder(walletId, date),
  };
}
