import { ERROR_HELP } from '../../preload/errors';
import { useLive } from '../app/LiveContext';
import { t } from '../i18n/t';
import { READER_STATE } from './card-words';
import { ServiceGuidance } from './ServiceGuidance';

interface ReaderChoiceProps {
  /** What to insert, e.g. "Insert the old card". */
  instruction: string;
  /** Readers holding a card that is already used in this job. */
  excludeReaders: readonly string[];
  busy: boolean;
  onChoose: (reader: string) => void;
}

/** The readers with their cards; choosing one opens its card. Updates live as cards move. */
export function ReaderChoice({ instruction, excludeReaders, busy, onChoose }: ReaderChoiceProps) {
  const { readers } = useLive();
  const usable = (readers?.readers ?? []).filter((r) => !excludeReaders.includes(r.name));
  const withCard = usable.filter((r) => r.state === 'card-present' || r.state === 'connected');
  return (
    <div className="stack">
      <p>{instruction}</p>
      <ServiceGuidance snapshot={readers} />
      {readers?.state === 'ready' && (
        <>
          <ul className="reader-list">
            {usable.map((reader) => {
              const hasCard = reader.state === 'card-present' || reader.state === 'connected';
              return (
                <li key={reader.name} className="reader-item">
                  <span className="reader-name">{reader.name}</span>
                  <span className="reader-state">
                    {t(READER_STATE[reader.state])}
                    {reader.error ? ` — ${ERROR_HELP[reader.error]}` : ''}
                  </span>
                  <button
                    type="button"
                    disabled={!hasCard || busy}
                    onClick={() => onChoose(reader.name)}
                    aria-label={t('connect.useCardIn', { reader: reader.name })}
                  >
                    {t('connect.useCard')}
                  </button>
                </li>
              );
            })}
          </ul>
          {excludeReaders.length > 0 && (
            <p className="hint">{t('connect.excluded', { readers: excludeReaders.join(', ') })}</p>
          )}
          <p role="status" className="hint">
            {withCard.length === 0 ? t('connect.waitingForCard') : ''}
          </p>
        </>
      )}
    </div>
  );
}
