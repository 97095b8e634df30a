// A Keycard as a transaction signer: the card signs the 32-byte transaction hash as-is
// (Keycard SIGN treats it as a precomputed hash) and returns r, s and the recovery id, which
// for a typed transaction is the y-parity. signTransaction then checks that the signature
// recovers to the planned address, so a wrong card fails with `signer-mismatch`.
import { LifeboatError } from '../errors';
import type { DigestSignature, TxSigner } from './signer';

/** One SIGN on the card: the raw signature r ‖ s ‖ v (v = 27 + recovery id), as hex. */
export type CardSign = (hash: Uint8Array, path: string) => Promise<{ signature: string }>;

export function cardSigner(account: { address: string; path: string }, sign: CardSign): TxSigner {
  return {
    address: account.address,
    signDigest: async (digest): Promise<DigestSignature> => {
      const { signature } = await sign(digest, account.path);
      const match = /^0x([0-9a-fA-F]{64})([0-9a-fA-F]{64})([0-9a-fA-F]{2})$/.exec(signature);
      const v = match ? Number.parseInt(match[3]!, 16) : NaN;
      if (!match || (v !== 27 && v !== 28)) {
        throw new LifeboatError('signature-invalid', undefined, { path: account.path });
      }
      return {
        r: BigInt(`0x${match[1]}`),
        s: BigInt(`0x${match[2]}`),
        yParity: v === 28 ? 1 : 0,
      };
    },
  };
}
