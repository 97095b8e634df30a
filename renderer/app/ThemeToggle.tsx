import { useEffect, useState } from 'react';
import type { Theme } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { t } from '../i18n/t';
import { useApp } from './AppContext';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme in use: the person's choice, or the computer's when the choice is "system". */
export function effectiveTheme(choice: Theme, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

function useSystemDark(): boolean {
  const [dark, setDark] = useState(() => window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(DARK_QUERY);
    const changed = () => setDark(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return dark;
}

/**
 * Applies the theme to the page and offers the switch in the header; the choice is saved in
 * the settings, so it holds on the next start.
 */
export function ThemeToggle() {
  const { settings, setSettings } = useApp();
  const systemDark = useSystemDark();
  const choice = settings?.preferences.theme ?? 'system';
  const theme = effectiveTheme(choice, systemDark);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const toggle = async () => {
    if (!settings) return;
    const next = theme === 'dark' ? 'light' : 'dark';
    // Back to following the computer when that gives the wanted theme.
    const stored: Theme = effectiveTheme('system', systemDark) === next ? 'system' : next;
    const result = await lifeboat().settings.save({
      ...settings,
      preferences: { ...settings.preferences, theme: stored },
    });
    if (result.ok) setSettings(result.value);
  };

  return (
    <button
      type="button"
      className="theme-toggle"
      aria-pressed={theme === 'dark'}
      disabled={!settings}
      onClick={() => void toggle()}
    >
      {t('theme.dark')}
    </button>
  );
}
