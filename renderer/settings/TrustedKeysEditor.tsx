import { useId, useState, type FormEvent } from 'react';
import type { CardFamily } from '../../preload/api';
import { FieldProblem } from '../components/FieldProblem';
import { t, type MessageKey } from '../i18n/t';
import { isCaKey } from './settings-draft';

/** What each built-in key is, by the card family whose authority it is. */
const BUILT_IN: Record<CardFamily, MessageKey> = {
  keycard: 'settings.builtInCaKey',
  satochip: 'settings.builtInSatochipKey',
  seedkeeper: 'settings.builtInSeedkeeperKey',
};

interface TrustedKeysEditorProps {
  /** Trusted whatever the settings say; shown, never removable. */
  builtIn: readonly { family: CardFamily; key: string }[];
  /** The keys the person added. */
  keys: readonly string[];
  onAdd: (key: string) => void;
  onRemove: (key: string) => void;
}

/** The attestation CA keys whose certificates make a card count as genuine. */
export function TrustedKeysEditor({ builtIn, keys, onAdd, onRemove }: TrustedKeysEditorProps) {
  const id = useId();
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isCaKey(key)) return setProblem('settings.badCaKey');
    if (builtIn.some((b) => b.key === key.trim().toLowerCase()))
      return setProblem('settings.caKeyBuiltIn');
    setProblem(null);
    onAdd(key);
    setKey('');
  };
  return (
    <div className="stack">
      {builtIn.length > 0 && (
        <ul className="key-list" aria-label={t('settings.builtInCaKeys')}>
          {builtIn.map(({ family, key: k }) => (
            <li key={k}>
              <code className="hex">{k}</code> {t(BUILT_IN[family])}
            </li>
          ))}
        </ul>
      )}
      {keys.length === 0 ? (
        <p>{t('settings.noCaKeys')}</p>
      ) : (
        <ul className="key-list" aria-label={t('settings.addedCaKeys')}>
          {keys.map((k) => (
            <li key={k}>
              <code className="hex">{k}</code>{' '}
              <button
                type="button"
                className="link"
                onClick={() => onRemove(k)}
                aria-label={t('settings.removeCaKey', { key: `${k.slice(0, 10)}…` })}
              >
                {t('settings.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="stack" onSubmit={submit} noValidate>
        <label htmlFor={`${id}-key`}>{t('settings.caKey')}</label>
        <input
          id={`${id}-key`}
          className="mono"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        <FieldProblem problem={problem} />
        <button type="submit">{t('settings.addCaKey')}</button>
      </form>
    </div>
  );
}
