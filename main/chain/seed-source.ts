// A rebuilt secret as a discovery source and as a signer. The seed is only borrowed for the
// length of one derivation or one signature (`useSeed` is the vault's lending call), and the
// derived private key is overwritten as soon as the signature exists.
import type { AccountView, Scheme } from '../../preload/api';
import { deriveAccounts, derivePrivateKey } from '../secrets/derivation';
import type { AddressSource } from './discovery';
import { keySigner } from './key-signer';
import type { TxSigner } from './signer';

export type UseSeed = <T>(fn: (seed: Uint8Array) => T) => T;

export function seedAddressSource(useSeed: UseSeed, keyUid: string | undefined): AddressSource {
  return {
    kind: 'secret',
    keyUid,
    accounts: async (scheme: Scheme, start: number, count: number): Promise<AccountView[]> =>
      useSeed((seed) => deriveAccounts(seed, scheme, start, count).map((a) => ({ scheme, ...a }))),
  };
}

export function seedSigner(useSeed: UseSeed, account: { address: string; path: string }): TxSigner {
  return keySigner(account.address, async (use) =>
    useSeed((seed) => {
      const privateKey = derivePrivateKey(seed, account.path);
      try {
        return use(privateKey);
      } finally {
        privateKey.fill(0);
      }
    }),
  );
}
