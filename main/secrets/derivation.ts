// From a BIP-32 seed to what a person and a card recognise: EIP-55 addresses under the
// derivation schemes wallets use, the Keycard key UID (the wallet's fingerprint) and the
// master key material that LOAD KEY sends to a card.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey, HARDENED_OFFSET } from '@scure/bip32';
import { computeAddress } from 'ethers';
import type { Scheme } from '../../preload/api';
import { LifeboatError } from '../errors';

export type { Scheme } from '../../preload/api';

export const SCHEMES: readonly Scheme[] = ['bip44', 'ledger-live', 'legacy'];

const PATH_TEMPLATES: Record<Scheme, (i: number) => string> = {
  bip44: (i) => `m/44'/60'/0'/0/${i}`,
  'ledger-live': (i) => `m/44'/60'/${i}'/0/0`,
  legacy: (i) => `m/44'/60'/0'/${i}`,
};

export interface DerivedAccount {
  index: number;
  path: string;
  /** EIP-55 checksummed. */
  address: string;
}

export interface MasterKeyMaterial {
  privateKey: Uint8Array;
  chainCode: Uint8Array;
  /** 65-byte uncompressed public key. */
  publicKey: Uint8Array;
}

/** The path of account `index` under `scheme`, e.g. m/44'/60'/0'/0/3 for BIP-44. */
export function schemePath(scheme: Scheme, index: number): string {
  if (!SCHEMES.includes(scheme))
    throw new LifeboatError('invalid-input', 'Unknown derivation scheme.');
  if (!Number.isInteger(index) || index < 0 || index >= HARDENED_OFFSET) {
    throw new LifeboatError(
      'invalid-path',
      'An account number is a whole number from 0 to 2147483647.',
    );
  }
  return PATH_TEMPLATES[scheme](index);
}

/** Checks a path such as m/44'/60'/0'/0/0 and returns it in canonical form. */
export function parsePath(path: string): string {
  const trimmed = path.trim();
  const parts = trimmed.split('/');
  const ok =
    parts[0] === 'm' &&
    parts.slice(1).every((part) => {
      const match = /^(\d{1,10})('?)$/.exec(part);
      return match !== null && Number(match[1]) < HARDENED_OFFSET;
    });
  if (!ok) throw new LifeboatError('invalid-path', undefined, { path: trimmed.slice(0, 64) });
  return trimmed;
}

/** Accounts `start` to `start + count − 1` of `scheme`. */
export function deriveAccounts(
  seed: Uint8Array,
  scheme: Scheme,
  start: number,
  count: number,
): DerivedAccount[] {
  if (!Number.isInteger(count) || count < 0 || count > 1000) {
    throw new LifeboatError('invalid-input', 'Up to 1000 accounts can be derived at once.');
  }
  const paths = Array.from({ length: count }, (_, i) => schemePath(scheme, start + i));
  return withRoot(seed, (root) =>
    paths.map((path, i) => ({ index: start + i, path, address: addressAt(root, path) })),
  );
}

/** The EIP-55 address at a custom path. */
export function deriveAddress(seed: Uint8Array, path: string): string {
  const canonical = parsePath(path);
  return withRoot(seed, (root) => addressAt(root, canonical));
}

/** The private key at `path`; the caller overwrites it when done. */
export function derivePrivateKey(seed: Uint8Array, path: string): Uint8Array {
  const canonical = parsePath(path);
  return withRoot(seed, (root) => {
    const node = root.derive(canonical);
    try {
      return node.privateKey!.slice();
    } finally {
      if (node !== root) node.wipePrivateData();
    }
  });
}

/**
 * What LOAD KEY (extended keypair) sends: the BIP-32 master private key and chain code, and
 * the uncompressed public key. Every Keycard applet version accepts this form, whatever the
 * seed length. The caller overwrites `privateKey` and `chainCode` when done.
 */
export function masterKeyMaterial(seed: Uint8Array): MasterKeyMaterial {
  return withRoot(seed, (root) => {
    const privateKey = root.privateKey!.slice();
    return {
      privateKey,
      chainCode: root.chainCode!.slice(),
      publicKey: secp256k1.getPublicKey(privateKey, false),
    };
  });
}

export interface WalletPreview {
  keyUid: string;
  /** The first BIP-44 addresses, EIP-55. */
  addresses: string[];
}

/** What identifies a wallet to a person and to a card: its key UID and first addresses. */
export function walletPreview(seed: Uint8Array, count = 5): WalletPreview {
  return {
    keyUid: keyUidFromSeed(seed),
    addresses: deriveAccounts(seed, 'bip44', 0, count).map((a) => a.address),
  };
}

/** The Keycard key UID of the wallet this seed opens: SHA-256 of the uncompressed master public key. */
export function keyUidFromSeed(seed: Uint8Array): string {
  return withRoot(seed, (root) =>
    keyUidFromPublicKey(secp256k1.Point.fromBytes(root.publicKey!).toBytes(false)),
  );
}

export function keyUidFromPublicKey(publicKey: Uint8Array): string {
  if (publicKey.length !== 65 || publicKey[0] !== 0x04) {
    throw new LifeboatError(
      'invalid-input',
      'A key UID is computed from a 65-byte uncompressed public key.',
    );
  }
  return bytesToHex(sha256(publicKey));
}

function addressAt(root: HDKey, path: string): string {
  // derive('m') is the root itself, which withRoot wipes once every path is done.
  const node = root.derive(path);
  try {
    return computeAddress(`0x${bytesToHex(node.publicKey!)}`);
  } finally {
    if (node !== root) node.wipePrivateData();
  }
}

/** Runs `fn` on the master node and wipes its private key afterwards. */
function withRoot<T>(seed: Uint8Array, fn: (root: HDKey) => T): T {
  if (seed.length < 16 || seed.length > 64) {
    throw new LifeboatError('invalid-secret', 'A BIP-32 seed is 16 to 64 bytes long.', {
      bytes: seed.length,
    });
  }
  const root = HDKey.fromMasterSeed(seed);
  try {
    return fn(root);
  } finally {
    root.wipePrivateData();
  }
}
