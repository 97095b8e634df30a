// A sweep case run on EVM networks: one checked connection per network of the plan, the
// EVM step driver with the signers at hand (and, for a Safe sweep, the owners' signatures
// the case holds), and the balances read back at the end. A network that cannot be reached
// leaves the case as it was, paused.
import type { SweepEvent } from '../../preload/api';
import { readAssetBalance } from '../chain/balances';
import type { ChainConnection } from '../chain/connection';
import { EvmStepDriver } from '../chain/evm/step-driver';
import type { TxSigner } from '../chain/signer';
import type { NetworkRef, PlanStep } from '../chain/sweep-plan';
import type { CaseRecord, SafeCaseRecord } from '../cases/case-record';
import { packSignatures } from '../chain/safe/signatures';
import { runCase } from '../cases/case-run';
import type { CaseStore } from '../cases/case-store';
import { isOnChain } from '../cases/step-loop';
import { LifeboatError, isLifeboatError } from '../errors';

/** Gives the signer of a step's sender: the source account, or the destination (top-up). */
export type SignerFactory = (step: PlanStep) => Promise<TxSigner>;

export interface SweepRunDeps {
  store: CaseStore;
  /** Opens a checked connection to a network of a case (its RPC URLs come from settings). */
  connect(network: NetworkRef): Promise<ChainConnection>;
  signer: SignerFactory;
  onEvent?: (event: SweepEvent) => void;
  signal?: AbortSignal;
  pollMs?: number;
  pendingTimeoutMs?: number;
  /** False: one step at a time, each to the end (the order before pipelining). */
  parallel?: boolean;
}

export async function runSweep(caseId: string, deps: SweepRunDeps): Promise<CaseRecord> {
  const record = deps.store.load(caseId);
  const connections = new Map<string, ChainConnection>();
  try {
    const opened = await Promise.allSettled(record.plan.networks.map((n) => deps.connect(n)));
    for (const result of opened) {
      if (result.status === 'fulfilled') connections.set(result.value.network.id, result.value);
    }
    const failed = opened.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    for (const c of connections.values()) c.close();
    if (!isLifeboatError(error)) throw error;
    deps.store.log(caseId, { event: 'not-started', code: error.code });
    deps.onEvent?.({ type: 'paused', caseId, error: { code: error.code, message: error.message } });
    return record;
  }
  const chain = (networkId: string): ChainConnection => {
    const connection = connections.get(networkId);
    if (!connection) throw new LifeboatError('case-corrupt', undefined, { caseId });
    return connection;
  };
  try {
    return await runCase(caseId, {
      store: deps.store,
      driver: (loaded) =>
        new EvmStepDriver({
          plan: loaded.plan,
          chain,
          signer: deps.signer,
          isOnChain: (index) => isOnChain(loaded.steps[index]!.state),
          ...(loaded.safe === undefined
            ? {}
            : { safeSignatures: async (step: PlanStep) => packedSignatures(loaded.safe!, step) }),
        }),
      verify: (loaded) =>
        Promise.all(
          loaded.plan.assets.map(async (asset) => ({
            networkId: asset.networkId,
            account: asset.account,
            asset: asset.asset,
            balance: await readAssetBalance(chain(asset.networkId), asset),
          })),
        ),
      ...optional(deps),
    });
  } finally {
    for (const c of connections.values()) c.close();
  }
}

/** The signatures a Safe step carries: those the case holds for its hash, verified and ordered. */
export function packedSignatures(safe: SafeCaseRecord, step: PlanStep): string {
  const hash = step.safe!.hash;
  return packSignatures(
    hash,
    safe.signatures.filter((s) => s.hash === hash),
    safe.owners,
    safe.threshold,
  );
}

function optional(deps: SweepRunDeps) {
  return {
    ...(deps.onEvent === undefined ? {} : { onEvent: deps.onEvent }),
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
    ...(deps.pendingTimeoutMs === undefined ? {} : { pendingTimeoutMs: deps.pendingTimeoutMs }),
    ...(deps.parallel === undefined ? {} : { parallel: deps.parallel }),
  };
}
