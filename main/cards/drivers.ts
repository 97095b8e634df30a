// The card families Lifeboat speaks to, in the order their applets are tried: the one place
// that names them, so everything else reaches cards only through the seam (family.ts).
import type { CardDriver } from './family';
import { keycardDriver, type KeycardDriverOptions } from './keycard/driver';
import { satochipDriver } from './satochip/driver';
import { seedkeeperDriver } from './seedkeeper/driver';
import { toporinTrustWith } from './toporin/trust';

export type DriverOptions = KeycardDriverOptions;

export function cardDrivers(options: DriverOptions): CardDriver[] {
  // Read at each attestation, like the Keycard's, so a key added in the settings counts at once.
  const toporinTrust = () => toporinTrustWith(options.trustedCaKeys());
  return [keycardDriver(options), satochipDriver(toporinTrust), seedkeeperDriver(toporinTrust)];
}
