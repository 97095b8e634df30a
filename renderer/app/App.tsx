import { useEffect } from 'react';
import { t } from '../i18n/t';
import { ThemeToggle } from './ThemeToggle';
import { AppProvider, useApp } from './AppContext';
import { LiveProvider } from './LiveContext';
import type { Screen, ScreenName } from './screens';
import { SCREEN_TITLE } from './screen-titles';
import { ScreenView } from './ScreenView';

const NAV: readonly { screen: Screen; label: Parameters<typeof t>[0] }[] = [
  { screen: { name: 'home' }, label: 'nav.home' },
  { screen: { name: 'tools' }, label: 'nav.tools' },
  { screen: { name: 'networks' }, label: 'nav.networks' },
  { screen: { name: 'settings' }, label: 'nav.settings' },
];

function Shell() {
  const { screen, visit, go } = useApp();
  const current: ScreenName = screen.name;

  useEffect(() => {
    document.title = `${t(SCREEN_TITLE[current])} — ${t('app.name')}`;
  }, [current]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <p className="app-name">{t('app.name')}</p>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAV.map((item) => (
              <li key={item.screen.name}>
                <button
                  type="button"
                  aria-current={current === item.screen.name ? 'page' : undefined}
                  onClick={() => go(item.screen)}
                >
                  {t(item.label)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <ThemeToggle />
      </header>
      <main id="main" tabIndex={-1}>
        <ScreenView key={visit} screen={screen} />
      </main>
      <footer className="app-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

/** The console: live readers and cards, shared state, and the current screen. */
export function App() {
  return (
    <LiveProvider>
      <AppProvider>
        <Shell />
      </AppProvider>
    </LiveProvider>
  );
}
