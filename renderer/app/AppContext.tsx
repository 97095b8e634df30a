// What the whole console shares: the current screen, the rebuilt secrets held in main (by
// id and fingerprint only) and the settings.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SecretView, Settings } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import type { Screen } from './screens';

export interface AppState {
  screen: Screen;
  /** Counts screen changes, so going to the same screen again starts it afresh. */
  visit: number;
  go: (screen: Screen) => void;
  /** Rebuilt secrets main still holds, newest last. */
  secrets: SecretView[];
  holdSecret: (secret: SecretView) => void;
  releaseSecret: (secretId: string) => Promise<void>;
  /** Null until loaded. */
  settings: Settings | null;
  setSettings: (settings: Settings) => void;
}

const AppContext = createContext<AppState | null>(null);

export function AppProvider({ children }: { children: ReactNode }) {
  const [nav, setNav] = useState<{ screen: Screen; visit: number }>({
    screen: { name: 'home' },
    visit: 0,
  });
  const [secrets, setSecrets] = useState<SecretView[]>([]);
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    const api = lifeboat();
    let current = true;
    const stop = api.secrets.watch((event) => {
      if (event.type === 'secret-released') {
        setSecrets((list) => list.filter((s) => s.secretId !== event.secretId));
      }
    });
    // After a reload, the secrets main still keeps are the console's again.
    void api.secrets.list().then((result) => {
      if (current && result.ok) setSecrets(result.value);
    });
    void api.settings.get().then((result) => {
      if (!current || !result.ok) return;
      setSettings(result.value);
      // The first run asks for networks before anything else: nothing works on chain without
      // one, and nothing is contacted until the person chooses.
      if (isFirstRun(result.value)) {
        setNav((now) => ({ screen: { name: 'networks', firstRun: true }, visit: now.visit + 1 }));
      }
    });
    return () => {
      current = false;
      stop();
    };
  }, []);

  const state: AppState = {
    screen: nav.screen,
    visit: nav.visit,
    go: (screen) => setNav((current) => ({ screen, visit: current.visit + 1 })),
    secrets,
    holdSecret: (secret) =>
      setSecrets((list) => [...list.filter((s) => s.secretId !== secret.secretId), secret]),
    releaseSecret: async (secretId) => {
      await lifeboat().secrets.release({ secretId });
      setSecrets((list) => list.filter((s) => s.secretId !== secretId));
    },
    settings,
    setSettings,
  };
  return <AppContext value={state}>{children}</AppContext>;
}

/** No network chosen yet, and the choice was never put off. */
export function isFirstRun(settings: Settings): boolean {
  return settings.preferences.networksChosen !== true && !settings.networks.some((n) => n.enabled);
}

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside AppProvider');
  return state;
}
