// The Ident applet (A0000008040001 0401): SELECT answers the raw certificate (or nothing),
// and a single unauthenticated STORE DATA of certificate ‖ ident private key provisions it.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { OFFSET_CDATA, SW, isoError, withStatus, type ApduBuffer } from './apdu-buffer';
import { CERTIFICATE_LENGTH } from './identity';
import type { SharedMemory } from './shared-memory';

const INS_STORE_DATA = 0xe2;
const PRIVATE_KEY_LENGTH = 32;

export function selectIdent(shared: SharedMemory): Uint8Array {
  return withStatus(shared.identity ? shared.identity.certificate.slice() : new Uint8Array(0));
}

export function processIdent(shared: SharedMemory, buffer: ApduBuffer): Uint8Array {
  if (buffer.ins !== INS_STORE_DATA) isoError(SW.INS_NOT_SUPPORTED);
  if (shared.identity) isoError(SW.CONDITIONS_NOT_SATISFIED);
  if (buffer.lc !== CERTIFICATE_LENGTH + PRIVATE_KEY_LENGTH) isoError(SW.WRONG_DATA);
  const privateKey = buffer.read(OFFSET_CDATA + CERTIFICATE_LENGTH, PRIVATE_KEY_LENGTH);
  if (!secp256k1.utils.isValidSecretKey(privateKey)) isoError(SW.WRONG_DATA);
  shared.identity = { certificate: buffer.read(OFFSET_CDATA, CERTIFICATE_LENGTH), privateKey };
  return withStatus(new Uint8Array(0));
}
