// The command line's SecretBox: AES-256-GCM with a random key kept in a file next to the
// data. It has no OS keychain to lean on, so it says plainly that the key file only stops
// casual reading and that the folder permissions are what really protect the pairings.
import { gcm } from '@noble/ciphers/aes.js';
import { bytesToHex, concatBytes, randomBytes } from '@noble/hashes/utils.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import { LifeboatError } from '../../errors';
import type { SecretBox } from './pairing-store';

export const KEY_FILE = 'pairings.key';
const KEY_LENGTH = 32;
const NONCE_LENGTH = 12;
const FORMAT = 0x01;

/** Reads the key file in `dataDir`, creating the folder (0700) and the key (0600) if needed. */
async function loadOrCreateKey(dataDir: string): Promise<Uint8Array> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, KEY_FILE);
  try {
    return await readKey(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Written under a temporary name and linked into place, so that two processes starting
  // together agree on one key and nobody ever reads a half-written file.
  const temp = `${file}.${bytesToHex(randomBytes(6))}.tmp`;
  const key = randomBytes(KEY_LENGTH);
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(key);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    key.fill(0);
    return readKey(file);
  } finally {
    await fs.rm(temp, { force: true });
  }
  return key;
}

async function readKey(file: string): Promise<Uint8Array> {
  const key = new Uint8Array(await fs.readFile(file));
  if (key.length !== KEY_LENGTH) {
    key.fill(0);
    throw new LifeboatError('pairings-unreadable', `The key file ${file} is damaged.`);
  }
  return key;
}

export async function keyFileSecretBox(dataDir: string): Promise<SecretBox> {
  const key = await loadOrCreateKey(dataDir);
  const keyFile = path.join(dataDir, KEY_FILE);
  return {
    seal(plain) {
      const nonce = randomBytes(NONCE_LENGTH);
      return concatBytes(Uint8Array.of(FORMAT), nonce, gcm(key, nonce).encrypt(plain));
    },
    open(sealed) {
      if (sealed[0] !== FORMAT || sealed.length < 1 + NONCE_LENGTH + 16)
        throw new LifeboatError('pairings-unreadable', 'The saved card pairings are damaged.');
      const nonce = sealed.subarray(1, 1 + NONCE_LENGTH);
      return gcm(key, nonce).decrypt(sealed.subarray(1 + NONCE_LENGTH));
    },
    description:
      `They are encrypted with a key kept in ${keyFile}, which only stops casual reading: ` +
      'anyone who can read that folder can also decrypt them. What really protects them is ' +
      'that the folder and files are readable by your user account only.',
  };
}
