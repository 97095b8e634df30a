import type { MessageKey } from '../i18n/t';
import type { ScreenName } from './screens';

/** The window title of each screen. */
export const SCREEN_TITLE: Record<ScreenName, MessageKey> = {
  home: 'home.title',
  restore: 'restore.title',
  sweep: 'sweep.title',
  resume: 'resume.title',
  rebuild: 'rebuild.title',
  load: 'load.title',
  drills: 'drills.title',
  survive: 'survive.title',
  safe: 'safe.title',
  tools: 'tools.title',
  settings: 'settings.title',
  networks: 'networks.title',
};
