// Runs in the page served by the harness, before the console's own scripts: it builds
// `window.lifeboat` with the SAME buildApi as the Electron preload, over a loopback
// transport (POST for invokes, a server-sent event stream for events) instead of Electron
// IPC. Both carry the run's token in a header; see server.ts for where the token lives.
import { buildApi, type IpcLike } from '../../preload/build-api';

declare const __LIFEBOAT_TOKEN_HEADER__: string;

type Listener = (event: unknown, ...args: unknown[]) => void;

const STORAGE_KEY = 'lifeboat-harness-token';
const RECONNECT_MS = 1000;

/** The token from the fragment the page was opened with, or from this tab's earlier load. */
function takeToken(): string {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) {
    sessionStorage.setItem(STORAGE_KEY, fromFragment);
    // Off the address bar and out of the history entry.
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return fromFragment;
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? '';
}

const token = takeToken();
const authorized = { [__LIFEBOAT_TOKEN_HEADER__]: token };
const listeners = new Map<string, Set<Listener>>();

function deliver(data: string): void {
  const { channel, payload } = JSON.parse(data) as { channel: string; payload: unknown };
  for (const listener of listeners.get(channel) ?? []) listener({ channel }, payload);
}

/** The event stream, read through fetch: EventSource cannot send a header. */
async function streamEvents(): Promise<void> {
  for (;;) {
    try {
      const response = await fetch('/__lifeboat/events', { headers: authorized });
      // Refused: without the right token, asking again cannot help.
      if (response.status === 403) return;
      if (response.ok && response.body) {
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += value;
          for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
            const data = buffered
              .slice(0, end)
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice('data: '.length))
              .join('\n');
            buffered = buffered.slice(end + 2);
            if (data) deliver(data);
          }
        }
      }
    } catch {
      // The harness went away for a moment; try again below.
    }
    await new Promise((r) => setTimeout(r, RECONNECT_MS));
  }
}
void streamEvents();

const ipc: IpcLike = {
  async invoke(channel, ...args) {
    const response = await fetch('/__lifeboat/ipc', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...authorized },
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
