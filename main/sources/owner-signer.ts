// A card or rebuilt wallet as an owner of a Safe: which of its accounts is an owner (the
// first BIP-44 accounts are looked at), and its signature of a Safe transaction hash as the
// Safe takes it, r ‖ s ‖ v with v = 27/28. A source none of whose accounts is an owner is
// refused before anything is signed.
import { concat, getAddress, getBytes, toBeHex } from 'ethers';
import { LifeboatError } from '../errors';
import type { OwnerSignature } from '../chain/safe/signatures';
import type { SourceAccess } from './source-access';

/** How many BIP-44 accounts of a source are looked at for an owner. */
export const OWNER_SCAN = 10;

export interface OwnerSigner {
  /** The owner the source signs as, EIP-55. */
  readonly address: string;
  sign(hash: string): Promise<OwnerSignature>;
}

/** The source's first BIP-44 account: the owner a new Safe gets, and the account that pays. */
export async function firstAccount(
  access: SourceAccess,
): Promise<{ address: string; path: string }> {
  const [account] = await access.addressSource.accounts('bip44', 0, 1);
  if (!account) throw new LifeboatError('no-key');
  return { address: account.address, path: account.path };
}

/** The account a source signs a Safe's transactions as: the first of `accounts` that is an owner. */
export function ownerAmong<A extends { address: string }>(
  accounts: readonly A[],
  owners: readonly string[],
): A | undefined {
  const wanted = new Set(owners.map((o) => getAddress(o)));
  return accounts.find((a) => wanted.has(getAddress(a.address)));
}

/**
 * The signer of the source's account that owns the Safe, or `not-an-owner` naming the
 * source's first account, so the person can tell which card or wallet it was.
 */
export async function ownerSigner(
  access: SourceAccess,
  owners: readonly string[],
  safe: string,
): Promise<OwnerSigner> {
  const accounts = await access.addressSource.accounts('bip44', 0, OWNER_SCAN);
  const account = ownerAmong(accounts, owners);
  if (!account) {
    const first = accounts[0]?.address ?? 'unknown';
    throw new LifeboatError(
      'not-an-owner',
      `${first} is not an owner of the Safe ${safe}, nor is any of the next ${OWNER_SCAN - 1} accounts of the same wallet. Nothing was signed.`,
      { address: first, safe },
    );
  }
  const signer = await access.signer({ address: account.address, path: account.path });
  return {
    address: account.address,
    async sign(hash) {
      const { r, s, yParity } = await signer.signDigest(getBytes(hash));
      return {
        owner: account.address,
        signature: concat([toBeHex(r, 32), toBeHex(s, 32), toBeHex(27 + yParity, 1)]),
      };
    },
  };
}
