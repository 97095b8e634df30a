// The card families Lifeboat speaks to, in the order their applets are tried: the one place
// that names them, so everything else reaches cards only through the seam (family.ts).
import type { CardDriver } from './family';
import { keycardDriver, type KeycardDriverOptions } from './keycard/driver';

export type DriverOptions = KeycardDriverOptions;

export function cardDrivers(options: DriverOptions): CardDriver[] {
  return [keycardDriver(options)];
}
