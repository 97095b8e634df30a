import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE, keyFileSecretBox } from '../../../../main/cards/keycard/key-file-box';
import { FilePairingStore, PAIRINGS_FILE } from '../../../../main/cards/keycard/pairing-store';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-pairings-'));
  dirs.push(dir);
  return path.join(dir, 'data');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const UID_A = '00112233445566778899aabbccddeeff';
const UID_B = 'ffeeddccbbaa99887766554433221100';
const pairing = (index: number) => ({ index, key: new Uint8Array(32).fill(index + 1) });

describe('file pairing store', () => {
  it('keeps pairings per instance UID across instances, encrypted, owner-only', async () => {
    const dir = tempDir();
    const store = new FilePairingStore(dir, await keyFileSecretBox(dir));
    expect(await store.get(UID_A)).toBeUndefined();
    await store.set(UID_A, pairing(0));
    await store.set(UID_B.toUpperCase(), pairing(3));

    const again = new FilePairingStore(dir, await keyFileSecretBox(dir));
    expect(await again.get(UID_A)).toEqual(pairing(0));
    expect(await again.get(UID_B)).toEqual(pairing(3));
    await again.delete(UID_A);
    expect(await store.get(UID_A)).toBeUndefined();

    const raw = fs.readFileSync(path.join(dir, PAIRINGS_FILE), 'utf8');
    expect(raw).not.toContain(UID_B);
    expect(Buffer.from(raw, 'base64').includes(Buffer.from(pairing(3).key))).toBe(false);
    expect(fs.statSync(path.join(dir, PAIRINGS_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(dir).sort()).toEqual([KEY_FILE, PAIRINGS_FILE].sort());
  });

  it('says honestly what protects the pairings', async () => {
    const dir = tempDir();
    const text = new FilePairingStore(dir, await keyFileSecretBox(dir)).describeProtection();
    expect(text).toContain(path.join(dir, KEY_FILE));
    expect(text).toMatch(/casual reading/);
    expect(text).toMatch(/readable by your user account only/);
  });

  it('fails with pairings-unreadable, changing nothing, when the file or key is damaged', async () => {
    const dir = tempDir();
    const store = new FilePairingStore(dir, await keyFileSecretBox(dir));
    await store.set(UID_A, pairing(1));
    const file = path.join(dir, PAIRINGS_FILE);
    const before = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `${before.slice(0, -4)}AAAA`);
    await expect(store.get(UID_A)).rejects.toMatchObject({ code: 'pairings-unreadable' });
    await expect(store.set(UID_B, pairing(2))).rejects.toMatchObject({
      code: 'pairings-unreadable',
    });
    expect(fs.readFileSync(file, 'utf8')).toBe(`${before.slice(0, -4)}AAAA`);

    fs.writeFileSync(file, before);
    fs.writeFileSync(path.join(dir, KEY_FILE), new Uint8Array(32));
    const otherKey = new FilePairingStore(dir, await keyFileSecretBox(dir));
    await expect(otherKey.get(UID_A)).rejects.toMatchObject({ code: 'pairings-unreadable' });
    fs.writeFileSync(path.join(dir, KEY_FILE), new Uint8Array(5));
    await expect(keyFileSecretBox(dir)).rejects.toMatchObject({ code: 'pairings-unreadable' });
  });

  it('serialises concurrent updates without losing any', async () => {
    const dir = tempDir();
    const store = new FilePairingStore(dir, await keyFileSecretBox(dir));
    const uids = Array.from({ length: 8 }, (_, i) => `${i}`.repeat(32));
    await Promise.all(uids.map((uid, i) => store.set(uid, pairing(i))));
    for (const [i, uid] of uids.entries()) expect(await store.get(uid)).toEqual(pairing(i));
  });

  it('two processes starting together agree on one key', async () => {
    const dir = tempDir();
    const [a, b] = await Promise.all([keyFileSecretBox(dir), keyFileSecretBox(dir)]);
    expect(b.open(a.seal(Uint8Array.of(1, 2, 3)))).toEqual(Uint8Array.of(1, 2, 3));
  });
});
