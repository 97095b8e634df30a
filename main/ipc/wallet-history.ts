// window.lifeboat.discovery.history: whether a wallet was ever used. A wrong passphrase opens
// a valid wallet of its own, which is nearly always empty and unused, so the answer is what
// tells the person that the passphrase may be wrong. It is a discovery on the enabled networks
// plus the drill record of the same fingerprint; no key leaves main.
import type { DrillStore } from '../cases/drills';
import type { Handlers } from './contract';
import { fingerprintOf, type SourceDeps } from './sources';

export function walletHistory(
  discover: Handlers['discovery']['run'],
  drills: DrillStore,
  sources: SourceDeps,
): Handlers['discovery']['history'] {
  return async ({ source }) => {
    const { keyUid } = await fingerprintOf(source, sources);
    const discovery = await discover({ source });
    const remembered = drills.list().find((wallet) => wallet.keyUid === keyUid);
    return {
      discovery,
      used: discovery.accounts.length > 0,
      ...(remembered === undefined ? {} : { remembered }),
    };
  };
}
