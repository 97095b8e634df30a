// Command APDUs as the Toporin applets (Satochip, Seedkeeper) take them: class byte 0xB0,
// short APDUs only. Inside the secure channel the applet reads Lc from the decrypted
// buffer, which still carries the channel's padding, so a command always states its Lc,
// even when it carries no data.
import { LifeboatError } from '../../errors';

export const CLA_TOPORIN = 0xb0;

export const AID = {
  satochip: Uint8Array.from([0x53, 0x61, 0x74, 0x6f, 0x43, 0x68, 0x69, 0x70, 0x00]),
  seedkeeper: Uint8Array.from([0x53, 0x65, 0x65, 0x64, 0x4b, 0x65, 0x65, 0x70, 0x65, 0x72, 0x00]),
} as const;

export const INS = {
  setup: 0x2a,
  getStatus: 0x3c,
  cardLabel: 0x3d,
  verifyPin: 0x42,
  changePin: 0x44,
  unblockPin: 0x46,
  logoutAll: 0x60,
  importSeed: 0x6c,
  getExtendedKey: 0x6d,
  getAuthentikey: 0x73,
  resetSeed: 0x77,
  signHash: 0x7a,
  openSecureChannel: 0x81,
  processSecureChannel: 0x82,
  exportCertificate: 0x93,
  challengeResponse: 0x9a,
  generateMasterseed: 0xa0,
  importSecret: 0xa1,
  exportSecret: 0xa2,
  resetSecret: 0xa5,
  listSecretHeaders: 0xa6,
  seedkeeperStatus: 0xa7,
  exportAuthentikey: 0xad,
  resetToFactory: 0xff,
} as const;

/** P2 of the multi-step commands (certificate export, secret import/export, header listing). */
export const OP = { init: 0x01, process: 0x02, finalize: 0x03 } as const;

const MAX_DATA = 255;

export interface ToporinCommand {
  ins: number;
  p1?: number;
  p2?: number;
  data?: Uint8Array;
}

/** `B0 ins p1 p2 Lc data`, with Lc present (0) for a command without data. */
export function encodeCommand({ ins, p1 = 0, p2 = 0, data }: ToporinCommand): Uint8Array {
  for (const byte of [ins, p1, p2]) {
    if (!Number.isInteger(byte) || byte < 0 || byte > 0xff)
      throw new LifeboatError('invalid-request', 'An APDU header byte is out of range.');
  }
  const body = data ?? new Uint8Array(0);
  if (body.length > MAX_DATA)
    throw new LifeboatError('invalid-request', 'A card command carries at most 255 data bytes.');
  const out = new Uint8Array(5 + body.length);
  out.set([CLA_TOPORIN, ins, p1, p2, body.length]);
  out.set(body, 5);
  return out;
}

/** GET STATUS as the client sends it: a bare header, the one command the applet reads without Lc. */
export const STATUS_COMMAND = Uint8Array.from([CLA_TOPORIN, INS.getStatus, 0x00, 0x00]);

export function selectCommand(aid: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + aid.length);
  out.set([0x00, 0xa4, 0x04, 0x00, aid.length]);
  out.set(aid, 5);
  return out;
}
