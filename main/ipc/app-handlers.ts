// window.lifeboat.app, .readers and .settings: thin reads and writes of main's state.
import type { AppInfo } from '../../preload/api';
import type { Readers } from '../cards/readers';
import type { SettingsStore } from '../settings';
import type { Handlers } from './contract';

export function appHandlers(info: AppInfo): Handlers['app'] {
  return { info: async () => ({ ...info }) };
}

export function readerHandlers(readers: Readers): Handlers['readers'] {
  return { list: async () => readers.snapshot() };
}

export function settingsHandlers(settings: SettingsStore): Handlers['settings'] {
  return {
    get: async () => settings.get(),
    save: async (next) => settings.save(next),
  };
}
