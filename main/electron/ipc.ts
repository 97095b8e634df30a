// Wires the pure dispatcher to Electron: one `ipcMain.handle` per invoke channel, each
// checking that the request comes from our own page's main frame before anything else.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Result } from '../../preload/api';
import { ERROR_HELP } from '../../preload/errors';
import type { Dispatcher } from '../ipc/dispatcher';
import type { EventSink } from '../ipc/events';
import { isAppUrl } from './app-protocol';

interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** Our origin and the top frame only: never a subframe, a navigated page or a dead frame. */
export function isTrustedFrame(frame: FrameLike | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

const FORBIDDEN: Result<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'forbidden-sender', message: ERROR_HELP['forbidden-sender'] }),
});

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatcher: Dispatcher,
): () => void {
  for (const channel of dispatcher.channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) =>
      isTrustedFrame(event.senderFrame) ? dispatcher.dispatch(channel, payload) : FORBIDDEN,
    );
  }
  return () => {
    for (const channel of dispatcher.channels) ipcMain.removeHandler(channel);
  };
}

/** Fans main's events out to the window while it lives. */
export function sendEventsTo(contents: Pick<WebContents, 'send' | 'isDestroyed'>): EventSink {
  return (channel, payload) => {
    if (!contents.isDestroyed()) contents.send(channel, payload);
  };
}
