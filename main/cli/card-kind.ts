// What the command line calls each card family, and the refusal it gives a card of the wrong
// kind (a backup card where a wallet is wanted, or the reverse) before any PIN is read.
import type { CardInfo } from '../../preload/api';
import { LifeboatError } from '../errors';

export const FAMILY_NAME: Record<CardInfo['family'], string> = {
  keycard: 'Keycard',
  satochip: 'Satochip',
  seedkeeper: 'Seedkeeper',
};

/** A wallet card has accounts; a backup card keeps labelled secrets. */
export type CardKind = 'wallet' | 'backup';

export function kindOf(info: CardInfo): CardKind {
  return info.capabilities.includes('backup-secrets') ? 'backup' : 'wallet';
}

export function requireKind(info: CardInfo, reader: string, wanted: CardKind): void {
  const kind = kindOf(info);
  if (kind === wanted) return;
  const name = FAMILY_NAME[info.family];
  throw kind === 'backup'
    ? new LifeboatError(
        'not-a-wallet-card',
        `The card in ${reader} is a ${name}, a backup card: it keeps copies of recovery phrases and shares, not a wallet. "lifeboat backup list --reader "${reader}"" shows what it keeps.`,
        { reader, family: info.family },
      )
    : new LifeboatError(
        'not-a-backup-card',
        `The card in ${reader} is a ${name}, a wallet card: it keeps no backups. Put the backup card (a Seedkeeper) in.`,
        { reader, family: info.family },
      );
}
