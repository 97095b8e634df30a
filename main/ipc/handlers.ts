// The whole handler table: each namespace of window.lifeboat mapped onto main's services.
import type { AppInfo } from '../../preload/api';
import type { CardService } from '../cards/card-service';
import type { Readers } from '../cards/readers';
import type { DrillStore } from '../cases/drills';
import type { SecretsService } from '../secrets/secrets-service';
import type { SettingsStore } from '../settings';
import type { SourceResolver } from '../sources/source-resolver';
import type { WalletSets } from '../recovery/wallet-sets';
import { appHandlers, readerHandlers, settingsHandlers, type OpenExternal } from './app-handlers';
import { backupHandlers } from './backup-handlers';
import { cardHandlers } from './card-handlers';
import type { ChainHandlerTable } from './chain-handlers';
import type { Handlers } from './contract';
import { drillHandlers } from './drill-handlers';
import type { SafeHandlers } from './safe-handlers';
import { secretHandlers } from './secret-handlers';
import { walletHistory } from './wallet-history';
import { walletHandlers } from './wallet-handlers';

export interface HandlerDeps {
  info: AppInfo;
  readers: Readers;
  cards: CardService;
  secrets: SecretsService;
  sources: SourceResolver;
  settings: SettingsStore;
  drills: DrillStore;
  chain: ChainHandlerTable;
  safes: SafeHandlers['handlers'];
  wallets: WalletSets;
  networks: Pick<Handlers, 'networks' | 'prices'>;
  openExternal?: OpenExternal;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    app: appHandlers(deps.info, deps.settings, deps.openExternal),
    readers: readerHandlers(deps.readers),
    cards: cardHandlers(deps.cards, (secretId, work) => deps.secrets.useSeed(secretId, work)),
    secrets: secretHandlers(deps.secrets),
    backups: backupHandlers(deps.cards, deps.secrets),
    discovery: {
      run: deps.chain.discovery.run,
      history: walletHistory(deps.chain.discovery.run, deps.drills, deps.sources),
    },
    transfers: deps.chain.transfers,
    sweep: deps.chain.sweep,
    drills: drillHandlers(deps.drills, deps.sources),
    safes: deps.safes,
    wallets: walletHandlers(deps.wallets),
    settings: settingsHandlers(deps.settings),
    networks: deps.networks.networks,
    prices: deps.networks.prices,
  };
}
