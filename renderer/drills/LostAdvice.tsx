import type { LostAdvice as Advice } from '../../preload/api';
import { StepHeading } from '../components/StepHeading';
import { t, type MessageKey } from '../i18n/t';
import type { RepairKind } from './RepairCopies';

const SWEEP_TEXT: Record<Extract<Advice, { action: 'sweep' }>['reason'], MessageKey> = {
  'could-be-opened': 'lost.sweepCouldBeOpened',
  'no-other-copy': 'lost.sweepNoOtherCopy',
  'finder-can-rebuild': 'lost.sweepFinderCanRebuild',
  'too-few-shares': 'lost.sweepTooFewShares',
};

/** The advice main gave, in plain words. */
export function adviceKey(advice: Advice): MessageKey {
  switch (advice.action) {
    case 'repair':
      return advice.from.length > 1
        ? 'lost.repairFromBoth'
        : advice.from[0] === 'shares'
          ? 'lost.repairFromShares'
          : 'lost.repairFromPhrase';
    case 'reshare':
      return 'lost.reshare';
    case 'sweep':
      return SWEEP_TEXT[advice.reason];
  }
}

interface LostAdviceProps {
  advice: Advice;
  onRepair: (kind: RepairKind) => void;
  onSweep: () => void;
  onBack: () => void;
}

/** What to do once a copy is lost: make new copies, or move the money. */
export function LostAdvice({ advice, onRepair, onSweep, onBack }: LostAdviceProps) {
  return (
    <section className="stack">
      <StepHeading>{t('lost.adviceTitle')}</StepHeading>
      <p>{t('lost.marked')}</p>
      <p className={advice.action === 'sweep' ? 'notice notice-warning' : undefined}>
        {t(adviceKey(advice))}
      </p>
      <div className="actions">
        {advice.action === 'repair' && (
          <button type="button" className="primary" onClick={() => onRepair('card')}>
            {t('lost.repair')}
          </button>
        )}
        {advice.action === 'reshare' && (
          <button type="button" className="primary" onClick={() => onRepair('shares')}>
            {t('lost.reshareButton')}
          </button>
        )}
        {advice.action === 'sweep' && (
          <button type="button" className="primary" onClick={onSweep}>
            {t('lost.sweep')}
          </button>
        )}
        <button type="button" onClick={onBack}>
          {t('drills.backToList')}
        </button>
      </div>
    </section>
  );
}
