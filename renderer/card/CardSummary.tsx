import type { CardSessionView } from '../../preload/api';
import { groupsOf } from '../format/address';
import { t } from '../i18n/t';
import { cardStateKey, cardTypeText, VERDICT } from './card-words';

/** What the card is, in plain words: type, state, authenticity, tries left. */
export function CardSummary({ session }: { session: CardSessionView }) {
  return (
    <dl className="facts card-summary">
      <dt>{t('card.type')}</dt>
      <dd>{cardTypeText(session)}</dd>
      <dt>{t('card.state')}</dt>
      <dd>{t(cardStateKey(session))}</dd>
      <dt>{t('card.genuine')}</dt>
      <dd>
        {session.attestation ? t(VERDICT[session.attestation.verdict]) : t('card.notChecked')}
      </dd>
      {session.status && (
        <>
          <dt>{t('card.pinTries')}</dt>
          <dd>{session.status.pinTries}</dd>
          <dt>{t('card.pukTries')}</dt>
          <dd>{session.status.pukTries}</dd>
        </>
      )}
      {session.info.keyUid && (
        <>
          <dt>{t('card.fingerprint')}</dt>
          <dd>
            <code className="hex">{groupsOf(session.info.keyUid, 4).join(' ')}</code>
          </dd>
        </>
      )}
      <dt>{t('card.unlocked')}</dt>
      <dd>{t(session.unlocked ? 'common.yes' : 'common.no')}</dd>
    </dl>
  );
}
