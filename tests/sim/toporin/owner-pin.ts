// javacard.framework.OwnerPIN as the Toporin applets create it: `new OwnerPIN(tryLimit,
// 16)` with the try limit taken from a signed byte of SETUP, so 0 or anything from 0x80 up
// is a PINException (6F00) halfway through SETUP. The PIN semantics are the runtime's and
// shared with the Keycard model.
import { OwnerPin } from '../keycard/owner-pin';
import { uncaught } from './javacard';

export { OwnerPin };

export function newOwnerPin(tryLimit: number): OwnerPin {
  if (tryLimit < 1) uncaught('PINException ILLEGAL_VALUE');
  return new OwnerPin(tryLimit, new Uint8Array(0));
}
