// What a search covered, in words: which networks, how many addresses, which schemes.
import type { DiscoveryResult, Settings } from '../../preload/api';
import { t } from '../i18n/t';
import { networkName } from '../settings/networks';
import { SCHEME_NAME } from './scheme-names';

export function scannedParams(
  scanned: DiscoveryResult['scanned'],
  settings: Settings | null,
): { networks: string; addresses: number; schemes: string } {
  return {
    networks: scanned.networkIds.map((id) => networkName(settings, id)).join(', '),
    addresses: scanned.addresses,
    schemes: scanned.schemes.map((scheme) => t(SCHEME_NAME[scheme])).join(', '),
  };
}
