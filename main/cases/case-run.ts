// One run of a recovery case, from "running" to finished, failed or paused: the case is
// locked to this process, its steps are driven by the persisted step loop through the
// driver of its chain family, every balance it touched is read back, and the report is
// written. A pause is a state, not a thrown error; the events say why.
import type { SweepEvent } from '../../preload/api';
import type { ErrorCode } from '../../preload/errors';
import type { AttemptReason } from '../chain/evm/step-driver';
import { LifeboatError, toErrorData } from '../errors';
import type { Attempt, CaseRecord, Inclusion, VerifiedAsset } from './case-record';
import type { CaseStore } from './case-store';
import { caseReport, stepView } from './case-views';
import { runSteps, type StepDriver } from './step-loop';

export interface CaseRunDeps {
  store: CaseStore;
  /** The driver of the case's steps, made for the record as it was loaded. */
  driver(record: CaseRecord): StepDriver<Attempt, Inclusion, AttemptReason>;
  /** Reads back every balance the plan touched. */
  verify(record: CaseRecord): Promise<VerifiedAsset[]>;
  onEvent?: (event: SweepEvent) => void;
  /** How often to look for receipts and base-fee changes. */
  pollMs?: number;
  /** How long to wait for an included transaction before pausing with `tx-pending`. */
  pendingTimeoutMs?: number;
  /** False: one step at a time, each to the end (the order before pipelining). */
  parallel?: boolean;
  /** Pauses the case at the next safe point (every point between two saves is one). */
  signal?: AbortSignal;
}

/** Half a block of the fast chains (2 s): an inclusion is seen in time for the next block. */
const DEFAULT_POLL_MS = 1000;
const DEFAULT_PENDING_TIMEOUT_MS = 15 * 60_000;

/** Failures that end a case for good; everything else pauses it for a resume. */
const FATAL: ReadonlySet<ErrorCode> = new Set(['nonce-conflict', 'safe-nonce-conflict']);

export async function runCase(caseId: string, deps: CaseRunDeps): Promise<CaseRecord> {
  const { store } = deps;
  const lock = store.lock(caseId);
  try {
    const record = store.load(caseId);
    if (record.state === 'finished' || record.state === 'failed') {
      throw new LifeboatError('case-finished', undefined, { caseId });
    }
    const persist = () => {
      lock.assertHeld();
      record.updatedAt = new Date().toISOString();
      store.save(record);
    };
    record.state = 'running';
    delete record.stopped;
    persist();
    store.log(caseId, { event: 'run' });
    try {
      await runSteps(record.steps, deps.driver(record), {
        commit: (step, details) => {
          persist();
          store.log(caseId, { event: step.state, step: step.index, ...details });
          deps.onEvent?.({ type: 'step', caseId, step: stepView(step) });
        },
        confirmations: record.confirmations,
        pollMs: deps.pollMs ?? DEFAULT_POLL_MS,
        pendingTimeoutMs: deps.pendingTimeoutMs ?? DEFAULT_PENDING_TIMEOUT_MS,
        parallel: deps.parallel ?? true,
        ...(deps.signal === undefined ? {} : { signal: deps.signal }),
      });
      record.verification = { at: new Date().toISOString(), assets: await deps.verify(record) };
      const failed = record.steps.some((s) => s.state === 'failed');
      record.state = failed ? 'failed' : 'finished';
      record.finishedAt = new Date().toISOString();
      persist();
      store.log(caseId, { event: record.state });
      const report = caseReport(record);
      store.writeReport(caseId, report, report.text);
      deps.onEvent?.({ type: 'finished', caseId, report });
      return record;
    } catch (error) {
      const data = toErrorData(error);
      record.stopped = {
        code: data.code,
        message: data.message,
        at: new Date().toISOString(),
        ...(data.details === undefined ? {} : { details: data.details }),
      };
      record.state = FATAL.has(data.code) ? 'failed' : 'paused';
      persist();
      store.log(caseId, { event: record.state, code: data.code });
      deps.onEvent?.({
        type: record.state === 'failed' ? 'failed' : 'paused',
        caseId,
        error: data,
      });
      return record;
    }
  } finally {
    lock.release();
  }
}
