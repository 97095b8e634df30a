// A rebuilt secret as a source: addresses and signers. The seed is only borrowed for the
// length of one derivation or one signature (`useSeed` is the vault's lending call), and the
// derived private key is overwritten as soon as the signature exists.
import type { AccountView, Scheme } from '../../preload/api';
import { keySigner } from '../chain/key-signer';
import { deriveAccounts, derivePrivateKey, keyUidFromSeed } from '../secrets/derivation';
import type { SourceAccess } from './source-access';

export type UseSeed = <T>(fn: (seed: Uint8Array) => T) => T;

export function seedAccess(useSeed: UseSeed): SourceAccess {
  return {
    addressSource: {
      kind: 'secret',
      keyUid: useSeed(keyUidFromSeed),
      accounts: async (scheme: Scheme, start: number, count: number): Promise<AccountView[]> =>
        useSeed((seed) =>
          deriveAccounts(seed, scheme, start, count).map((a) => ({ scheme, ...a })),
        ),
    },
    signer: async (account) =>
      keySigner(account.address, async (use) =>
        useSeed((seed) => {
          const privateKey = derivePrivateKey(seed, account.path);
          try {
            return use(privateKey);
          } finally {
            privateKey.fill(0);
          }
        }),
      ),
  };
}
