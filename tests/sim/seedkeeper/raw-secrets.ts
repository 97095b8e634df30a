// Test-only host side of the Seedkeeper's secret commands, as pysatochip's
// seedkeeper_import_secret / seedkeeper_export_secret / seedkeeper_list_secret_headers
// drive them, over the raw client's secure channel.
import { concatBytes } from '@noble/hashes/utils.js';
import { ascii, cmd, u16, type Channel } from '../toporin/raw-client';

const CHUNK = 128;

export interface SecretInput {
  type: number;
  subtype?: number;
  exportRights?: number;
  label: string;
  data: Uint8Array;
}

export interface Header {
  id: number;
  type: number;
  origin: number;
  exportRights: number;
  exportsPlain: number;
  exportsSecure: number;
  pubkeyUses: number;
  fingerprint: string;
  subtype: number;
  label: string;
  /** id(2) ‖ header(13) ‖ label, as the card sent it. */
  bytes: Uint8Array;
}

/** make_header without the id: type, origin, rights, three counters, fingerprint, subtype, RFU, label. */
export function secretHeader(input: SecretInput): Uint8Array {
  const label = ascii(input.label);
  return concatBytes(
    Uint8Array.of(
      input.type,
      0,
      input.exportRights ?? 0x01,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      input.subtype ?? 0,
      0,
    ),
    Uint8Array.of(label.length),
    label,
  );
}

export function parseHeader(bytes: Uint8Array): Header {
  const labelSize = bytes[14]!;
  return {
    id: u16(bytes, 0),
    type: bytes[2]!,
    origin: bytes[3]!,
    exportRights: bytes[4]!,
    exportsPlain: bytes[5]!,
    exportsSecure: bytes[6]!,
    pubkeyUses: bytes[7]!,
    fingerprint: Buffer.from(bytes.subarray(8, 12)).toString('hex'),
    subtype: bytes[12]!,
    label: new TextDecoder().decode(bytes.subarray(15, 15 + labelSize)),
    bytes: bytes.slice(0, 15 + labelSize),
  };
}

function chunk(data: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(data.length >> 8, data.length & 0xff), data);
}

/** Plain import in 128-byte chunks; the final answer's [id | fingerprint], or the first failing SW. */
export async function importSecret(
  channel: Channel,
  input: SecretInput,
): Promise<{ sw: number; id: number; fingerprint: string }> {
  const padded = input.data.length + 16 - (input.data.length % 16);
  const init = await channel.command(
    cmd(
      0xa1,
      0x01,
      0x01,
      concatBytes(secretHeader(input), Uint8Array.of(padded >> 8, padded & 0xff)),
    ),
  );
  if (init.sw !== 0x9000) return { sw: init.sw, id: -1, fingerprint: '' };
  let offset = 0;
  while (input.data.length - offset > CHUNK) {
    const reply = await channel.command(
      cmd(0xa1, 0x01, 0x02, chunk(input.data.subarray(offset, offset + CHUNK))),
    );
    if (reply.sw !== 0x9000) return { sw: reply.sw, id: -1, fingerprint: '' };
    offset += CHUNK;
  }
  const final = await channel.command(cmd(0xa1, 0x01, 0x03, chunk(input.data.subarray(offset))));
  if (final.sw !== 0x9000) return { sw: final.sw, id: -1, fingerprint: '' };
  return {
    sw: final.sw,
    id: u16(final.data, 0),
    fingerprint: Buffer.from(final.data.subarray(2, 6)).toString('hex'),
  };
}

export interface Exported {
  sw: number;
  header?: Header;
  data?: Uint8Array;
  /** The authentikey's signature over header bytes ‖ data. */
  signature?: Uint8Array;
}

/** Plain export: INIT (header), then PROCESS until the answer carries the signature. */
export async function exportSecret(channel: Channel, id: number): Promise<Exported> {
  const idBytes = Uint8Array.of(id >> 8, id & 0xff);
  const init = await channel.command(cmd(0xa2, 0x01, 0x01, idBytes));
  if (init.sw !== 0x9000) return { sw: init.sw };
  const header = parseHeader(init.data);
  const parts: Uint8Array[] = [];
  for (;;) {
    const reply = await channel.command(cmd(0xa2, 0x01, 0x02, idBytes));
    if (reply.sw !== 0x9000) return { sw: reply.sw, header };
    const size = u16(reply.data, 0);
    parts.push(reply.data.slice(2, 2 + size));
    if (reply.data.length > 2 + size) {
      const at = 2 + size;
      const signature = reply.data.slice(at + 2, at + 2 + u16(reply.data, at));
      return { sw: 0x9000, header, data: concatBytes(...parts), signature };
    }
  }
}

/** LIST SECRET HEADERS until the card says there is no more (9C12). */
export async function listSecrets(channel: Channel): Promise<{ headers: Header[]; end: number }> {
  const headers: Header[] = [];
  let reply = await channel.command(cmd(0xa6, 0x00, 0x01));
  while (reply.sw === 0x9000) {
    headers.push(parseHeader(reply.data));
    reply = await channel.command(cmd(0xa6, 0x00, 0x02));
  }
  return { headers, end: reply.sw };
}
