// A plan's warnings in the console's words: main sends a code and its values, the catalogue
// says what it means.
import type { PlanWarning, PlanWarningCode, Settings } from '../../preload/api';
import { shortAddress } from '../format/address';
import { formatAmount } from '../format/amount';
import { t, type MessageKey } from '../i18n/t';
import { networkName } from '../settings/networks';

const WORDS: Record<Exclude<PlanWarningCode, 'remainder-expected'>, MessageKey> = {
  'destination-is-contract': 'warning.destinationContract',
  'destination-delegated': 'warning.destinationDelegated',
  'token-refused': 'warning.tokenRefused',
  'top-up-needed': 'warning.topUpNeeded',
  'top-up-not-allowed': 'warning.topUpNotAllowed',
  'top-up-short': 'warning.topUpShort',
  'native-refused': 'warning.nativeRefused',
  'native-below-fee': 'warning.nativeBelowFee',
};

/** Why some of the native coin stays behind, by the planner's `cause`. */
const REMAINDER: Record<string, MessageKey> = {
  contract: 'warning.remainderContract',
  'l1-fee': 'warning.remainderL1Fee',
  'measured-gas': 'warning.remainderMeasured',
};

export function warningText(warning: PlanWarning, settings: Settings | null): string {
  const p = warning.params;
  const coin = (key: string) => formatAmount(p[key] ?? '0', Number(p.decimals ?? 18));
  const key =
    warning.code === 'remainder-expected'
      ? (REMAINDER[p.cause ?? ''] ?? 'warning.remainderMeasured')
      : WORDS[warning.code];
  return t(key, {
    network: networkName(settings, warning.networkId),
    account: warning.account === undefined ? '' : shortAddress(warning.account),
    symbol: p.symbol ?? '',
    delegate: p.delegate ?? '',
    fees: coin('fees'),
    topUp: coin('topUp'),
    available: coin('available'),
    amount: coin('amount'),
  });
}
