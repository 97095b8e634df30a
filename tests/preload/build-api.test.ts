import { describe, expect, it } from 'vitest';
import { API_METHODS, type FieldShape } from '../../preload/api';
import { buildApi, type IpcLike } from '../../preload/build-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer stand-in that records every call and can emit like Electron does. */
class FakeIpc implements IpcLike {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  reply: (channel: string, args: unknown[]) => Promise<unknown> = async (channel, args) => ({
    ok: true,
    value: { channel, args },
  });

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.reply(channel, args);
  }
  on(channel: string, listener: Listener): this {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, ...args: unknown[]): void {
    const event = { sender: this, senderId: 0, ports: [] };
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
  count(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

const SAMPLE: Record<FieldShape, unknown> = {
  string: 'text',
  number: 7,
  boolean: false,
  true: true,
  object: { kind: 'card', sessionId: 's' },
  array: ['a'],
  'string?': 'maybe',
  'number?': 3,
  'boolean?': true,
  'object?': {},
  'array?': [],
};

const WRONG: Record<string, unknown[]> = {
  string: [1, null, true, {}, [], undefined],
  number: ['1', NaN, Infinity, null, {}, undefined],
  boolean: ['true', 0, null, undefined],
  true: [false, 'true', 1, undefined],
  object: ['{}', [], null, 5, undefined, new Date(0)],
  array: ['[]', {}, null, undefined],
};

type Spec =
  | { kind: 'invoke'; channel: string; args: Readonly<Record<string, FieldShape>> | null }
  | { kind: 'subscribe'; channel: string };

const methods = Object.entries(API_METHODS).flatMap(([namespace, group]) =>
  Object.entries(group as Record<string, Spec>).map(([name, spec]) => ({ namespace, name, spec })),
);
const invokes = methods.flatMap((m) => (m.spec.kind === 'invoke' ? [{ ...m, spec: m.spec }] : []));
const subscribes = methods.filter((m) => m.spec.kind === 'subscribe');

function method(api: unknown, namespace: string, name: string): (...args: unknown[]) => unknown {
  return (api as Record<string, Record<string, (...args: unknown[]) => unknown>>)[namespace]![
    name
  ]!;
}

function sampleInput(args: Readonly<Record<string, FieldShape>> | null): unknown {
  if (args === null) return undefined;
  return Object.fromEntries(Object.entries(args).map(([k, shape]) => [k, SAMPLE[shape]]));
}

describe('the method table', () => {
  it('gives every method its own channel under the lifeboat: prefix', () => {
    const channels = methods.map((m) => m.spec.channel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^lifeboat:[a-z]+\.[A-Za-z]+$/);
    expect(invokes.length).toBeGreaterThan(40);
    expect(subscribes.length).toBe(5);
  });

  it('is deeply frozen', () => {
    expect(Object.isFrozen(API_METHODS)).toBe(true);
    for (const { namespace, name } of methods) {
      const group = (API_METHODS as unknown as Record<string, Record<string, Spec>>)[namespace]!;
      expect(Object.isFrozen(group)).toBe(true);
      expect(Object.isFrozen(group[name])).toBe(true);
      const spec = group[name]!;
      if (spec.kind === 'invoke' && spec.args) expect(Object.isFrozen(spec.args)).toBe(true);
    }
  });
});

describe('buildApi', () => {
  it('exposes exactly the table, frozen, with no generic passthrough', () => {
    const api = buildApi(new FakeIpc()) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(Object.keys(API_METHODS).sort());
    for (const [namespace, group] of Object.entries(api)) {
      expect(Object.isFrozen(group)).toBe(true);
      expect(Object.keys(group).sort()).toEqual(
        Object.keys((API_METHODS as unknown as Record<string, object>)[namespace]!).sort(),
      );
      for (const fn of Object.values(group)) expect(typeof fn).toBe('function');
    }
    expect('invoke' in api).toBe(false);
    expect('send' in api).toBe(false);
  });

  it.each(invokes.map((m) => [`${m.namespace}.${m.name}`, m] as const))(
    '%s sends its input on exactly its channel and returns the reply',
    async (_label, { namespace, name, spec }) => {
      const ipc = new FakeIpc();
      const api = buildApi(ipc);
      const input = sampleInput(spec.args);
      const result = await method(api, namespace, name)(input);
      expect(ipc.invoked).toEqual([
        { channel: spec.channel, args: input === undefined ? [] : [input] },
      ]);
      expect(result).toEqual({
        ok: true,
        value: { channel: spec.channel, args: input === undefined ? [] : [input] },
      });
    },
  );

  it.each(invokes.map((m) => [`${m.namespace}.${m.name}`, m] as const))(
    '%s refuses misshapen input without sending anything',
    async (_label, { namespace, name, spec }) => {
      const ipc = new FakeIpc();
      const call = method(buildApi(ipc), namespace, name);
      const bad: unknown[] = [];
      if (spec.args === null) {
        bad.push({}, 'x', 0, null, []);
      } else {
        const valid = sampleInput(spec.args) as Record<string, unknown>;
        bad.push(undefined, null, 'x', 5, [], [valid], new Map());
        bad.push({ ...valid, extra: 1 });
        bad.push(JSON.parse(`{"__proto__":{"polluted":1},${JSON.stringify(valid).slice(1)}`));
        bad.push({ ...valid, constructor: { prototype: {} } });
        for (const [key, shape] of Object.entries(spec.args)) {
          const base = shape.replace('?', '');
          for (const wrong of WRONG[base]!) {
            if (wrong === undefined && shape.endsWith('?')) continue;
            bad.push({ ...valid, [key]: wrong });
          }
        }
      }
      for (const input of bad) {
        const result = (await call(input)) as { ok: boolean; error?: { code: string } };
        expect(result.ok, JSON.stringify(input) ?? String(input)).toBe(false);
        expect(result.error?.code).toBe('invalid-request');
      }
      expect(ipc.invoked).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('names the offending field in the error details', async () => {
    const api = buildApi(new FakeIpc());
    const result = await api.cards.unlock({ sessionId: 's', pin: 123456 as unknown as string });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: expect.any(String), details: { field: 'pin' } },
    });
  });

  it('turns a rejected or malformed reply into a typed internal error', async () => {
    const ipc = new FakeIpc();
    const api = buildApi(ipc);
    const replies: unknown[] = [
      undefined,
      'ok',
      { ok: true },
      { ok: false, error: { code: 'no-such-code', message: 'x' } },
      { ok: false, error: 'boom' },
    ];
    for (const reply of replies) {
      ipc.reply = async () => reply;
      expect(await api.readers.list()).toEqual({
        ok: false,
        error: { code: 'internal', message: expect.any(String) },
      });
    }
    ipc.reply = () => Promise.reject(new Error('No handler registered'));
    expect(await api.readers.list()).toMatchObject({ ok: false, error: { code: 'internal' } });
    ipc.reply = async () => ({ ok: false, error: { code: 'wrong-pin', message: 'Wrong PIN' } });
    expect(await api.readers.list()).toEqual({
      ok: false,
      error: { code: 'wrong-pin', message: 'Wrong PIN' },
    });
  });

  it.each(subscribes.map((m) => [`${m.namespace}.${m.name}`, m] as const))(
    '%s listens on exactly its channel and hands over only the payload',
    (_label, { namespace, name, spec }) => {
      const ipc = new FakeIpc();
      const api = buildApi(ipc);
      const received: unknown[][] = [];
      const unsubscribe = method(
        api,
        namespace,
        name,
      )((...args: unknown[]) => received.push(args)) as () => void;
      expect([...ipc.listeners.keys()]).toEqual([spec.channel]);
      ipc.emit(spec.channel, { n: 1 }, 'extra');
      ipc.emit(`${spec.channel}.other`, { n: 2 });
      expect(received).toEqual([[{ n: 1 }]]);
      unsubscribe();
      unsubscribe();
      expect(ipc.count()).toBe(0);
      ipc.emit(spec.channel, { n: 3 });
      expect(received).toHaveLength(1);
    },
  );

  it('refuses a subscription without a listener function', () => {
    const api = buildApi(new FakeIpc());
    expect(() => api.readers.watch('x' as unknown as () => void)).toThrow(TypeError);
  });
});
