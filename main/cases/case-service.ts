// Recovery cases as the rest of main uses them: create one from a confirmed plan (persisted
// before anything is signed), raise its fee cap when the person accepts a higher one, list
// the unfinished ones, and read status and reports. Running a case is case-run.ts.
import type { CaseView, SweepReport } from '../../preload/api';
import type { SweepPlan } from '../chain/sweep-plan';
import { LifeboatError, isLifeboatError } from '../errors';
import { CASE_FORMAT, type CaseRecord, type SafeCaseRecord, type Scanned } from './case-record';
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
  /** A Safe sweep: the Safe as planned, before any owner has signed. */
  safe?: SafeCaseRecord;
}

export interface CaseServiceOptions {
  dataDir: string;
}

export class CaseService {
  readonly store: CaseStore;

  constructor(options: CaseServiceOptions) {
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
      ...(start.safe === undefined ? {} : { safe: start.safe }),
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
