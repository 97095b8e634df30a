// Input checks and command building for the simulators' direct set-up (SimulatedSatochip
// .initialized, SimulatedSeedkeeper.initialized): the values go through the applet's own
// commands, so anything the applet would refuse is refused here first, in plain words.
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { mnemonicToSeedSync, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { LifeboatError } from '../../../main/errors';
import { PIN_MAX_SIZE, PIN_MIN_SIZE } from './card-edge';
import { CLA } from './status-words';

/** An unwrapped command as the applet sees it after the secure channel. */
export function command(ins: number, p1: number, p2: number, data?: Uint8Array): Uint8Array {
  return data === undefined || data.length === 0
    ? Uint8Array.of(CLA, ins, p1, p2)
    : concatBytes(Uint8Array.of(CLA, ins, p1, p2, data.length), data);
}

/** A PIN or PUK: 4 to 16 bytes of UTF-8. */
export function pinBytes(value: string, what: string): Uint8Array {
  const bytes = utf8ToBytes(value);
  if (bytes.length < PIN_MIN_SIZE || bytes.length > PIN_MAX_SIZE) {
    throw new LifeboatError(
      'invalid-input',
      `The simulated card's ${what} must be ${PIN_MIN_SIZE} to ${PIN_MAX_SIZE} bytes.`,
    );
  }
  return bytes;
}

export function tryLimit(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 127) {
    throw new LifeboatError(
      'invalid-input',
      `The simulated card's ${what} tries must be 1 to 127.`,
    );
  }
  return value;
}

/** A card label: up to 64 bytes of UTF-8, with its size byte in front. */
export function labelField(label: string, max: number): Uint8Array {
  const bytes = utf8ToBytes(label);
  if (bytes.length > max) {
    throw new LifeboatError('invalid-input', `A label on this card is at most ${max} bytes.`);
  }
  return concatBytes(Uint8Array.of(bytes.length), bytes);
}

export interface SeedSource {
  /** A BIP-39 phrase (English), loaded as its BIP-32 seed. */
  mnemonic?: string;
  passphrase?: string;
  /** Or a raw BIP-32 seed, 16 to 64 bytes. */
  seed?: Uint8Array;
}

export function seedFor(source: SeedSource): Uint8Array | undefined {
  if (source.mnemonic !== undefined && source.seed !== undefined) {
    throw new LifeboatError(
      'invalid-input',
      'Give the simulated card a mnemonic or a seed, not both.',
    );
  }
  if (source.mnemonic !== undefined) {
    if (!validateMnemonic(source.mnemonic, wordlist)) {
      throw new LifeboatError(
        'invalid-mnemonic-checksum',
        'The simulated card was given an invalid BIP-39 phrase.',
      );
    }
    return mnemonicToSeedSync(source.mnemonic, source.passphrase ?? '');
  }
  if (source.seed === undefined) return undefined;
  if (source.seed.length < 16 || source.seed.length > 64) {
    throw new LifeboatError('invalid-input', 'A BIP-32 seed is 16 to 64 bytes.');
  }
  return source.seed.slice();
}
