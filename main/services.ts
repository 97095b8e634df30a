// The composition root: every main-process service built once, wired to the handler table
// and the event hub. The Electron entry and the browser harness both start the console
// from here, so they run exactly the same code behind window.lifeboat.
import path from 'node:path';
import type { AppInfo } from '../preload/api';
import { CardService } from './cards/card-service';
import { KEYCARD_CA_KEYS } from './cards/keycard/attestation';
import { keyFileSecretBox } from './cards/keycard/key-file-box';
import { FilePairingStore, type SecretBox } from './cards/keycard/pairing-store';
import { PcscReaders } from './cards/pcsc/pcsc-readers';
import { toporinAuthorityKeys } from './cards/toporin/trust';
import type { Readers } from './cards/readers';
import { DrillStore } from './cases/drills';
import { createDispatcher, type Dispatcher } from './ipc/dispatcher';
import { PRICE_FEEDS, type PriceFeedBook } from './chain/price-feeds';
import type { OpenExternal } from './ipc/app-handlers';
import { chainHandlers } from './ipc/chain-handlers';
import { EventHub } from './ipc/events';
import { createHandlers } from './ipc/handlers';
import { networkHandlers, type EndpointBook } from './ipc/network-handlers';
import { PUBLIC_ENDPOINTS } from './chain/public-endpoints';
import { INPUT_SCHEMAS } from './ipc/schemas';
import { safeHandlers } from './ipc/safe-handlers';
import { DiscoveryCache } from './recovery/discovery-cache';
import { SecretsService } from './secrets/secrets-service';
import { Vault } from './secrets/vault';
import { SourceResolver } from './sources/source-resolver';
import { WalletSets } from './recovery/wallet-sets';
import { SettingsStore, defaultSettings } from './settings';

export interface ServicesOptions {
  /** Where settings, pairings, drills and cases live (the app's userData). */
  dataDir: string;
  shell: AppInfo['shell'];
  version: string;
  /** Seals the card pairings; without one a key file in `dataDir` does, and says so. */
  secretBox?: SecretBox;
  /** The PC/SC reader layer; tests may hand in their own. */
  readers?: Readers;
  /** Told about failures that were not raised on purpose (they reach the page as `internal`). */
  onUnexpected?: (channel: string, error: unknown) => void;
  /** Opens an explorer link in the person's browser; without one, links are only shown. */
  openExternal?: OpenExternal;
  /** The Chainlink feeds prices are read from; the bundled ones unless a test chain has its own. */
  priceFeeds?: PriceFeedBook;
  /** The public servers offered per preset network; the reviewed ones unless a test has its own. */
  publicEndpoints?: EndpointBook;
}

export interface Services {
  readonly dispatcher: Dispatcher;
  readonly events: EventHub;
  /** Starts watching the card readers. */
  start(): Promise<void>;
  /** Closes every card session (cards are reset), wipes every secret, stops the readers. */
  stop(): Promise<void>;
}

/** The vault owner of the console's secrets; the CLI files its own under another. */
const CONSOLE_OWNER = 'console';
const VAULT_SWEEP_MS = 30_000;

export async function createServices(options: ServicesOptions): Promise<Services> {
  const { dataDir } = options;
  const readers = options.readers ?? new PcscReaders({ role: 'console' });
  const settings = new SettingsStore(path.join(dataDir, 'settings.json'), defaultSettings());
  const pairings = new FilePairingStore(
    dataDir,
    options.secretBox ?? (await keyFileSecretBox(dataDir)),
  );
  const cards = new CardService({
    readers,
    pairings,
    trustedCaKeys: () => settings.get().trustedCaKeys,
  });
  const vault = new Vault({ sweepEveryMs: VAULT_SWEEP_MS });
  const secrets = new SecretsService({ vault, owner: CONSOLE_OWNER });
  const drills = new DrillStore(path.join(dataDir, 'drills.json'));
  const events = new EventHub();
  const sources = new SourceResolver({
    cards: () => cards,
    useSeed: (secretId, use) => secrets.useSeed(secretId, use),
    secretKind: (secretId) => vault.info(secretId, CONSOLE_OWNER).kind,
  });
  const wallets = new WalletSets({
    cards: () => cards,
    inventory: drills,
    useSeed: (secretId, use) => secrets.useSeed(secretId, use),
    secretKind: (secretId) => vault.info(secretId, CONSOLE_OWNER).kind,
  });
  const discoveries = new DiscoveryCache();
  const chain = chainHandlers({ dataDir, settings, sources, discoveries, events });
  const safes = safeHandlers({ dataDir, settings, sources, events });

  const authorities: AppInfo['builtInAuthorities'] = [
    ...KEYCARD_CA_KEYS.map((key) => ({ family: 'keycard' as const, key })),
    ...toporinAuthorityKeys(),
  ];
  const info: AppInfo = {
    version: options.version,
    shell: options.shell,
    pairingProtection: pairings.describeProtection(),
    builtInCaKeys: authorities.map((a) => a.key),
    builtInAuthorities: authorities,
  };
  const dispatcher = createDispatcher(
    createHandlers({
      info,
      readers,
      cards,
      secrets,
      sources,
      settings,
      drills,
      chain: chain.handlers,
      safes: safes.handlers,
      wallets,
      networks: networkHandlers({
        settings,
        priceFeeds: options.priceFeeds ?? PRICE_FEEDS,
        endpoints: options.publicEndpoints ?? PUBLIC_ENDPOINTS,
      }),
      ...(options.openExternal === undefined ? {} : { openExternal: options.openExternal }),
    }),
    INPUT_SCHEMAS,
    options.onUnexpected,
  );

  const unsubscribe = [
    readers.onChange((snapshot) => events.emit('readers', 'watch', snapshot)),
    cards.onEvent((event) => events.emit('cards', 'watch', event)),
    secrets.watch((event) => events.emit('secrets', 'watch', event)),
  ];

  let stopped = false;
  return {
    dispatcher,
    events,
    start: () => readers.start(),
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const stop of unsubscribe) stop();
      await chain.stop();
      await safes.stop();
      await cards.dispose();
      wallets.dispose();
      secrets.dispose();
      vault.close();
      await readers.stop();
    },
  };
}
