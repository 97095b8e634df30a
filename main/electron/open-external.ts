// The one way a link leaves the app: to the person's own browser, and only as https. The
// window itself never navigates (see harden.ts); main builds every link it opens.
import type { Shell } from 'electron';
import { LifeboatError } from '../errors';

export function externalOpener(shell: Pick<Shell, 'openExternal'>): (url: string) => Promise<void> {
  return async (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new LifeboatError('explorer-not-configured');
    }
    if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') {
      throw new LifeboatError('explorer-not-configured');
    }
    await shell.openExternal(parsed.href);
  };
}
