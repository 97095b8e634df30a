// The SIGN response in both formats the Keycard protocol defines, turned into an Ethereum
// style recoverable signature. The applet does not compute the recovery id, so it is found
// by public-key recovery against the key the card reports.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { LifeboatError } from '../../errors';
import { uncompressedPublicKey } from './public-key';
import { decodeTlvs, findTag, requireTag, type Tlv } from './tlv';

const N = secp256k1.Point.CURVE().n;
const HALF_N = N >> 1n;

const TAG = { template: 0xa0, publicKey: 0x80, der: 0x30, integer: 0x02, raw: 0x80 } as const;

export interface RecoverableSignature {
  r: Uint8Array;
  s: Uint8Array;
  /** 0 or 1 (y parity of R); 2 and 3 are astronomically rare but valid. */
  recoveryId: number;
  /** The signer's uncompressed 65-byte public key. */
  publicKey: Uint8Array;
}

function invalid(message: string): LifeboatError {
  return new LifeboatError('signature-invalid', message);
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytesToHex(bytes)}`);
}

function to32(value: bigint): Uint8Array {
  return hexToBytes(value.toString(16).padStart(64, '0'));
}

/** A signature scalar as 32 bytes: leading zeros stripped, left-padded, range-checked. */
function scalar(bytes: Uint8Array, what: string): bigint {
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start += 1;
  if (bytes.length - start > 32) throw invalid(`The card sent an oversized signature ${what}.`);
  const value = toBigInt(bytes.subarray(start));
  if (value === 0n || value >= N) throw invalid(`The card sent an out-of-range signature ${what}.`);
  return value;
}

/**
 * (r, s) from the DER SEQUENCE among a template's fields, read leniently: the card keeps a 32-byte S after flipping it to low-S,
 * so a non-minimal INTEGER encoding is expected now and then and must not be rejected.
 */
export function derSignatureIn(fields: readonly Tlv[]): { r: bigint; s: bigint } {
  const parts = decodeTlvs(requireTag(fields, TAG.der, 'signature'));
  return {
    r: scalar(requireTag(parts, TAG.integer, 'signature r'), 'r'),
    s: scalar(requireTag(parts, TAG.integer, 'signature s', { occurrence: 1 }), 's'),
  };
}

export function recoverPublicKey(
  hash: Uint8Array,
  r: bigint,
  s: bigint,
  recoveryId: number,
): Uint8Array | undefined {
  try {
    return new secp256k1.Signature(r, s, recoveryId).recoverPublicKey(hash).toBytes(false);
  } catch {
    return undefined;
  }
}

/** The recovery id under which (r, s) over `hash` recovers `publicKey`. */
export function findRecoveryId(
  hash: Uint8Array,
  r: bigint,
  s: bigint,
  publicKey: Uint8Array,
): number {
  const expected = bytesToHex(publicKey);
  for (let id = 0; id < 4; id += 1) {
    const recovered = recoverPublicKey(hash, r, s, id);
    if (recovered && bytesToHex(recovered) === expected) return id;
  }
  throw invalid('The card’s signature does not match the public key it reported.');
}

/** Low-S form (what Ethereum accepts); negating S flips the parity of the recovery id. */
function normalise(
  r: bigint,
  s: bigint,
  recoveryId: number,
  publicKey: Uint8Array,
): RecoverableSignature {
  const high = s > HALF_N;
  return {
    r: to32(r),
    s: to32(high ? N - s : s),
    recoveryId: high ? recoveryId ^ 1 : recoveryId,
    publicKey,
  };
}

/**
 * Parses a SIGN answer: the A0 template (public key + DER signature; every 3.x applet) or
 * the raw `80 41 r‖s‖recId` form some implementations return. The template is tried first
 * because the raw form's tag 80 is also the public-key tag inside the template.
 */
export function parseSignResponse(data: Uint8Array, hash: Uint8Array): RecoverableSignature {
  const top = decodeTlvs(data);
  const template = findTag(top, TAG.template);
  if (template !== undefined) {
    const fields = decodeTlvs(template);
    const publicKey = uncompressedPublicKey(
      requireTag(fields, TAG.publicKey, 'signer key', { length: 65 }),
      'signer key',
    );
    const { r, s } = derSignatureIn(fields);
    return normalise(r, s, findRecoveryId(hash, r, s, publicKey), publicKey);
  }
  const raw = requireTag(top, TAG.raw, 'signature', { length: 65 });
  const r = scalar(raw.subarray(0, 32), 'r');
  const s = scalar(raw.subarray(32, 64), 's');
  const id = raw[64]! >= 27 ? raw[64]! - 27 : raw[64]!;
  if (id > 3) throw invalid('The card sent an invalid recovery id.');
  const publicKey = recoverPublicKey(hash, r, s, id);
  if (!publicKey) throw invalid('The card’s signature does not recover to any key.');
  return normalise(r, s, id, publicKey);
}
