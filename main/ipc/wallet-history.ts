// window.lifeboat.discovery.history: whether a wallet was ever used. A wrong passphrase opens
// a valid wallet of its own, which is nearly always empty and unused, so the answer is what
// tells the person that the passphrase may be wrong. It is a discovery on the enabled networks
// plus the drill record of the same fingerprint; no key leaves main.
import type { DrillStore } from '../cases/drills';
import type { SourceResolver } from '../sources/source-resolver';
import type { Handlers } from './contract';

export function walletHistory(
  discover: Handlers['discovery']['run'],
  drills: DrillStore,
  sources: SourceResolver,
): Handlers['discovery']['history'] {
  return async ({ source }) => {
    const { keyUid } = await sources.fingerprint(source);
    const discovery = await discover({ source });
    const remembered = drills.list().find((wallet) => wallet.keyUid === keyUid);
    return {
      discovery,
      used: discovery.accounts.length > 0,
      ...(remembered === undefined ? {} : { remembered }),
    };
  };
}
