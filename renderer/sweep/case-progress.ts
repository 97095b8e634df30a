// The live state of a running sweep case, built from the case as main last reported it and
// the events since. Events and status answers can arrive in either order, so a step only
// ever moves forward.
import type {
  ApiError,
  CaseStepView,
  CaseView,
  StepState,
  SweepEvent,
  SweepPlanView,
  SweepReport,
} from '../../preload/api';

export type RunPhase = 'running' | 'paused' | 'finished' | 'failed';

export interface RunState {
  caseId: string;
  phase: RunPhase;
  steps: CaseStepView[];
  /** Why the case paused or failed. */
  error?: ApiError;
  report?: SweepReport;
  /** The step that changed last, for the spoken summary. */
  lastStep?: number;
}

const RANK: Record<StepState, number> = {
  planned: 0,
  signed: 1,
  broadcast: 2,
  replaced: 2,
  included: 3,
  confirmed: 4,
  failed: 5,
};

/** A case whose every step is still planned. */
export function plannedRun(caseId: string, plan: SweepPlanView): RunState {
  return {
    caseId,
    phase: 'running',
    steps: plan.steps.map((step) => ({ index: step.index, state: 'planned' })),
  };
}

export function runFromCase(view: CaseView): RunState {
  return mergeCase(plannedRun(view.caseId, view.plan), view);
}

/**
 * The steps with `step` applied if it does not move backwards. An event is newer than what
 * is known, so it also wins a tie (e.g. `replaced` after `broadcast`); a status answer may be
 * older than the events already seen, so it must be strictly ahead.
 */
function withStep(steps: readonly CaseStepView[], step: CaseStepView, isEvent: boolean) {
  let changed = false;
  const next = steps.map((current) => {
    if (current.index !== step.index) return current;
    const ahead = isEvent
      ? RANK[step.state] >= RANK[current.state]
      : RANK[step.state] > RANK[current.state];
    if (!ahead) return current;
    changed = true;
    return step;
  });
  return { steps: next, changed };
}

export function applySweepEvent(state: RunState, event: SweepEvent): RunState {
  if (event.caseId !== state.caseId) return state;
  switch (event.type) {
    case 'step': {
      const { steps, changed } = withStep(state.steps, event.step, true);
      return changed ? { ...state, steps, lastStep: event.step.index } : state;
    }
    case 'paused':
      return state.phase === 'finished' ? state : { ...state, phase: 'paused', error: event.error };
    case 'failed':
      return { ...state, phase: 'failed', error: event.error };
    case 'finished':
      return { ...state, phase: 'finished', report: event.report, error: undefined };
  }
}

/** Reconciles with a status answer: steps only move forward, a finished case stays finished. */
export function mergeCase(state: RunState, view: CaseView): RunState {
  if (view.caseId !== state.caseId) return state;
  let steps = state.steps;
  for (const step of view.steps) steps = withStep(steps, step, false).steps;
  const phase = state.phase === 'finished' || state.phase === 'failed' ? state.phase : view.state;
  const error =
    state.error ?? (phase === 'paused' || phase === 'failed' ? view.stopped : undefined);
  return { ...state, steps, phase, ...(error === undefined ? {} : { error }) };
}

/**
 * Steps that are on chain (included or confirmed). A finished case has carried out every step,
 * even when the events of its last steps did not reach the console.
 */
export function stepsDone(state: RunState): number {
  if (state.phase === 'finished') return state.steps.length;
  return state.steps.filter((s) => s.state === 'included' || s.state === 'confirmed').length;
}

/** Marks the case running again after a successful resume. */
export function resumed(state: RunState): RunState {
  return { ...state, phase: 'running', error: undefined };
}
