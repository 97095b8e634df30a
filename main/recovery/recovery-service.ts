// The recovery jobs as the IPC handlers and the command line use them: discovery, sweep
// plans and recovery cases behind opaque ids, plain data in and out, progress as events.
// Where keys come from (a card session, a secret in the vault) is resolved by the source
// resolver the caller hands in, so this file never sees a PIN or a seed.
import { randomUUID } from 'node:crypto';
import { getAddress } from 'ethers';
import type {
  CaseView,
  DiscoveredAccount,
  DiscoveryProgress,
  DiscoveryRequest,
  DiscoveryResult,
  Scheme,
  SourceRef,
  SweepEvent,
  SweepPlanView,
  SweepReport,
  SweepRequest,
} from '../../preload/api';
import { CaseService } from '../cases/case-service';
import type { CaseRecord, Scanned } from '../cases/case-record';
import { ChainConnection } from '../chain/connection';
import { assertRecipient } from '../chain/destination';
import { discover, isUsed, type FoundAccount } from '../chain/discovery';
import { assertDistinctChains, type Network } from '../chain/networks';
import { planView } from '../chain/plan-view';
import { assertPlanFresh, prepareSweep } from '../chain/prepare-sweep';
import type { RpcClientOptions } from '../chain/rpc-client';
import type { NetworkRef, SweepPlan } from '../chain/sweep-plan';
import { tokenList, type Token } from '../chain/tokens';
import { LifeboatError } from '../errors';
import type { SourceAccess } from '../sources/source-access';
import type { DiscoveryCache, StoredDiscovery } from './discovery-cache';
import { runSweep, type SignerFactory } from './run-sweep';

export interface RecoveryServiceDeps {
  dataDir: string;
  /** The networks the person configured and enabled, with their RPC URLs. */
  networks(): readonly Network[];
  /** The person's own tokens for a network (the bundled list is added here). */
  tokens(networkId: string): readonly Token[];
  defaults(): { schemes: readonly Scheme[]; gapLimit: number; maxFeePerGas?: bigint };
  source(ref: SourceRef): SourceAccess | Promise<SourceAccess>;
  /** The discoveries of this process, shared with single payments. */
  discoveries: DiscoveryCache;
  rpc?: RpcClientOptions;
  pollMs?: number;
  pendingTimeoutMs?: number;
  /** Blocks that make a step final (default 1). */
  confirmations?: number;
  /** False: one step at a time, each to the end (the order before pipelining). */
  parallel?: boolean;
}

interface StoredPlan {
  plan: SweepPlan;
  createdAt: string;
  discovery: StoredDiscovery;
  destination: { address: string; keyUid?: string; source?: SourceRef };
}

export interface Started {
  caseId: string;
  /** Settles when the run ends: finished, failed or paused (never rejects for a pause). */
  done: Promise<CaseRecord>;
}

/** Plans kept for the confirmation; older ones are forgotten. */
const KEPT = 16;

/** The first BIP-44 account receives when a card or secret is the destination. */
const DESTINATION_ACCOUNT = { scheme: 'bip44', index: 0 } as const;

export class RecoveryService {
  readonly cases: CaseService;
  private readonly plans = new Map<string, StoredPlan>();
  private readonly running = new Map<
    string,
    { stop: AbortController; done: Promise<CaseRecord> }
  >();

  constructor(private readonly deps: RecoveryServiceDeps) {
    this.cases = new CaseService({ dataDir: deps.dataDir });
  }

