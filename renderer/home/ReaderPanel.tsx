import type { ApiError, CardSessionView, ReaderView } from '../../preload/api';
import { ERROR_HELP } from '../../preload/errors';
import {
  cardStateKey,
  cardTypeText,
  READER_STATE,
  VERDICT,
  VERDICT_TONE,
} from '../card/card-words';
import { errorText } from '../components/error-text';
import { t } from '../i18n/t';

interface ReaderPanelProps {
  reader: ReaderView;
  session?: CardSessionView;
  problem?: ApiError;
}

function readerProblem(problem: ApiError): string {
  const { title, help } = errorText(problem);
  return help ? `${title} ${help}` : title;
}

/** One reader and the card in it, in plain words. */
export function ReaderPanel({ reader, session, problem }: ReaderPanelProps) {
  const verdict = session?.attestation?.verdict;
  return (
    <li className="reader-panel">
      <h3>{reader.name}</h3>
      <p>{t(READER_STATE[reader.state])}</p>
      {reader.error && <p className="tone-bad">{ERROR_HELP[reader.error]}</p>}
      {problem && <p className="tone-bad">{readerProblem(problem)}</p>}
      {session && (
        <dl className="facts">
          <dt>{t('card.type')}</dt>
          <dd>{cardTypeText(session)}</dd>
          <dt>{t('card.state')}</dt>
          <dd>{t(cardStateKey(session))}</dd>
          <dt>{t('card.genuine')}</dt>
          <dd className={verdict ? `tone-${VERDICT_TONE[verdict]}` : undefined}>
            {verdict ? t(VERDICT[verdict]) : t('card.checking')}
          </dd>
          <dt>{t('card.pinTries')}</dt>
          <dd>
            {session.status
              ? t('card.triesOf', { count: session.status.pinTries })
              : t(session.info.rules.pairing ? 'card.triesAfterPairing' : 'card.triesAfterOpening')}
          </dd>
        </dl>
      )}
    </li>
  );
}
