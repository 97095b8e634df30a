import { useId } from 'react';
import type { Preferences, Theme } from '../../preload/api';
import { t, type MessageKey } from '../i18n/t';

const THEMES: readonly { theme: Theme; label: MessageKey }[] = [
  { theme: 'system', label: 'settings.themeSystem' },
  { theme: 'light', label: 'settings.themeLight' },
  { theme: 'dark', label: 'settings.themeDark' },
];

/** Values in dollars (off until turned on) and the light or dark theme. */
export function DisplayEditor({
  preferences,
  onChange,
}: {
  preferences: Preferences;
  onChange: (preferences: Preferences) => void;
}) {
  const id = useId();
  return (
    <div className="stack">
      <div className="checkbox">
        <input
          id={`${id}-values`}
          type="checkbox"
          checked={preferences.showValues === true}
          aria-describedby={`${id}-values-hint`}
          onChange={(e) => onChange({ ...preferences, showValues: e.target.checked })}
        />
        <label htmlFor={`${id}-values`}>{t('settings.showValues')}</label>
      </div>
      <p id={`${id}-values-hint`} className="hint">
        {t('settings.showValuesHint')}
      </p>
      <label htmlFor={`${id}-theme`}>{t('settings.theme')}</label>
      <select
        id={`${id}-theme`}
        value={preferences.theme ?? 'system'}
        onChange={(e) => onChange({ ...preferences, theme: e.target.value as Theme })}
      >
        {THEMES.map(({ theme, label }) => (
          <option key={theme} value={theme}>
            {t(label)}
          </option>
        ))}
      </select>
    </div>
  );
}