  async discover(
    request: DiscoveryRequest,
    onProgress: (progress: DiscoveryProgress) => void = () => {},
  ): Promise<DiscoveryResult> {
    const defaults = this.deps.defaults();
    const networks = this.pickNetworks(request.networkIds);
    assertDistinctChains(networks);
    const access = await this.deps.source(request.source);
    const connections = await this.openAll(networks);
    try {
      const tokens: Record<string, Token[]> = {};
      for (const c of connections) {
        tokens[c.network.id] = tokenList(c.network.chainId, this.deps.tokens(c.network.id));
      }
      const found = await discover(
        {
          source: access.addressSource,
          networks: connections.map((c) => ({ connection: c, tokens: tokens[c.network.id]! })),
          schemes: request.schemes ?? defaults.schemes,
          gapLimit: request.gapLimit ?? defaults.gapLimit,
        },
        (p) => onProgress({ source: request.source, ...p }),
      );
      const scanned: Scanned = {
        schemes: found.scanned.schemes,
        networkIds: found.scanned.networkIds,
        addresses: found.scanned.addresses,
        tokens: found.scanned.tokens,
      };
      const view: DiscoveryResult = {
        discoveryId: randomUUID(),
        source: request.source,
        accounts: found.accounts.map((a) => discoveredView(a, connections)),
        scanned,
      };
      this.deps.discoveries.remember({
        view,
        keyUid: access.addressSource.keyUid,
        kind: access.addressSource.kind,
        accounts: found.accounts,
        tokens,
        scanned,
      });
      return view;
    } finally {
      for (const c of connections) c.close();
    }
  }

  async plan(request: SweepRequest): Promise<SweepPlanView> {
    const discovery = this.deps.discoveries.get(request.discoveryId);
    const destination = await this.destinationOf(request.destination);
    const wanted = request.addresses?.map((a) => a.toLowerCase());
    const accounts = discovery.accounts.filter(
      (a) => wanted === undefined || wanted.includes(a.address.toLowerCase()),
    );
    assertRecipient(
      destination.address,
      accounts.map((a) => a.address),
      'destination',
    );
    const networkIds = request.networkIds ?? discovery.scanned.networkIds;
    const networks = this.pickNetworks(networkIds);
    assertDistinctChains(networks);
    if (
      !accounts.some((a) => a.networks.some((n) => networkIds.includes(n.networkId) && holds(n)))
    ) {
      throw nothingFound(discovery.scanned, networks);
    }
    const cap = request.maxFeePerGas ?? this.deps.defaults().maxFeePerGas?.toString();
    const connections = await this.openAll(networks);
    try {
      const plan = await prepareSweep({
        networks: connections.map((connection) => ({
          connection,
          accounts: accounts.filter((a) =>
            a.networks.some((n) => n.networkId === connection.network.id && isUsed(n)),
          ),
          tokens: discovery.tokens[connection.network.id] ?? [],
        })),
        destination: { address: destination.address, canSign: destination.source !== undefined },
        feeCaps: Object.fromEntries(
          networks.map((n) => [n.id, cap === undefined ? undefined : parseWei(cap)]),
        ),
        allowTopUp: request.allowTopUp ?? false,
      });
      const planId = randomUUID();
      const createdAt = new Date().toISOString();
      remember(this.plans, planId, { plan, createdAt, discovery, destination });
      return planView(plan, planId, createdAt);
    } finally {
      for (const c of connections) c.close();
    }
  }

  /**
   * Checks the plan is still current, persists it as a case, then runs it in the background.
   * Resolves as soon as the case is on disk: nothing is signed before that.
   */
  async execute(planId: string, onEvent: (event: SweepEvent) => void = () => {}): Promise<Started> {
    const stored = this.plans.get(planId);
    if (!stored) throw new LifeboatError('not-found', 'That plan is no longer available.');
    const connections = await this.openAll(stored.plan.networks);
    try {
      await assertPlanFresh(stored.plan, (id) => connections.find((c) => c.network.id === id)!);
    } finally {
      for (const c of connections) c.close();
    }
    // The signers are resolved first, so a source that is gone leaves no case behind.
    const signer = await this.signerFactory(
      stored.discovery.view.source,
      stored.destination.source,
    );
    const record = this.cases.create({
      plan: stored.plan,
      planId,
      planCreatedAt: stored.createdAt,
      source: {
        kind: stored.discovery.kind,
        ...(stored.discovery.keyUid === undefined ? {} : { keyUid: stored.discovery.keyUid }),
        addresses: [
          ...new Set(stored.plan.steps.filter((s) => s.signer === 'source').map((s) => s.from)),
        ],
      },
      destination: {
        address: stored.destination.address,
        ...(stored.destination.keyUid === undefined ? {} : { keyUid: stored.destination.keyUid }),
      },
      scanned: stored.discovery.scanned,
      ...(this.deps.confirmations === undefined ? {} : { confirmations: this.deps.confirmations }),
    });
    this.plans.delete(planId);
    return this.start(record.caseId, signer, onEvent);
  }

