import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { isTrustedFrame, registerIpc, sendEventsTo } from '../../../main/electron/ipc';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import { INPUT_SCHEMAS } from '../../../main/ipc/schemas';
import { scriptedHandlers } from '../ipc/scripted-handlers';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
}

const MAIN_FRAME = { url: 'app://lifeboat/index.html', parent: null };

function eventFrom(frame: unknown): IpcMainInvokeEvent {
  return { senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

describe('isTrustedFrame', () => {
  it('trusts only the main frame of our own app:// page', () => {
    expect(isTrustedFrame(MAIN_FRAME)).toBe(true);
    expect(isTrustedFrame({ url: 'app://lifeboat/', parent: null })).toBe(true);
    expect(isTrustedFrame(null)).toBe(false);
    expect(isTrustedFrame(undefined)).toBe(false);
    expect(isTrustedFrame({ ...MAIN_FRAME, parent: MAIN_FRAME })).toBe(false);
    for (const url of [
      'https://evil.example/',
      'file:///opt/lifeboat/index.html',
      'app://evil/index.html',
      'app://lifeboat.evil/index.html',
      'devtools://devtools/x',
      'about:blank',
      '',
    ]) {
      expect(isTrustedFrame({ url, parent: null }), url).toBe(false);
    }
  });
});

describe('registerIpc', () => {
  it('registers one handler per invoke channel and refuses foreign senders before dispatch', async () => {
    const calls: string[] = [];
    const dispatcher = createDispatcher(
      scriptedHandlers(async (method) => {
        calls.push(method);
        return { method };
      }),
      INPUT_SCHEMAS,
    );
    const ipcMain = fakeIpcMain();
    const unregister = registerIpc(ipcMain as unknown as IpcMain, dispatcher);
    expect([...ipcMain.handlers.keys()]).toEqual(dispatcher.channels);
    const list = ipcMain.handlers.get('lifeboat:readers.list')!;

    expect(await list(eventFrom(MAIN_FRAME), undefined)).toEqual({
      ok: true,
      value: { method: 'readers.list' },
    });
    for (const frame of [
      null,
      { url: 'https://evil.example/', parent: null },
      { ...MAIN_FRAME, parent: {} },
    ]) {
      expect(await list(eventFrom(frame), undefined)).toEqual({
        ok: false,
        error: { code: 'forbidden-sender', message: expect.any(String) },
      });
    }
    expect(calls).toEqual(['readers.list']);

    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('sendEventsTo', () => {
  it('forwards events to the window while it lives', () => {
    const sent: unknown[][] = [];
    let destroyed = false;
    const sink = sendEventsTo({
      send: (...args: unknown[]) => sent.push(args),
      isDestroyed: () => destroyed,
    } as never);
    sink('lifeboat:readers.changed', { state: 'ready', readers: [] });
    destroyed = true;
    sink('lifeboat:readers.changed', { state: 'no-service', readers: [] });
    expect(sent).toEqual([['lifeboat:readers.changed', { state: 'ready', readers: [] }]]);
  });
});
