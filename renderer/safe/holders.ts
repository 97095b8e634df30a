// The cards and wallets the person holds right now: unlocked cards in the readers and the
// rebuilt wallets main keeps. A Safe is signed for and paid from these.
import type { CardSessionView, SecretView, SourceRef } from '../../preload/api';
import { shortAddress } from '../format/address';
import { t } from '../i18n/t';

export interface Holder {
  source: SourceRef;
  /** In plain words: which card or wallet. */
  label: string;
}

export function heldSources(
  sessions: readonly CardSessionView[],
  secrets: readonly SecretView[],
): Holder[] {
  return [
    ...sessions
      .filter((s) => s.unlocked && s.info.keyUid !== undefined)
      .map((s) => ({
        source: { kind: 'card', sessionId: s.sessionId } as const,
        label: t('safe.cardIn', { reader: s.reader }),
      })),
    ...secrets.map((s) => ({
      source: { kind: 'secret', secretId: s.secretId } as const,
      label: t('safe.rebuiltWallet', { address: shortAddress(s.addresses[0] ?? '') }),
    })),
  ];
}

export function sameSource(a: SourceRef, b: SourceRef): boolean {
  return a.kind === 'card'
    ? b.kind === 'card' && a.sessionId === b.sessionId
    : b.kind === 'secret' && a.secretId === b.secretId;
}
