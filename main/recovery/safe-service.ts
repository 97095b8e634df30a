// Shared wallets: Safes whose owners are the person's cards, rebuilt wallets or other
// people's addresses. One service for the console and the command line: it opens and
// remembers Safes, finds which owners the person holds, creates Safes, and runs the jobs
// (single transactions and sweeps) that the owners sign one after another.
import { getAddress } from 'ethers';
import type {
  AssetBalance,
  HolderOwner,
  SafeRef,
  SafeSignatures,
  SafesOwned,
  SafeView,
  SourceRef,
} from '../../preload/api';
import { CaseService } from '../cases/case-service';
import { readAccountStates } from '../chain/balances';
import type { ChainConnection } from '../chain/connection';
import { readSafe, type SafeState } from '../chain/safe/safe-reader';
import { tokenList } from '../chain/tokens';
import { isLifeboatError, toErrorData } from '../errors';
import { OWNER_SCAN, ownerAmong } from '../sources/owner-signer';
import { SafeContext, type SafeServiceDeps } from './safe-context';
import { SafeCreation } from './safe-creation';
import { SafeProposals } from './safe-proposals';
import { SafeSweeps } from './safe-sweeps';

export type { SafeServiceDeps } from './safe-context';

export class SafeService {
  readonly creation: SafeCreation;
  readonly proposals: SafeProposals;
  readonly sweeps: SafeSweeps;
  private readonly context: SafeContext;

  constructor(deps: SafeServiceDeps) {
    this.context = new SafeContext(deps);
    this.creation = new SafeCreation(this.context);
    this.proposals = new SafeProposals(this.context);
    this.sweeps = new SafeSweeps(this.context, new CaseService({ dataDir: deps.dataDir }));
  }

  list(): SafeRef[] {
    return this.context.deps.remembered.list();
  }

  forget(safe: SafeRef): void {
    this.context.deps.remembered.forget(safe);
  }

  /** Reads a Safe, remembers it, and says which owners `holders` hold. */
  async open(ref: SafeRef, holders: readonly SourceRef[] = []): Promise<SafeView> {
    const view = await this.context.on(ref.networkId, (connection) =>
      this.read(connection, ref.address, holders),
    );
    this.context.deps.remembered.remember(view);
    return view;
  }

  /**
   * The remembered Safes `source` owns. Each is read on its own: a Safe whose network cannot
   * be read is listed as unread and the others are still found; a Safe on a network that is
   * no longer switched on is left out.
   */
  async owned(source: SourceRef): Promise<SafesOwned> {
    const owned: SafesOwned = { safes: [], unread: [] };
    for (const ref of this.list()) {
      try {
        const view = await this.context.on(ref.networkId, (c) =>
          this.read(c, ref.address, [source]),
        );
        if (view.owners.some((o) => o.heldBy !== undefined)) owned.safes.push(view);
      } catch (error) {
        if (!isLifeboatError(error)) throw error;
        if (!isLifeboatError(error, 'network-not-configured')) {
          owned.unread.push({ safe: ref, error: toErrorData(error) });
        }
      }
    }
    return owned;
  }

  /**
   * The owner of the job's Safe each holder signs as, or null when it is none; a holder that
   * cannot be read now (a card just taken out) is left out rather than called a stranger.
   */
  async holderOwners(jobId: string, holders: readonly SourceRef[]): Promise<HolderOwner[]> {
    const { owners } = this.signatures(jobId);
    const found: HolderOwner[] = [];
    for (const source of holders) {
      try {
        const access = await this.context.access(source);
        const accounts = await access.addressSource.accounts('bip44', 0, OWNER_SCAN);
        found.push({ source, owner: ownerAmong(accounts, owners)?.address ?? null });
      } catch (error) {
        if (!isLifeboatError(error)) throw error;
      }
    }
    return found;
  }

  /** Signs a proposal, or every pending step of a Safe sweep, with the owner `source` holds. */
  sign(jobId: string, source: SourceRef): Promise<SafeSignatures> {
    return this.proposals.has(jobId)
      ? this.proposals.sign(jobId, source)
      : this.sweeps.sign(jobId, source);
  }

  signatures(jobId: string): SafeSignatures {
    return this.proposals.has(jobId)
      ? this.proposals.signatures(jobId)
      : this.sweeps.signatures(jobId);
  }

  stop(): Promise<void> {
    return this.sweeps.stop();
  }

  private async read(
    connection: ChainConnection,
    address: string,
    holders: readonly SourceRef[],
  ): Promise<SafeView> {
    const safe = await readSafe(connection, address);
    const { network } = connection;
    const tokens = tokenList(network.chainId, this.context.deps.tokens(network.id));
    const [{ states }, holdings] = await Promise.all([
      readAccountStates(connection, [safe.address], tokens),
      Promise.all(holders.map((h) => this.ownersHeld(h, safe))),
    ]);
    const state = states[0]!;
    const balances: AssetBalance[] = [
      {
        asset: 'native',
        symbol: network.nativeSymbol,
        decimals: network.decimals,
        balance: state.native.toString(),
      },
      ...tokens.flatMap((token, t) => {
        const balance = state.tokens[t] ?? 0n;
        return balance > 0n
          ? [
              {
                asset: token.address,
                symbol: token.symbol,
                decimals: token.decimals,
                balance: balance.toString(),
              },
            ]
          : [];
      }),
    ];
    return {
      networkId: network.id,
      address: safe.address,
      version: safe.version,
      owners: safe.owners.map((owner) => {
        const at = holdings.findIndex((held) => held.includes(owner));
        return at < 0 ? { address: owner } : { address: owner, heldBy: holders[at]! };
      }),
      threshold: safe.threshold,
      nonce: safe.nonce,
      balances,
      pending: this.proposals.pendingFor(network.id, safe.address),
    };
  }

  /** The Safe's owners among a source's first accounts; none when the source is gone. */
  private async ownersHeld(holder: SourceRef, safe: SafeState): Promise<string[]> {
    try {
      const access = await this.context.access(holder);
      const accounts = await access.addressSource.accounts('bip44', 0, OWNER_SCAN);
      return accounts.map((a) => getAddress(a.address)).filter((a) => safe.owners.includes(a));
    } catch (error) {
      if (isLifeboatError(error)) return [];
      throw error;
    }
  }
}
