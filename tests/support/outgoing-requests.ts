// Records every HTTP request this process sends (node's http and https, and fetch): main runs
// in the test process behind the browser harness, so whatever main contacts shows up here,
// through the real HTTP stack.
import http from 'node:http';
import https from 'node:https';

export interface OutgoingRecorder {
  /** Every URL requested since the recorder started, in order. */
  readonly urls: string[];
  stop(): void;
}

function urlOf(args: unknown[], protocol: string): string {
  const [first] = args;
  if (typeof first === 'string') return first;
  if (first instanceof URL) return first.href;
  const options = (first ?? {}) as {
    hostname?: string;
    host?: string;
    port?: number;
    path?: string;
  };
  return `${protocol}//${options.hostname ?? options.host ?? 'localhost'}${options.port ? `:${options.port}` : ''}${options.path ?? '/'}`;
}

export function recordOutgoing(): OutgoingRecorder {
  const urls: string[] = [];
  const restore: (() => void)[] = [];
  for (const [module, protocol] of [
    [http, 'http:'],
    [https, 'https:'],
  ] as const) {
    for (const name of ['request', 'get'] as const) {
      const original = module[name];
      const wrapped = ((...args: unknown[]) => {
        urls.push(urlOf(args, protocol));
        return (original as (...a: unknown[]) => http.ClientRequest)(...args);
      }) as typeof original;
      module[name] = wrapped;
      restore.push(() => {
        module[name] = original;
      });
    }
  }
  const originalFetch = globalThis.fetch;
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return originalFetch(input, init);
  }) as typeof fetch;
  restore.push(() => {
    globalThis.fetch = originalFetch;
  });
  return {
    urls,
    stop: () => {
      for (const undo of restore.reverse()) undo();
    },
  };
}
