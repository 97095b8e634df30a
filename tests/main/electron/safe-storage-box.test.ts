import type { SafeStorage } from 'electron';
import { describe, expect, it } from 'vitest';
import { safeStorageBox } from '../../../main/electron/safe-storage-box';

/** A safeStorage stand-in with a real (XOR-keyed) reversible transform and a chosen backend. */
function fakeSafeStorage(
  available: boolean,
  backend: ReturnType<SafeStorage['getSelectedStorageBackend']>,
) {
  const key = 0x5a;
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain: string) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ key)),
    decryptString: (sealed: Buffer) => {
      if (sealed[0] === 0)
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
        );
      return Buffer.from(sealed.map((b) => b ^ key)).toString('utf8');
    },
  };
}

describe('safeStorageBox', () => {
  it('seals and opens bytes through the keychain-backed safeStorage', () => {
    const box = safeStorageBox(fakeSafeStorage(true, 'gnome_libsecret'), 'linux')!;
    const secret = Uint8Array.from({ length: 33 }, (_, i) => (i * 37) & 0xff);
    const sealed = box.seal(secret);
    expect(Buffer.from(sealed).includes(Buffer.from(secret))).toBe(false);
    expect(box.open(sealed)).toEqual(secret);
    expect(box.description).toContain('desktop keyring');
  });

  it('names the keychain on each platform', () => {
    expect(safeStorageBox(fakeSafeStorage(true, 'unknown'), 'darwin')!.description).toContain(
      'macOS Keychain',
    );
    expect(safeStorageBox(fakeSafeStorage(true, 'unknown'), 'win32')!.description).toContain(
      'DPAPI',
    );
    expect(safeStorageBox(fakeSafeStorage(true, 'kwallet5'), 'linux')!.description).toContain(
      'KWallet',
    );
  });

  it('refuses to pretend: no box without encryption or with the basic_text fallback', () => {
    expect(safeStorageBox(fakeSafeStorage(false, 'gnome_libsecret'), 'linux')).toBeUndefined();
    expect(safeStorageBox(fakeSafeStorage(true, 'basic_text'), 'linux')).toBeUndefined();
    expect(safeStorageBox(fakeSafeStorage(true, 'unknown'), 'linux')).toBeUndefined();
  });

  it('turns a keychain failure into a typed error', () => {
    const box = safeStorageBox(fakeSafeStorage(true, 'gnome_libsecret'), 'linux')!;
    expect(() => box.open(Uint8Array.of(0, 1, 2))).toThrow(
      expect.objectContaining({ code: 'pairings-unreadable' }),
    );
  });
});
