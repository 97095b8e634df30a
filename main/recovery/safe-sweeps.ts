// Emptying a Safe as a recovery case: planned (tokens first, the native coin last, all of it),
// persisted before anyone signs, then signed by the owners one after another — each
// signature saved before the next is asked for, so a crash between two never asks an owner
// twice — and finally run through the same persisted step loop as every sweep, the executor
// sending each Safe transaction and paying its gas. A Safe nonce is used once: a step whose
// nonce another transaction took stops the case.
import { randomUUID } from 'node:crypto';
import { getAddress } from 'ethers';
import type {
  Destination,
  SafeSignatures,
  SafeSweepRequest,
  SourceRef,
  SweepEvent,
  SweepPlanView,
} from '../../preload/api';
import type { CaseRecord, SafeCaseRecord } from '../cases/case-record';
import type { CaseService } from '../cases/case-service';
import { assertRecipient } from '../chain/destination';
import { planView } from '../chain/plan-view';
import { assertPlanFresh } from '../chain/prepare-sweep';
import { assertSameHash } from '../chain/safe/safe-reader';
import { gatherSafeSweepFacts } from '../chain/safe/safe-sweep-facts';
import { planSafeSweep } from '../chain/safe/safe-sweep-plan';
import { verifyOwnerSignature } from '../chain/safe/signatures';
import type { SweepPlan } from '../chain/sweep-plan';
import { tokenList } from '../chain/tokens';
import { safeTxOf } from '../chain/evm/transaction';
import { LifeboatError } from '../errors';
import { firstAccount, ownerSigner } from '../sources/owner-signer';
import type { SafeContext } from './safe-context';
import { packedSignatures, runSweep } from './run-sweep';
import type { Started } from './recovery-service';

interface StoredSweep {
  plan: SweepPlan;
  createdAt: string;
  safe: Omit<SafeCaseRecord, 'signatures'>;
  destination: string;
  tokens: number;
}

const KEPT = 16;

export class SafeSweeps {
  private readonly plans = new Map<string, StoredSweep>();
  private readonly running = new Map<
    string,
    { stop: AbortController; done: Promise<CaseRecord> }
  >();

  constructor(
    private readonly context: SafeContext,
    private readonly cases: CaseService,
  ) {}

  async plan(request: SafeSweepRequest): Promise<SweepPlanView> {
    const payer = await firstAccount(await this.context.access(request.payer));
    const destination = await this.destinationOf(request.destination);
    const network = this.context.network(request.networkId);
    const tokens = tokenList(network.chainId, this.context.deps.tokens(network.id));
    const cap =
      request.maxFeePerGas === undefined
        ? this.context.deps.defaults().maxFeePerGas
        : BigInt(request.maxFeePerGas);
    const { plan, owners, threshold, address } = await this.context.on(
      request.networkId,
      async (connection) => {
        const facts = await gatherSafeSweepFacts({
          connection,
          safe: request.safe,
          destination,
          executor: { scheme: 'bip44', index: 0, ...payer },
          tokens,
        });
        return {
          plan: planSafeSweep(facts, cap === undefined ? {} : { feeCap: cap }),
          ...facts.safe,
        };
      },
    );
    const planId = randomUUID();
    const createdAt = new Date().toISOString();
    this.plans.set(planId, {
      plan,
      createdAt,
      safe: { address, networkId: request.networkId, owners, threshold, executor: payer.address },
      destination,
      tokens: tokens.length,
    });
    for (const old of this.plans.keys()) {
      if (this.plans.size <= KEPT) break;
      this.plans.delete(old);
    }
    return planView(plan, planId, createdAt);
  }

  /** Persists the planned sweep as a case, after checking nothing moved since; nothing is signed. */
  async start(planId: string): Promise<string> {
    const stored = this.plans.get(planId);
    if (!stored) throw new LifeboatError('not-found', 'That plan is no longer available.');
    await this.context.on(stored.safe.networkId, async (connection) => {
      await assertPlanFresh(stored.plan, () => connection);
      for (const step of stored.plan.steps) {
        if (step.safe)
          await assertSameHash(connection, step.safe.address, safeTxOf(step.safe), step.safe.hash);
      }
    });
    const record = this.cases.create({
      plan: stored.plan,
      planId,
      planCreatedAt: stored.createdAt,
      source: { kind: 'safe', addresses: [stored.safe.address] },
      destination: { address: stored.destination },
      scanned: {
        schemes: [],
        networkIds: [stored.safe.networkId],
        addresses: 1,
        tokens: stored.tokens,
      },
      ...(this.context.deps.confirmations === undefined
        ? {}
        : { confirmations: this.context.deps.confirmations }),
      safe: { ...stored.safe, signatures: [] },
    });
    this.plans.delete(planId);
    return record.caseId;
  }

  /** The Safe a sweep case empties (`invalid-request` for another case). */
  safeOf(caseId: string): SafeCaseRecord {
    return this.safeOfRecord(this.cases.load(caseId));
  }

