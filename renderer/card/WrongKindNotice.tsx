import type { CardSessionView } from '../../preload/api';
import { StepHeading } from '../components/StepHeading';
import { t, type MessageKey } from '../i18n/t';
import { familyText, type CardKind } from './card-words';
import type { CardPurpose } from './connect-steps';

interface WrongKindNoticeProps {
  session: CardSessionView;
  wanted: CardKind;
  purpose: CardPurpose;
  onRebuild: () => void;
}

/**
 * A backup card where a wallet card is wanted, or the reverse, named for what it is. The way
 * on to "rebuild from this backup card" is offered only when the card has been set up: a
 * blank backup card keeps nothing to rebuild from.
 */
export function WrongKindNotice({ session, wanted, purpose, onRebuild }: WrongKindNoticeProps) {
  const canRebuild = wanted === 'wallet' && purpose === 'source' && session.info.initialized;
  return (
    <>
      <StepHeading>
        {t(wanted === 'wallet' ? 'connect.backupCardTitle' : 'connect.walletCardTitle')}
      </StepHeading>
      <p>{t(wrongKindHelp(wanted, purpose, session), { card: familyText(session.info) })}</p>
      {canRebuild && (
        <button type="button" onClick={onRebuild}>
          {t('connect.toRebuildFromCard')}
        </button>
      )}
    </>
  );
}

/** Why a card of the other kind will not do, in the words of the job. */
function wrongKindHelp(
  wanted: CardKind,
  purpose: CardPurpose,
  session: CardSessionView,
): MessageKey {
  if (wanted === 'backup') return 'connect.walletCardHelp';
  if (purpose === 'new-card') return 'connect.backupCardNewHelp';
  return session.info.initialized ? 'connect.backupCardHelp' : 'connect.blankBackupCardHelp';
}
