// One resolver for every job and both faces: a SourceRef names where keys come from — an
// unlocked card session or a rebuilt secret in the vault — and resolves to addresses,
// signers and the wallet's fingerprint the same way for the console and the command line.
import type { SourceRef } from '../../preload/api';
import { LifeboatError } from '../errors';
import { cardAccess, type CardSessions } from './card-source';
import { seedAccess } from './seed-source';
import type { SourceAccess } from './source-access';

export interface SourceFingerprint {
  method: 'card' | 'slip39' | 'bip39';
  keyUid: string;
  /** m/44'/60'/0'/0/0, EIP-55. */
  firstAddress: string;
  /** A card's own id, where its family has one: which card of a wallet's set was drilled. */
  instanceId?: string;
}

export interface SourceResolverDeps {
  /** The card sessions of this process, if it has any (the command line opens them late). */
  cards(): CardSessions | undefined;
  /** Lends the seed of a vault secret for the length of one call. */
  useSeed<T>(secretId: string, use: (seed: Uint8Array) => T): T;
  /** What a vault secret was rebuilt from (`slip39…` or `bip39`). */
  secretKind(secretId: string): string;
}

export class SourceResolver {
  constructor(private readonly deps: SourceResolverDeps) {}

  access(source: SourceRef): SourceAccess {
    if (source.kind === 'secret') {
      return seedAccess((use) => this.deps.useSeed(source.secretId, use));
    }
    const cards = this.deps.cards();
    if (!cards) throw new LifeboatError('not-found', undefined, { kind: 'card' });
    return cardAccess(cards, source.sessionId);
  }

  /** The wallet a source opens, by fingerprint: what drills compare. */
  async fingerprint(source: SourceRef): Promise<SourceFingerprint> {
    const { addressSource } = this.access(source);
    const keyUid = addressSource.keyUid;
    const [first] = await addressSource.accounts('bip44', 0, 1);
    if (keyUid === undefined || !first) {
      throw new LifeboatError(source.kind === 'card' ? 'no-key' : 'secret-not-found');
    }
    const method =
      source.kind === 'card'
        ? 'card'
        : this.deps.secretKind(source.secretId).startsWith('slip39')
          ? 'slip39'
          : 'bip39';
    const instanceId = source.kind === 'card' ? await this.cardId(source.sessionId) : undefined;
    return { method, keyUid, firstAddress: first.address, ...(instanceId ? { instanceId } : {}) };
  }

  private async cardId(sessionId: string): Promise<string | undefined> {
    try {
      return await this.deps.cards()?.instanceId(sessionId);
    } catch (error) {
      if (error instanceof LifeboatError && error.code === 'not-supported') return undefined;
      throw error;
    }
  }
}
