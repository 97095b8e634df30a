// window.lifeboat.app, .readers and .settings: thin reads and writes of main's state, and
// the chain read that checks a token before it is added.
import type { AppInfo } from '../../preload/api';
import type { Readers } from '../cards/readers';
import { explorerLink } from '../chain/explorer';
import { lookUpToken } from '../chain/token-lookup';
import { LifeboatError } from '../errors';
import type { SettingsStore } from '../settings';
import type { Handlers } from './contract';

/** Hands a link to the person's web browser (Electron's shell.openExternal in the app). */
export type OpenExternal = (url: string) => Promise<void>;

export function appHandlers(
  info: AppInfo,
  settings: SettingsStore,
  openExternal: OpenExternal | undefined,
): Handlers['app'] {
  return {
    info: async () => ({ ...info }),
    openExplorer: async ({ networkId, kind, value }) => {
      const network = settings.get().networks.find((n) => n.id === networkId);
      if (!network) {
        throw new LifeboatError('network-not-configured', undefined, { network: networkId });
      }
      const link = explorerLink(network, kind, value);
      if (!openExternal) throw new LifeboatError('no-browser', undefined, { link });
      await openExternal(link);
      return null;
    },
  };
}

export function readerHandlers(readers: Readers): Handlers['readers'] {
  return { list: async () => readers.snapshot() };
}

export function settingsHandlers(settings: SettingsStore): Handlers['settings'] {
  return {
    get: async () => settings.get(),
    save: async (next) => settings.save(next),
    lookUpToken: async ({ networkId, address }) => {
      const network = settings.get().networks.find((n) => n.id === networkId);
      if (!network || network.rpcUrls.length === 0) {
        throw new LifeboatError('network-not-configured', undefined, { network: networkId });
      }
      const token = await lookUpToken(network, address);
      return { networkId, ...token };
    },
  };
}
