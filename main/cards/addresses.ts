// Ethereum addresses of a card under the usual derivation schemes, whatever its family, with
// as few APDUs as the scheme allows: where the varying index is not hardened, the parent's
// extended public key is exported once and the children are derived here; a hardened index
// (Ledger Live) can only be derived by the card, one export per address.
import { HDKey } from '@scure/bip32';
import { computeAddress } from 'ethers';
import { bytesToHex } from '@noble/hashes/utils.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { LifeboatError } from '../errors';
import { SCHEMES, schemePath, type Scheme } from '../secrets/derivation';
import type { PublicKeys } from './family';

export const MAX_ADDRESS_COUNT = 1000;
const HARDENED = 0x8000_0000;

export interface DerivedAddress {
  index: number;
  path: string;
  /** EIP-55 checksummed. */
  address: string;
}

/**
 * The parent whose extended public key yields every address of a non-hardened scheme. Never
 * the master itself: a Keycard 3.2 exports the master's chain code as zeros.
 */
const SHARED_PARENT: Partial<Record<Scheme, string>> = {
  bip44: "m/44'/60'/0'/0",
  legacy: "m/44'/60'/0'",
};

export function addressOfPublicKey(publicKey: Uint8Array): string {
  return computeAddress(`0x${bytesToHex(publicKey)}`);
}

export async function deriveAddresses(
  keys: PublicKeys,
  scheme: Scheme,
  range: { start?: number; count: number },
): Promise<DerivedAddress[]> {
  const start = range.start ?? 0;
  const { count } = range;
  if (!SCHEMES.includes(scheme))
    throw new LifeboatError('invalid-input', `Unknown address scheme "${String(scheme)}".`);
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(count) ||
    start < 0 ||
    count < 1 ||
    count > MAX_ADDRESS_COUNT ||
    start + count > HARDENED
  ) {
    throw new LifeboatError(
      'invalid-input',
      `Ask for 1 to ${MAX_ADDRESS_COUNT} addresses starting at an index below 2^31.`,
    );
  }
  const indices = Array.from({ length: count }, (_, i) => start + i);
  const parentPath = SHARED_PARENT[scheme];
  if (parentPath === undefined) {
    const out: DerivedAddress[] = [];
    for (const index of indices) {
      const path = schemePath(scheme, index);
      out.push({ index, path, address: addressOfPublicKey(await keys.exportPublicKey(path)) });
    }
    return out;
  }
  const parentKey = await keys.exportExtendedPublicKey(parentPath);
  const parent = new HDKey({
    publicKey: secp256k1.Point.fromBytes(parentKey.publicKey).toBytes(true),
    chainCode: parentKey.chainCode,
  });
  return indices.map((index) => ({
    index,
    path: schemePath(scheme, index),
    address: addressOfPublicKey(parent.deriveChild(index).publicKey!),
  }));
}
