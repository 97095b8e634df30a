import type { StepState, SweepStepView } from '../../preload/api';
import type { MessageKey } from '../i18n/t';

export const STEP_KIND: Record<SweepStepView['kind'], MessageKey> = {
  token: 'step.token',
  native: 'step.native',
  'top-up': 'step.topUp',
};

export const STEP_STATE: Record<StepState, MessageKey> = {
  planned: 'stepState.planned',
  signed: 'stepState.signed',
  broadcast: 'stepState.broadcast',
  included: 'stepState.included',
  confirmed: 'stepState.confirmed',
  replaced: 'stepState.replaced',
  failed: 'stepState.failed',
};
