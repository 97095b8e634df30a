import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Vault, type VaultRelease } from '../../../main/secrets/vault';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const secret = () => Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const zero = (b: Uint8Array) => b.every((x) => x === 0);

describe('Vault', () => {
  it('lends the bytes only to their owner, through an explicit use', () => {
    const vault = new Vault();
    const bytes = secret();
    const id = vault.put(bytes, { owner: 'window-1', kind: 'seed' });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(vault.use(id, 'window-1', (b) => b[31])).toBe(32);
    expect(() => vault.use(id, 'window-2', () => 0)).toThrow(
      expect.objectContaining({ code: 'secret-not-found' }),
    );
    expect(() => vault.use('no-such-id', 'window-1', () => 0)).toThrow(
      expect.objectContaining({ code: 'secret-not-found' }),
    );
    expect(vault.info(id, 'window-1')).toMatchObject({
      owner: 'window-1',
      kind: 'seed',
      length: 32,
    });
  });

  it('overwrites the bytes on release and forgets the id', () => {
    const events: VaultRelease[] = [];
    const vault = new Vault();
    vault.onRelease((e) => events.push(e));
    const bytes = secret();
    const id = vault.put(bytes, { owner: 'o', kind: 'seed' });
    expect(vault.release(id, 'someone-else')).toBe(false);
    expect(zero(bytes)).toBe(false);
    expect(vault.release(id, 'o')).toBe(true);
    expect(zero(bytes)).toBe(true);
    expect(vault.release(id, 'o')).toBe(false);
    expect(() => vault.use(id, 'o', () => 0)).toThrow(
      expect.objectContaining({ code: 'secret-not-found' }),
    );
    expect(events).toEqual([{ id, owner: 'o', reason: 'released' }]);
  });

  it('expires an entry left unused, and using it resets the clock', () => {
    const time = clock();
    const vault = new Vault({ now: time.now });
    const bytes = secret();
    const id = vault.put(bytes, { owner: 'o', kind: 'seed', ttlMs: 1000 });
    time.advance(900);
    vault.use(id, 'o', () => undefined);
    time.advance(900);
    expect(vault.use(id, 'o', (b) => b.length)).toBe(32);
    time.advance(1000);
    expect(() => vault.use(id, 'o', () => 0)).toThrow(
      expect.objectContaining({ code: 'secret-expired' }),
    );
    expect(zero(bytes)).toBe(true);
    // Only the owner learns that it expired.
    expect(() => vault.use(id, 'other', () => 0)).toThrow(
      expect.objectContaining({ code: 'secret-not-found' }),
    );
  });

  it('sweeps expired entries even when nobody asks for them', async () => {
    const time = clock();
    const vault = new Vault({ now: time.now });
    const old = secret();
    const fresh = secret();
    vault.put(old, { owner: 'o', kind: 'seed', ttlMs: 100 });
    vault.put(fresh, { owner: 'o', kind: 'seed', ttlMs: 10_000 });
    time.advance(500);
    expect(vault.sweep()).toBe(1);
    expect(zero(old)).toBe(true);
    expect(zero(fresh)).toBe(false);

    const timed = new Vault({ sweepEveryMs: 5 });
    const bytes = secret();
    timed.put(bytes, { owner: 'o', kind: 'seed', ttlMs: 10 });
    await new Promise((r) => setTimeout(r, 60));
    expect(zero(bytes)).toBe(true);
    expect(timed.size).toBe(0);
    timed.close();
  });

  it('releases everything of one owner, and everything on close', () => {
    const vault = new Vault();
    const a = secret();
    const b = secret();
    const c = secret();
    vault.put(a, { owner: 'w1', kind: 'seed' });
    vault.put(b, { owner: 'w1', kind: 'seed' });
    vault.put(c, { owner: 'w2', kind: 'seed' });
    expect(vault.releaseOwner('w1')).toBe(2);
    expect([zero(a), zero(b), zero(c)]).toEqual([true, true, false]);
    vault.close();
    expect(zero(c)).toBe(true);
    expect(vault.size).toBe(0);
  });

  it('waits for a use in progress before overwriting', async () => {
    const vault = new Vault();
    const bytes = secret();
    const id = vault.put(bytes, { owner: 'o', kind: 'seed' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen = vault.use(id, 'o', async (b) => {
      await gate;
      return b.reduce((s, x) => s + x, 0);
    });
    vault.release(id, 'o');
    expect(zero(bytes)).toBe(false);
    release();
    expect(await seen).toBe((32 * 33) / 2);
    expect(zero(bytes)).toBe(true);
  });

  it('still overwrites when the use throws', () => {
    const vault = new Vault();
    const bytes = secret();
    const id = vault.put(bytes, { owner: 'o', kind: 'seed' });
    expect(() =>
      vault.use(id, 'o', () => {
        vault.release(id, 'o');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(zero(bytes)).toBe(true);
  });

  it('never serialises a secret', () => {
    const vault = new Vault();
    const bytes = Uint8Array.from([0xde, 0xad, 0xbe, 0xef, ...new Uint8Array(28)]);
    vault.put(bytes, { owner: 'o', kind: 'seed' });
    expect(JSON.stringify(vault)).toBe('{"secrets":1}');
    expect(inspect(vault, { depth: 10, showHidden: true })).toBe('Vault { 1 secrets }');
    expect(Object.keys(vault)).toEqual([]);
    expect(JSON.stringify({ ...vault })).toBe('{}');
  });

  it('refuses a non-positive lifetime', () => {
    expect(() => new Vault().put(secret(), { owner: 'o', kind: 'seed', ttlMs: 0 })).toThrow(
      RangeError,
    );
  });
});
