// What signs a sweep: anything that can sign a 32-byte digest for one known address — a
// Keycard (SIGN over the transaction hash) or a key derived from a secret in the vault. The
// transaction is assembled by ethers; the signature is checked to recover to the planned
// address before the signed bytes are ever returned.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { Signature, getBytes, toBeHex, type Transaction } from 'ethers';
import { LifeboatError } from '../errors';

export interface DigestSignature {
  r: bigint;
  s: bigint;
  yParity: 0 | 1;
}

export interface TxSigner {
  /** The EIP-55 address this signer signs for. */
  readonly address: string;
  signDigest(digest: Uint8Array): Promise<DigestSignature>;
}

export interface SignedTransaction {
  hash: string;
  raw: string;
}

const N = secp256k1.Point.CURVE().n;

/**
 * Signs an unsigned transaction. A high-S signature is folded to low S (nodes refuse high S
 * since EIP-2), and the result must recover to `signer.address`, else `signer-mismatch`.
 */
export async function signTransaction(
  unsigned: Transaction,
  signer: TxSigner,
): Promise<SignedTransaction> {
  const tx = unsigned.clone();
  const signature = await signer.signDigest(getBytes(tx.unsignedHash));
  let { s, yParity } = signature;
  if (s > N / 2n) {
    s = N - s;
    yParity = yParity === 0 ? 1 : 0;
  }
  tx.signature = Signature.from({ r: toBeHex(signature.r, 32), s: toBeHex(s, 32), yParity });
  if (tx.from === null || tx.from.toLowerCase() !== signer.address.toLowerCase()) {
    throw new LifeboatError('signer-mismatch', undefined, {
      expected: signer.address,
      signedBy: tx.from ?? 'unknown',
    });
  }
  return { hash: tx.hash!, raw: tx.serialized };
}
