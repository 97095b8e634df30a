import type { DrillResult } from '../../preload/api';
import type { MessageKey } from '../i18n/t';

export const METHOD: Record<DrillResult['method'], MessageKey> = {
  card: 'drill.methodCard',
  slip39: 'drill.methodShares',
  bip39: 'drill.methodPhrase',
};

/** The most recent result, if the wallet was ever checked. */
export function lastResult(results: readonly DrillResult[]): DrillResult | undefined {
  return results.reduce<DrillResult | undefined>(
    (latest, result) => (latest === undefined || result.at > latest.at ? result : latest),
    undefined,
  );
}