  /**
   * Continues a paused or interrupted case with its source (and destination, for a top-up),
   * with a higher fee cap when the person accepted one.
   */
  async resume(
    caseId: string,
    source: SourceRef,
    onEvent: (event: SweepEvent) => void = () => {},
    destination?: SourceRef,
    maxFeePerGas?: bigint,
  ): Promise<Started> {
    const record = this.cases.load(caseId);
    if (record.state === 'finished' || record.state === 'failed') {
      throw new LifeboatError('case-finished', undefined, { caseId });
    }
    const access = await this.deps.source(source);
    const keyUid = access.addressSource.keyUid;
    if (
      record.source.keyUid !== undefined &&
      keyUid !== undefined &&
      keyUid !== record.source.keyUid
    ) {
      throw new LifeboatError(
        'signer-mismatch',
        'This is not the wallet the case moves funds from.',
        {
          caseId,
        },
      );
    }
    const signer = await this.signerFactory(source, destination);
    if (maxFeePerGas !== undefined) this.cases.raiseFeeCap(caseId, maxFeePerGas);
    return this.start(caseId, signer, onEvent);
  }

  unfinished(): CaseView[] {
    return this.cases.unfinished();
  }

  status(caseId: string): CaseView {
    return this.cases.status(caseId);
  }

  report(caseId: string): SweepReport {
    return this.cases.report(caseId);
  }

  /** Pauses running cases at their next safe point and waits for them. */
  async stop(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.stop.abort();
    await Promise.allSettled(runs.map((r) => r.done));
  }

  private start(caseId: string, signer: SignerFactory, onEvent: (e: SweepEvent) => void): Started {
    if (this.running.has(caseId)) throw new LifeboatError('case-busy', undefined, { caseId });
    const stop = new AbortController();
    const done = runSweep(caseId, {
      store: this.cases.store,
      connect: (network) => this.connectTo(network),
      signer,
      onEvent,
      signal: stop.signal,
      ...(this.deps.pollMs === undefined ? {} : { pollMs: this.deps.pollMs }),
      ...(this.deps.pendingTimeoutMs === undefined
        ? {}
        : { pendingTimeoutMs: this.deps.pendingTimeoutMs }),
      ...(this.deps.parallel === undefined ? {} : { parallel: this.deps.parallel }),
    }).finally(() => {
      this.running.delete(caseId);
    });
    this.running.set(caseId, { stop, done });
    return { caseId, done };
  }

  private async signerFactory(source: SourceRef, destination?: SourceRef): Promise<SignerFactory> {
    const sourceAccess = await this.deps.source(source);
    return async (step) => {
      if (step.signer === 'source') {
        return sourceAccess.signer({ address: step.from, path: step.account.path });
      }
      if (!destination) {
        throw new LifeboatError(
          'invalid-request',
          'This case pays a gas top-up from the destination; provide the destination card or secret to continue.',
        );
      }
      const access = await this.deps.source(destination);
      const [account] = await access.addressSource.accounts(
        DESTINATION_ACCOUNT.scheme,
        DESTINATION_ACCOUNT.index,
        1,
      );
      return access.signer({ address: step.from, path: account!.path });
    };
  }

