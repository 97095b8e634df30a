// What a source of keys gives the jobs above it: public addresses for discovery and a signer
// per account. Where the keys live (a card, a secret in the vault) stays behind this.
import type { AddressSource } from '../chain/discovery';
import type { TxSigner } from '../chain/signer';

export interface SourceAccess {
  readonly addressSource: AddressSource;
  /** A signer for one account of this source, by its derivation path. */
  signer(account: { address: string; path: string }): Promise<TxSigner>;
}
