// A SourceRef names where keys come from: an unlocked card session or a rebuilt secret in
// the vault. Drills, discovery and sweeps all need the same facts about one.
import type { SourceRef } from '../../preload/api';
import type { CardService } from '../cards/card-service';
import { cardAccess } from '../chain/card-source';
import type { SourceAccess } from '../chain/chain-service';
import { seedAddressSource, seedSigner, type UseSeed } from '../chain/seed-source';
import { LifeboatError } from '../errors';
import { keyUidFromSeed } from '../secrets/derivation';
import type { SecretsService } from '../secrets/secrets-service';
import type { Vault } from '../secrets/vault';

export interface SourceFingerprint {
  method: 'card' | 'slip39' | 'bip39';
  keyUid: string;
  /** m/44'/60'/0'/0/0, EIP-55. */
  firstAddress: string;
}

export interface SourceDeps {
  cards: CardService;
  secrets: SecretsService;
  vault: Vault;
  /** The owner the secrets service files its vault entries under. */
  owner: string;
}

export async function fingerprintOf(
  source: SourceRef,
  deps: SourceDeps,
): Promise<SourceFingerprint> {
  if (source.kind === 'card') {
    const keyUid = deps.cards.view(source.sessionId).info.keyUid;
    if (keyUid === undefined) throw new LifeboatError('no-key');
    const [first] = await deps.cards.accounts(source.sessionId, {
      scheme: 'bip44',
      start: 0,
      count: 1,
    });
    if (!first) throw new LifeboatError('no-key');
    return { method: 'card', keyUid, firstAddress: first.address };
  }
  const kind = deps.vault.info(source.secretId, deps.owner).kind;
  const [first] = deps.secrets.accounts(source.secretId, 'bip44', 0, 1);
  if (!first) throw new LifeboatError('secret-not-found');
  return {
    method: kind.startsWith('slip39') ? 'slip39' : 'bip39',
    keyUid: deps.secrets.useSeed(source.secretId, keyUidFromSeed),
    firstAddress: first.address,
  };
}

/** Addresses and signers of a source, for discovery, sweeps and transfers. */
export function sourceAccess(source: SourceRef, deps: SourceDeps): SourceAccess {
  if (source.kind === 'card') return cardAccess(deps.cards, source.sessionId);
  const useSeed: UseSeed = (fn) => deps.secrets.useSeed(source.secretId, fn);
  return {
    addressSource: seedAddressSource(useSeed, useSeed(keyUidFromSeed)),
    signer: async (account) => seedSigner(useSeed, account),
  };
}
