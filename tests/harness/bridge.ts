// Runs in the page served by the harness, before the console's own scripts: it builds
// `window.lifeboat` with the SAME buildApi as the Electron preload, over a loopback
// transport (POST for invokes, server-sent events for events) instead of Electron IPC.
import { buildApi, type IpcLike } from '../../preload/build-api';

declare const __LIFEBOAT_HARNESS_TOKEN__: string;

type Listener = (event: unknown, ...args: unknown[]) => void;

const listeners = new Map<string, Set<Listener>>();
const events = new EventSource('/__lifeboat/events');
events.onmessage = (message: MessageEvent<string>) => {
  const { channel, payload } = JSON.parse(message.data) as { channel: string; payload: unknown };
  for (const listener of listeners.get(channel) ?? []) listener({ channel }, payload);
};

const ipc: IpcLike = {
  async invoke(channel, ...args) {
    const response = await fetch('/__lifeboat/ipc', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Lifeboat-Token': __LIFEBOAT_HARNESS_TOKEN__,
      },
      body: JSON.stringify({ channel, payload: args[0] }),
    });
    if (!response.ok) throw new Error(`The harness answered ${response.status}.`);
    return response.json();
  },
  on(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
  },
  removeListener(channel, listener) {
    listeners.get(channel)?.delete(listener);
  },
};

Object.defineProperty(window, 'lifeboat', {
  value: buildApi(ipc),
  enumerable: true,
  writable: false,
  configurable: false,
});
