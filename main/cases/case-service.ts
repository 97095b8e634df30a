// Recovery cases as the rest of main uses them: create one from a confirmed plan (persisted
// before anything is signed), run or resume it with the signers at hand, list the unfinished
// ones, and read status and reports. Plain data in and out, ready for IPC and the CLI.
import type { CaseView, SweepEvent, SweepReport } from '../../preload/api';
import type { ChainConnection } from '../chain/connection';
import type { TxSigner } from '../chain/signer';
import type { NetworkRef, PlanStep, SweepPlan } from '../chain/sweep-plan';
import { LifeboatError, isLifeboatError } from '../errors';
import { CASE_FORMAT, type CaseRecord, type Scanned } from './case-record';
import { runCase } from './case-runner';
import { CaseStore } from './case-store';
import { caseReport, caseView } from './case-views';

export interface CaseStart {
  plan: SweepPlan;
  planId: string;
  planCreatedAt: string;
  source: CaseRecord['source'];
  destination: CaseRecord['destination'];
  scanned: Scanned;
  /** Blocks that make a step final (default 1: included). */
  confirmations?: number;
}

/** Gives the signer of a step's sender: the source account, or the destination (top-up). */
export type SignerFactory = (step: PlanStep) => Promise<TxSigner>;

export interface CaseServiceOptions {
  dataDir: string;
  /** Opens a checked connection to a network of a case (its RPC URLs come from settings). */
  connect(network: NetworkRef): Promise<ChainConnection>;
  pollMs?: number;
  pendingTimeoutMs?: number;
}

export class CaseService {
  readonly store: CaseStore;

  constructor(private readonly options: CaseServiceOptions) {
    this.store = new CaseStore(options.dataDir);
  }

  /** Writes the case to disk; nothing has been signed yet. */
  create(start: CaseStart): CaseRecord {
    if (start.plan.steps.length === 0) throw new LifeboatError('nothing-to-move');
    const now = new Date();
    const record: CaseRecord = {
      format: CASE_FORMAT,
      caseId: CaseStore.newCaseId(now),
      planId: start.planId,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      state: 'paused',
      plan: start.plan,
      planCreatedAt: start.planCreatedAt,
      source: start.source,
      destination: start.destination,
      scanned: start.scanned,
      confirmations: start.confirmations ?? 1,
      steps: start.plan.steps.map((s) => ({ index: s.index, state: 'planned', attempts: [] })),
    };
    this.store.create(record);
    this.store.log(record.caseId, {
      event: 'created',
      planId: start.planId,
      steps: start.plan.steps.length,
    });
    return record;
  }

  /**
   * Runs (or resumes) a case to its end or to the next pause. Resolves with the record;
   * a pause is a state, not a thrown error, and the events say why.
   */
  async run(
    caseId: string,
    signer: SignerFactory,
    onEvent: (event: SweepEvent) => void = () => {},
    signal?: AbortSignal,
  ): Promise<CaseRecord> {
    const record = this.store.load(caseId);
    const connections = new Map<string, ChainConnection>();
    try {
      for (const network of record.plan.networks) {
        connections.set(network.id, await this.options.connect(network));
      }
    } catch (error) {
      for (const c of connections.values()) c.close();
      if (!isLifeboatError(error)) throw error;
      // The network is unreachable or refused: the case stays as it was, paused.
      this.store.log(caseId, { event: 'not-started', code: error.code });
      onEvent({ type: 'paused', caseId, error: { code: error.code, message: error.message } });
      return record;
    }
    try {
      return await runCase(caseId, {
        store: this.store,
        connection: (id) => {
          const c = connections.get(id);
          if (!c) throw new LifeboatError('case-corrupt', undefined, { caseId });
          return c;
        },
        signer: (step) => signer(step),
        onEvent,
        ...(signal === undefined ? {} : { signal }),
        ...(this.options.pollMs === undefined ? {} : { pollMs: this.options.pollMs }),
        ...(this.options.pendingTimeoutMs === undefined
          ? {}
          : { pendingTimeoutMs: this.options.pendingTimeoutMs }),
      });
    } finally {
      for (const c of connections.values()) c.close();
    }
  }

  /**
   * Raises the fee cap of every network of a case whose cap is lower: the person accepted a
   * higher fee to continue. Never lowers a cap, and never touches a running case.
   */
  raiseFeeCap(caseId: string, cap: bigint): CaseRecord {
    const lock = this.store.lock(caseId);
    try {
      const record = this.store.load(caseId);
      const raised = record.plan.fees.filter((f) => f.cap < cap);
      if (raised.length === 0) return record;
      for (const fee of raised) {
        this.store.log(caseId, {
          event: 'cap-raised',
          network: fee.networkId,
          from: fee.cap.toString(),
          to: cap.toString(),
        });
        fee.cap = cap;
      }
      record.updatedAt = new Date().toISOString();
      lock.assertHeld();
      this.store.save(record);
      return record;
    } finally {
      lock.release();
    }
  }

  load(caseId: string): CaseRecord {
    return this.store.load(caseId);
  }

  status(caseId: string): CaseView {
    return caseView(this.store.load(caseId));
  }

  /** Cases that still have steps to do (paused, or interrupted while running). */
  unfinished(): CaseView[] {
    return this.store.ids().flatMap((id) => {
      try {
        const record = this.store.load(id);
        return record.state === 'running' || record.state === 'paused' ? [caseView(record)] : [];
      } catch (error) {
        if (isLifeboatError(error, 'case-corrupt')) return [];
        throw error;
      }
    });
  }

  report(caseId: string): SweepReport {
    return caseReport(this.store.load(caseId));
  }
}
