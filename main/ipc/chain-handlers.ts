// window.lifeboat.discovery, .transfers and .sweep → the recovery service and single
// payments, with the networks, tokens and defaults taken from settings, sources resolved by
// the one source resolver, and one discovery cache for both. Progress and case events go
// out through the event hub.
import type { SweepEvent } from '../../preload/api';
import type { Network } from '../chain/networks';
import { Transfers } from '../chain/transfers';
import { LifeboatError, toErrorData } from '../errors';
import type { DiscoveryCache } from '../recovery/discovery-cache';
import { RecoveryService } from '../recovery/recovery-service';
import type { SettingsStore } from '../settings';
import type { SourceResolver } from '../sources/source-resolver';
import type { Handlers } from './contract';
import type { EventHub } from './events';

export interface ChainHandlerDeps {
  dataDir: string;
  settings: SettingsStore;
  sources: SourceResolver;
  discoveries: DiscoveryCache;
  events: EventHub;
}

/** The chain's part of the handler table; `discovery.history` adds the drill records to it. */
export type ChainHandlerTable = Pick<Handlers, 'transfers' | 'sweep'> & {
  discovery: Pick<Handlers['discovery'], 'run'>;
};

export interface ChainHandlers {
  handlers: ChainHandlerTable;
  /** Pauses running cases at their next safe point. */
  stop(): Promise<void>;
}

export function enabledNetworks(settings: SettingsStore): Network[] {
  return settings
    .get()
    .networks.filter((n) => n.enabled)
    .map(({ enabled: _enabled, ...network }) => network);
}

export function chainHandlers(deps: ChainHandlerDeps): ChainHandlers {
  const { settings, events } = deps;
  const service = new RecoveryService({
    dataDir: deps.dataDir,
    networks: () => enabledNetworks(settings),
    tokens: (networkId) =>
      settings
        .get()
        .tokens.filter((t) => t.networkId === networkId)
        .map(({ address, symbol, decimals }) => ({ address, symbol, decimals })),
    defaults: () => {
      const { schemes, gapLimit, maxFeePerGas } = settings.get().preferences;
      return {
        schemes,
        gapLimit,
        ...(maxFeePerGas === undefined ? {} : { maxFeePerGas: BigInt(maxFeePerGas) }),
      };
    },
    source: (ref) => deps.sources.access(ref),
    discoveries: deps.discoveries,
  });

  const transfers = new Transfers({
    network: (networkId) => {
      const network = enabledNetworks(settings).find((n) => n.id === networkId);
      if (!network)
        throw new LifeboatError('network-not-configured', undefined, { network: networkId });
      return network;
    },
    discovery: (discoveryId) => deps.discoveries.get(discoveryId).view,
    signer: (discovery, account) => deps.sources.access(discovery.source).signer(account),
    feeCap: () => {
      const cap = settings.get().preferences.maxFeePerGas;
      return cap === undefined ? undefined : BigInt(cap);
    },
  });

  const emit = (event: SweepEvent) => events.emit('sweep', 'watch', event);
  /** A run settles by itself (finished, failed or paused); anything else is reported as failed. */
  const watch = (caseId: string, done: Promise<unknown>) => {
    done.catch((error: unknown) => emit({ type: 'failed', caseId, error: toErrorData(error) }));
    return { caseId };
  };

  return {
    handlers: {
      discovery: {
        run: (request) =>
          service.discover(request, (progress) => events.emit('discovery', 'watch', progress)),
      },
      transfers: {
        plan: (request) => transfers.plan(request),
        send: ({ planId }) => transfers.send(planId),
      },
      sweep: {
        plan: (request) => service.plan(request),
        execute: async ({ planId }) => {
          const started = await service.execute(planId, emit);
          return watch(started.caseId, started.done);
        },
        unfinished: async () => service.unfinished(),
        status: async ({ caseId }) => service.status(caseId),
        resume: async ({ caseId, source, destination, maxFeePerGas }) => {
          const started = await service.resume(
            caseId,
            source,
            emit,
            destination,
            maxFeePerGas === undefined ? undefined : BigInt(maxFeePerGas),
          );
          return watch(started.caseId, started.done);
        },
        report: async ({ caseId }) => service.report(caseId),
      },
    },
    stop: () => service.stop(),
  };
}
