// Command APDUs as the Keycard applet takes them (short APDUs only) and response APDUs
// split into data and status word.
import { LifeboatError } from '../../errors';

export const CLA_ISO = 0x00;
export const CLA_KEYCARD = 0x80;

export const INS = {
  select: 0xa4,
  init: 0xfe,
  identify: 0x14,
  openSecureChannel: 0x10,
  mutuallyAuthenticate: 0x11,
  pair: 0x12,
  unpair: 0x13,
  getStatus: 0xf2,
  verifyPin: 0x20,
  changePin: 0x21,
  unblockPin: 0x22,
  loadKey: 0xd0,
  generateMnemonic: 0xd2,
  removeKey: 0xd3,
  generateKey: 0xd4,
  sign: 0xc0,
  exportKey: 0xc2,
  getData: 0xca,
  storeData: 0xe2,
  factoryReset: 0xfd,
} as const;

export const SW_OK = 0x9000;

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /** Expected response length; 0 means "up to 256". Only SELECT sends one. */
  le?: number;
}

export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

export function encodeCommand(command: CommandApdu): Uint8Array {
  const { cla, ins, p1, p2, data, le } = command;
  for (const byte of [cla, ins, p1, p2, le ?? 0]) {
    if (!Number.isInteger(byte) || byte < 0 || byte > 0xff)
      throw new LifeboatError('invalid-request', 'An APDU header byte is out of range.');
  }
  const body = data ?? new Uint8Array(0);
  if (body.length > 255)
    throw new LifeboatError('invalid-request', 'A Keycard command carries at most 255 data bytes.');
  const out = new Uint8Array(
    4 + (body.length > 0 ? 1 + body.length : 0) + (le === undefined ? 0 : 1),
  );
  out.set([cla, ins, p1, p2]);
  if (body.length > 0) {
    out[4] = body.length;
    out.set(body, 5);
  }
  if (le !== undefined) out[out.length - 1] = le;
  return out;
}

export function parseResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2)
    throw new LifeboatError(
      'malformed-response',
      'The card answered with less than a status word.',
    );
  const n = bytes.length;
  return { data: bytes.subarray(0, n - 2), sw: (bytes[n - 2]! << 8) | bytes[n - 1]! };
}

export function swHex(sw: number): string {
  return sw.toString(16).padStart(4, '0');
}