  private async destinationOf(
    destination: SweepRequest['destination'],
  ): Promise<StoredPlan['destination']> {
    if (destination.kind === 'address') {
      const address = checkedAddress(destination.address);
      assertRecipient(address, [], 'destination');
      return { address };
    }
    const access = await this.deps.source(destination);
    const [account] = await access.addressSource.accounts(
      DESTINATION_ACCOUNT.scheme,
      DESTINATION_ACCOUNT.index,
      1,
    );
    if (!account) throw new LifeboatError('no-key');
    return {
      address: account.address,
      source: destination,
      ...(access.addressSource.keyUid === undefined ? {} : { keyUid: access.addressSource.keyUid }),
    };
  }

  private pickNetworks(ids: readonly string[] | undefined): Network[] {
    const all = this.deps.networks();
    // Said before the card or secret is opened: the first run's choice may have been put off.
    if (ids === undefined && all.length === 0) {
      throw new LifeboatError(
        'no-network-chosen',
        'No network is chosen yet, so there is nowhere to look for funds.',
      );
    }
    if (ids === undefined) return [...all];
    return ids.map((id) => {
      const network = all.find((n) => n.id === id);
      if (!network) throw new LifeboatError('network-not-configured', undefined, { network: id });
      return network;
    });
  }

  /** A network of a plan or case, reached through the RPC URLs the person set for its id. */
  private connectTo(network: NetworkRef): Promise<ChainConnection> {
    const configured = this.deps.networks().find((n) => n.id === network.id);
    if (!configured) {
      throw new LifeboatError('network-not-configured', undefined, { network: network.id });
    }
    return ChainConnection.open({ ...network, rpcUrls: configured.rpcUrls }, this.deps.rpc);
  }

  private async openAll(networks: readonly NetworkRef[]): Promise<ChainConnection[]> {
    const opened: ChainConnection[] = [];
    try {
      for (const n of await Promise.allSettled(networks.map((n) => this.connectTo(n)))) {
        if (n.status === 'rejected') throw n.reason;
        opened.push(n.value);
      }
      return opened;
    } catch (error) {
      for (const c of opened) c.close();
      throw error;
    }
  }
}

function discoveredView(account: FoundAccount, connections: ChainConnection[]): DiscoveredAccount {
  return {
    scheme: account.scheme,
    index: account.index,
    path: account.path,
    address: account.address,
    balances: account.networks.map((n) => {
      const network = connections.find((c) => c.network.id === n.networkId)!.network;
      return {
        networkId: n.networkId,
        nonce: n.nonce,
        assets: [
          {
            asset: 'native',
            symbol: network.nativeSymbol,
            decimals: network.decimals,
            balance: n.native.toString(),
          },
          ...n.tokens
            .filter((t) => t.balance > 0n)
            .map((t) => ({
              asset: t.token.address,
              symbol: t.token.symbol,
              decimals: t.token.decimals,
              balance: t.balance.toString(),
            })),
        ],
      };
    }),
  };
}

function holds(account: FoundAccount['networks'][number]): boolean {
  return account.native > 0n || account.tokens.some((t) => t.balance > 0n);
}

/** Finding nothing is an answer: where Lifeboat looked, and how far. */
function nothingFound(scanned: Scanned, networks: readonly Network[]): LifeboatError {
  const names = networks.map((n) => n.name).join(', ');
  return new LifeboatError(
    'nothing-to-move',
    `No funds were found on ${names} after ${scanned.addresses} addresses (${scanned.schemes.join(', ')}).`,
    {
      networks: networks.map((n) => n.id).join(','),
      addresses: scanned.addresses,
      schemes: scanned.schemes.join(','),
    },
  );
}

function parseWei(value: string): bigint {
  if (!/^\d{1,40}$/.test(value)) {
    throw new LifeboatError('invalid-input', 'The fee cap is a whole number of wei.', {
      field: 'maxFeePerGas',
    });
  }
  return BigInt(value);
}

function checkedAddress(value: string): string {
  try {
    return getAddress(value.trim());
  } catch {
    throw new LifeboatError('invalid-address', undefined, { field: 'destination' });
  }
}

function remember<T>(map: Map<string, T>, id: string, value: T): void {
  map.set(id, value);
  for (const old of map.keys()) {
    if (map.size <= KEPT) break;
    map.delete(old);
  }
}
