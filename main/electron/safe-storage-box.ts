// Card pairings in the app are sealed with Electron's safeStorage, i.e. with a key held by
// the operating system's keychain (Keychain, DPAPI, libsecret/KWallet), when there is one.
import type { SafeStorage } from 'electron';
import type { SecretBox } from '../cards/keycard/pairing-store';
import { LifeboatError } from '../errors';

type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

const KEYCHAIN_NAMES: Readonly<Record<string, string>> = {
  darwin: 'the macOS Keychain',
  win32: 'Windows (DPAPI)',
  gnome_libsecret: 'your desktop keyring (Secret Service)',
  kwallet: 'KWallet',
  kwallet5: 'KWallet',
  kwallet6: 'KWallet',
};

/**
 * A SecretBox backed by the OS keychain, or undefined when there is none: on Linux without
 * a keyring safeStorage falls back to a fixed, public password ("basic_text"), which would
 * only pretend to protect anything, so the caller uses a box that says what it really does.
 */
export function safeStorageBox(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  let keychain: string | undefined;
  if (platform === 'linux') {
    keychain = KEYCHAIN_NAMES[safeStorage.getSelectedStorageBackend()];
  } else {
    keychain = KEYCHAIN_NAMES[platform];
  }
  if (keychain === undefined) return undefined;
  return {
    // safeStorage only takes strings, so the bytes travel base64-encoded through it.
    seal: (plain) =>
      new Uint8Array(safeStorage.encryptString(Buffer.from(plain).toString('base64'))),
    open: (sealed) => {
      try {
        return new Uint8Array(
          Buffer.from(safeStorage.decryptString(Buffer.from(sealed)), 'base64'),
        );
      } catch (error) {
        throw new LifeboatError(
          'pairings-unreadable',
          'The saved card pairings cannot be decrypted with this computer’s keychain.',
          undefined,
          { cause: error },
        );
      }
    },
    description:
      `They are encrypted with a key held by ${keychain}, so another user account or a copy ` +
      'of the files on another computer cannot read them.',
  };
}
