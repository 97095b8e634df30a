import type { Scheme } from '../../preload/api';
import type { MessageKey } from '../i18n/t';

export const SCHEME_NAME: Record<Scheme, MessageKey> = {
  bip44: 'scheme.bip44',
  'ledger-live': 'scheme.ledgerLive',
  legacy: 'scheme.legacy',
};
