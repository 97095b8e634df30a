// An in-memory stand-in for Electron's IPC pair: the renderer side is the real buildApi,
// the main side the real dispatcher and event hub. Payloads are structured-cloned both
// ways, as Electron does, so nothing shared by reference can pass for working IPC.
import type { IpcLike } from '../../../preload/build-api';
import type { Dispatcher } from '../../../main/ipc/dispatcher';
import type { EventHub } from '../../../main/ipc/events';

type Listener = (event: unknown, ...args: unknown[]) => void;

export interface MemoryIpc extends IpcLike {
  readonly invoked: string[];
  close(): void;
}

export function memoryIpc(dispatcher: Dispatcher, events: EventHub): MemoryIpc {
  const listeners = new Map<string, Set<Listener>>();
  const invoked: string[] = [];
  const disconnect = events.connect((channel, payload) => {
    const event = { sender: 'the-electron-event-object', senderId: 1 };
    for (const listener of listeners.get(channel) ?? []) listener(event, structuredClone(payload));
  });
  return {
    invoked,
    async invoke(channel, ...args) {
      invoked.push(channel);
      const payload = args.length === 0 ? undefined : structuredClone(args[0]);
      return structuredClone(await dispatcher.dispatch(channel, payload));
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
    close: disconnect,
  };
}
