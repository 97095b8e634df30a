// Plain words for what main reports about readers and cards.
import type {
  AttestationVerdict,
  CardFamily,
  CardInfo,
  CardSessionView,
  ReaderView,
} from '../../preload/api';
import type { Tone } from '../components/StatusLine';
import { t, type MessageKey } from '../i18n/t';

export const READER_STATE: Record<ReaderView['state'], MessageKey> = {
  'waiting-for-card': 'reader.empty',
  'card-present': 'reader.cardPresent',
  connected: 'reader.connected',
  error: 'reader.error',
};

export const VERDICT: Record<AttestationVerdict, MessageKey> = {
  genuine: 'attestation.genuine',
  'unknown-issuer': 'attestation.unknownIssuer',
  'no-certificate': 'attestation.noCertificate',
  invalid: 'attestation.invalid',
  'needs-unlock': 'attestation.needsUnlock',
};

export const VERDICT_TONE: Record<AttestationVerdict, Tone> = {
  genuine: 'good',
  'unknown-issuer': 'warning',
  'no-certificate': 'warning',
  invalid: 'bad',
  'needs-unlock': 'info',
};

/** Each family's name, with and without the applet version. */
const FAMILY: Record<CardFamily, { versioned: MessageKey; plain: MessageKey }> = {
  keycard: { versioned: 'card.keycard', plain: 'card.keycardNoVersion' },
  satochip: { versioned: 'card.satochip', plain: 'card.satochipNoVersion' },
  seedkeeper: { versioned: 'card.seedkeeper', plain: 'card.seedkeeperNoVersion' },
};

/** "Satochip": the family's name alone. */
export function familyText(info: CardInfo): string {
  return t(FAMILY[info.family].plain);
}

/** "Keycard, version 3.1"; a blank card may not report its applet version. */
export function cardTypeText(session: CardSessionView): string {
  const { family, version } = session.info;
  return version ? t(FAMILY[family].versioned, { version }) : t(FAMILY[family].plain);
}

/** A wallet card has accounts; a backup card keeps copies of phrases and shares. */
export type CardKind = 'wallet' | 'backup';

export function cardKind(info: CardInfo): CardKind {
  return info.capabilities.includes('backup-secrets') ? 'backup' : 'wallet';
}

/** Whether the card holds a wallet key, even one whose fingerprint it shows only once unlocked. */
export function holdsKey(info: CardInfo): boolean {
  return info.keyUid !== undefined || info.keyLoaded === true;
}

/** "Blank", "Set up, no wallet key", "Set up, holds a wallet" or "a backup card". */
export function cardStateKey(session: CardSessionView): MessageKey {
  if (!session.info.initialized) return 'card.blank';
  if (cardKind(session.info) === 'backup') return 'card.backupCard';
  return holdsKey(session.info) ? 'card.hasKey' : 'card.noKey';
}
