// The official reference vectors, committed as fixtures (tests/fixtures/vectors).
import fs from 'node:fs';
import path from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { HDKey } from '@scure/bip32';
import { HDNodeWallet } from 'ethers';

const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures/vectors');

export interface Slip39Vector {
  description: string;
  mnemonics: string[];
  /** Hex; empty when combining must fail. */
  masterSecret: string;
  xprv: string;
}

/** trezor/python-shamir-mnemonic vectors.json; every valid set uses the passphrase "TREZOR". */
export const SLIP39_VECTORS: Slip39Vector[] = (
  JSON.parse(fs.readFileSync(path.join(dir, 'slip39-trezor.json'), 'utf8')) as [
    string,
    string[],
    string,
    string,
  ][]
).map(([description, mnemonics, masterSecret, xprv]) => ({
  description,
  mnemonics,
  masterSecret,
  xprv,
}));

export interface Bip39Vector {
  entropy: string;
  phrase: string;
  /** Hex seed for the passphrase "TREZOR". */
  seed: string;
  xprv: string;
}

/** trezor/python-mnemonic vectors, by language. */
export const BIP39_VECTORS: Record<string, Bip39Vector[]> = Object.fromEntries(
  Object.entries(
    JSON.parse(fs.readFileSync(path.join(dir, 'bip39-trezor.json'), 'utf8')) as Record<
      string,
      [string, string, string, string][]
    >,
  ).map(([language, list]) => [
    language,
    list.map(([entropy, phrase, seed, xprv]) => ({ entropy, phrase, seed, xprv })),
  ]),
);

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

/**
 * The Keycard key UID and first five BIP-44 addresses of a seed, computed without the code
 * under test: scure for the master key, noble for the point, ethers for the addresses.
 */
export function expectedWallet(seedHex: string): { keyUid: string; addresses: string[] } {
  const seed = bytes(seedHex);
  const root = HDKey.fromMasterSeed(seed);
  const pub = secp256k1.Point.fromBytes(root.publicKey!).toBytes(false);
  const node = HDNodeWallet.fromSeed(seed);
  return {
    keyUid: hex(sha256(pub)),
    addresses: [0, 1, 2, 3, 4].map((i) => node.derivePath(`m/44'/60'/0'/0/${i}`).address),
  };
}
