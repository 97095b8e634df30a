// A signer backed by a private key that exists only for the length of one signature: the key
// provider derives it (from a secret held in the vault) and wipes it after `use` returns.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { DigestSignature, TxSigner } from './signer';

export type WithPrivateKey = <T>(use: (privateKey: Uint8Array) => T) => Promise<T>;

export function keySigner(address: string, withPrivateKey: WithPrivateKey): TxSigner {
  return {
    address,
    signDigest: (digest) =>
      withPrivateKey((privateKey): DigestSignature => {
        const recovered = secp256k1.sign(digest, privateKey, {
          prehash: false,
          lowS: true,
          format: 'recovered',
        });
        const signature = secp256k1.Signature.fromBytes(recovered, 'recovered');
        recovered.fill(0);
        return {
          r: signature.r,
          s: signature.s,
          yParity: signature.recovery === 1 ? 1 : 0,
        };
      }),
  };
}
