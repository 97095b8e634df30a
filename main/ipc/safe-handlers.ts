// window.lifeboat.safes → the Safe service, with the networks, tokens and fee cap taken from
// settings, sources resolved by the one source resolver, and the remembered Safes in
// safes.json beside the settings. A Safe sweep's progress goes out as sweep events.
import path from 'node:path';
import type { SweepEvent } from '../../preload/api';
import { RememberedSafes } from '../cases/remembered-safes';
import { toErrorData } from '../errors';
import { SafeService } from '../recovery/safe-service';
import type { SettingsStore } from '../settings';
import type { SourceResolver } from '../sources/source-resolver';
import { enabledNetworks } from './chain-handlers';
import type { Handlers } from './contract';
import type { EventHub } from './events';

export interface SafeHandlerDeps {
  dataDir: string;
  settings: SettingsStore;
  sources: SourceResolver;
  events: EventHub;
}

export interface SafeHandlers {
  handlers: Handlers['safes'];
  /** Pauses running Safe sweeps at their next safe point. */
  stop(): Promise<void>;
}

export function safeHandlers(deps: SafeHandlerDeps): SafeHandlers {
  const { settings, events } = deps;
  const service = new SafeService({
    dataDir: deps.dataDir,
    networks: () => enabledNetworks(settings),
    tokens: (networkId) =>
      settings
        .get()
        .tokens.filter((t) => t.networkId === networkId)
        .map(({ address, symbol, decimals }) => ({ address, symbol, decimals })),
    defaults: () => {
      const cap = settings.get().preferences.maxFeePerGas;
      return cap === undefined ? {} : { maxFeePerGas: BigInt(cap) };
    },
    source: (ref) => deps.sources.access(ref),
    remembered: new RememberedSafes(path.join(deps.dataDir, 'safes.json')),
  });
  const emit = (event: SweepEvent) => events.emit('sweep', 'watch', event);

  return {
    handlers: {
      list: async () => service.list(),
      open: ({ networkId, address, holders }) => service.open({ networkId, address }, holders),
      forget: async (safe) => {
        service.forget(safe);
        return null;
      },
      owned: ({ source }) => service.owned(source),
      planCreate: (request) => service.creation.plan(request),
      create: async ({ planId }) => {
        const { networkId, address } = await service.creation.create(planId);
        return service.open({ networkId, address });
      },
      propose: ({ networkId, safe, action }) => service.proposals.propose(networkId, safe, action),
      sign: ({ jobId, source }) => service.sign(jobId, source),
      signatures: async ({ jobId }) => service.signatures(jobId),
      holderOwners: ({ jobId, holders }) => service.holderOwners(jobId, holders),
      execute: ({ proposalId, payer }) => service.proposals.execute(proposalId, payer),
      discard: async ({ proposalId }) => {
        service.proposals.discard(proposalId);
        return null;
      },
      planSweep: (request) => service.sweeps.plan(request),
      startSweep: async ({ planId }) => ({ caseId: await service.sweeps.start(planId) }),
      runSweep: async ({ caseId, payer }) => {
        const started = await service.sweeps.run(caseId, payer, emit);
        started.done.catch((error: unknown) =>
          emit({ type: 'failed', caseId, error: toErrorData(error) }),
        );
        return { caseId };
      },
    },
    stop: () => service.stop(),
  };
}
