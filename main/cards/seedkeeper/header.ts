// Seedkeeper secret headers (Specifications.md, SeedKeeper.java): LIST SECRET HEADERS and
// EXPORT SECRET answer `id(2) | type | origin | export_control | nb_export_plain |
// nb_export_secure | use_counter | fingerprint(4) | subtype | RFU | label_size | label`;
// IMPORT SECRET takes the same 13-byte header and label without the id. The fingerprint
// is the first 4 bytes of SHA-256 over the secret's bytes.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { LifeboatError } from '../../errors';
import { ByteReader } from '../toporin/reader';

export const SECRET_TYPE = {
  masterseed: 0x10,
  bip39Mnemonic: 0x30,
  electrumMnemonic: 0x40,
  shamirShare: 0x50,
  privateKey: 0x60,
  publicKey: 0x70,
  key: 0x80,
  password: 0x90,
  masterPassword: 0x91,
  certificate: 0xa0,
  secondFactor: 0xb0,
  data: 0xc0,
  walletDescriptor: 0xc1,
} as const;

export const SUBTYPE = { default: 0x00, bip39: 0x01 } as const;

/** Who may read a secret back: never, in plain or encrypted form, or only encrypted for another card. */
export type ExportRights = 'forbidden' | 'plain' | 'encrypted-only' | 'authenticated-only';
const EXPORT_CODES: readonly ExportRights[] = [
  'forbidden',
  'plain',
  'encrypted-only',
  'authenticated-only',
];

export type SecretOrigin = 'imported' | 'imported-encrypted' | 'generated-on-card' | 'unknown';
const ORIGINS: Record<number, SecretOrigin> = {
  0x01: 'imported',
  0x02: 'imported-encrypted',
  0x03: 'generated-on-card',
};

export const HEADER_SIZE = 13;
export const LABEL_MAX = 127;

export interface SecretHeader {
  id: number;
  type: number;
  subtype: number;
  origin: SecretOrigin;
  exportRights: ExportRights;
  plainExports: number;
  encryptedExports: number;
  /** First 4 bytes of SHA-256 of the secret, hex. */
  fingerprint: string;
  label: string;
}

export function exportRightsCode(rights: ExportRights): number {
  return EXPORT_CODES.indexOf(rights);
}

function decodeLabel(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LifeboatError('malformed-response', 'A secret’s label is not valid text.');
  }
}

/** Reads `id | header | label` at the reader's position; `signed` is what the card's export signature covers. */
export function readSecretHeader(reader: ByteReader): { header: SecretHeader; signed: Uint8Array } {
  const start = reader.position;
  const id = reader.u16();
  const type = reader.u8();
  const origin = reader.u8();
  const exportControl = reader.u8();
  const plainExports = reader.u8();
  const encryptedExports = reader.u8();
  reader.u8();
  const fingerprint = bytesToHex(reader.take(4));
  const subtype = reader.u8();
  reader.u8();
  const label = decodeLabel(reader.take(reader.u8() & 0x7f));
  return {
    header: {
      id,
      type,
      subtype,
      origin: ORIGINS[origin] ?? 'unknown',
      exportRights: EXPORT_CODES[exportControl & 0x03]!,
      plainExports,
      encryptedExports,
      fingerprint,
      label,
    },
    signed: reader.since(start),
  };
}

export function parseSecretHeader(answer: Uint8Array): SecretHeader {
  const reader = new ByteReader(answer, 'secret header');
  const { header } = readSecretHeader(reader);
  reader.end();
  return header;
}

export function labelBytes(label: string): Uint8Array {
  const bytes = new TextEncoder().encode(label);
  if (bytes.length === 0 || bytes.length > LABEL_MAX)
    throw new LifeboatError('invalid-input', `A secret’s label is 1 to ${LABEL_MAX} bytes.`);
  return bytes;
}

/** The 13-byte header and label IMPORT SECRET takes (the card fills origin, counters, fingerprint). */
export function encodeImportHeader(params: {
  type: number;
  subtype: number;
  exportRights: ExportRights;
  label: string;
}): Uint8Array {
  const label = labelBytes(params.label);
  const out = new Uint8Array(HEADER_SIZE + label.length);
  out[0] = params.type;
  out[2] = exportRightsCode(params.exportRights);
  out[10] = params.subtype;
  out[12] = label.length;
  out.set(label, HEADER_SIZE);
  return out;
}

export function fingerprintOf(secret: Uint8Array): string {
  return bytesToHex(sha256(secret).subarray(0, 4));
}