  /**
   * Signs every step still to be sent with the owner `source` holds, each signature verified
   * and saved before the next; steps this owner signed already are skipped.
   */
  async sign(caseId: string, source: SourceRef): Promise<SafeSignatures> {
    if (this.running.has(caseId)) throw new LifeboatError('case-busy', undefined, { caseId });
    const access = await this.context.access(source);
    const lock = this.cases.store.lock(caseId);
    try {
      const record = this.cases.store.load(caseId);
      const safe = this.safeOfRecord(record);
      if (record.state === 'finished' || record.state === 'failed') {
        throw new LifeboatError('case-finished', undefined, { caseId });
      }
      const signer = await ownerSigner(access, safe.owners, safe.address);
      for (const step of record.plan.steps) {
        if (!step.safe || record.steps[step.index]!.state !== 'planned') continue;
        const hash = step.safe.hash;
        if (safe.signatures.some((s) => s.hash === hash && s.owner === signer.address)) continue;
        const signature = await signer.sign(hash);
        verifyOwnerSignature(hash, signature, safe.owners);
        safe.signatures.push({
          hash,
          owner: signer.address,
          signature: signature.signature.toLowerCase(),
          signedAt: new Date().toISOString(),
        });
        record.updatedAt = new Date().toISOString();
        lock.assertHeld();
        this.cases.store.save(record);
        this.cases.store.log(caseId, {
          event: 'owner-signed',
          step: step.index,
          owner: signer.address,
        });
      }
      return signaturesOf(record);
    } finally {
      lock.release();
    }
  }

  signatures(caseId: string): SafeSignatures {
    return signaturesOf(this.cases.load(caseId));
  }

  /**
   * Runs the signed sweep: the payer must be the executor it was planned with, and every step
   * still to be sent must carry enough verified signatures before anything is sent.
   */
  async run(
    caseId: string,
    payerRef: SourceRef,
    onEvent: (event: SweepEvent) => void = () => undefined,
  ): Promise<Started> {
    if (this.running.has(caseId)) throw new LifeboatError('case-busy', undefined, { caseId });
    const record = this.cases.load(caseId);
    const safe = this.safeOfRecord(record);
    if (record.state === 'finished' || record.state === 'failed') {
      throw new LifeboatError('case-finished', undefined, { caseId });
    }
    for (const step of record.plan.steps) {
      if (step.safe && record.steps[step.index]!.state === 'planned') packedSignatures(safe, step);
    }
    const access = await this.context.access(payerRef);
    const payer = await firstAccount(access);
    if (payer.address !== safe.executor) {
      throw new LifeboatError(
        'signer-mismatch',
        `This sweep is sent and paid for by ${safe.executor}; bring the card or wallet of that account.`,
        { expected: safe.executor, offered: payer.address },
      );
    }
    const signer = await access.signer(payer);
    const stop = new AbortController();
    const done = runSweep(caseId, {
      store: this.cases.store,
      connect: (network) => this.context.connect(network.id),
      signer: async () => signer,
      onEvent,
      signal: stop.signal,
      ...(this.context.deps.pollMs === undefined ? {} : { pollMs: this.context.deps.pollMs }),
      ...(this.context.deps.pendingTimeoutMs === undefined
        ? {}
        : { pendingTimeoutMs: this.context.deps.pendingTimeoutMs }),
    }).finally(() => this.running.delete(caseId));
    this.running.set(caseId, { stop, done });
    return { caseId, done };
  }

  /** Pauses running sweeps at their next safe point and waits for them. */
  async stop(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.stop.abort();
    await Promise.allSettled(runs.map((r) => r.done));
  }

  private safeOfRecord(record: CaseRecord): SafeCaseRecord {
    if (!record.safe) {
      throw new LifeboatError('invalid-request', 'That case does not empty a Safe.', {
        caseId: record.caseId,
      });
    }
    return record.safe;
  }

  private async destinationOf(destination: Destination): Promise<string> {
    if (destination.kind === 'address') {
      let address: string;
      try {
        address = getAddress(destination.address.trim());
      } catch {
        throw new LifeboatError('invalid-address', undefined, { field: 'destination' });
      }
      assertRecipient(address, [], 'destination');
      return address;
    }
    return (await firstAccount(await this.context.access(destination))).address;
  }
}

/** The owners who signed every step still to be sent, in the order they first signed. */
function signaturesOf(record: CaseRecord): SafeSignatures {
  const safe = record.safe!;
  const hashes = record.plan.steps
    .filter((s) => s.safe && record.steps[s.index]!.state === 'planned')
    .map((s) => s.safe!.hash);
  const signed = [...new Set(safe.signatures.map((s) => s.owner))].filter((owner) =>
    hashes.every((hash) => safe.signatures.some((s) => s.hash === hash && s.owner === owner)),
  );
  return { signed, needed: safe.threshold, owners: safe.owners };
}
