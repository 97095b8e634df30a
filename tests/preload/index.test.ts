// The Electron binary is absent here, so `electron` is the one module replaced by a fake.
import { describe, expect, it, vi } from 'vitest';

const exposed: { key: string; api: unknown }[] = [];
const invoked: unknown[][] = [];

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }),
  },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, value: { state: 'no-service', readers: [] } };
    },
    on: () => undefined,
    removeListener: () => undefined,
  },
}));

describe('preload/index', () => {
  it('exposes one frozen lifeboat API bound to ipcRenderer, and nothing else', async () => {
    await import('../../preload/index');
    expect(exposed.map((e) => e.key)).toEqual(['lifeboat']);
    const api = exposed[0]!.api as { readers: { list(): Promise<unknown> } };
    expect(Object.isFrozen(api)).toBe(true);
    expect(await api.readers.list()).toEqual({
      ok: true,
      value: { state: 'no-service', readers: [] },
    });
    expect(invoked).toEqual([['lifeboat:readers.list']]);
  });
});
