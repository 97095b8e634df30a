// ECDSA signatures as JavaCard returns them: a DER SEQUENCE of two INTEGERs. The integers
// are read leniently (a leading zero too many is tolerated) but must be in range.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { LifeboatError, isLifeboatError } from '../../errors';
import { TAG, children, expectTag, readSingle } from './der';

const N = secp256k1.Point.CURVE().n;

function invalid(): LifeboatError {
  return new LifeboatError('signature-invalid', 'The card sent a malformed signature.');
}

function scalar(bytes: Uint8Array): bigint {
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start += 1;
  if (bytes.length - start > 32 || (bytes.length > 0 && bytes[0]! & 0x80)) throw invalid();
  const value = start === bytes.length ? 0n : BigInt(`0x${bytesToHex(bytes.subarray(start))}`);
  if (value === 0n || value >= N) throw invalid();
  return value;
}

export function parseDerSignature(der: Uint8Array): { r: bigint; s: bigint } {
  try {
    const [r, s, ...rest] = children(readSingle(der, TAG.sequence));
    if (rest.length > 0) throw invalid();
    return {
      r: scalar(expectTag(r, TAG.integer).value),
      s: scalar(expectTag(s, TAG.integer).value),
    };
  } catch (error) {
    if (isLifeboatError(error, 'malformed-response')) throw invalid();
    throw error;
  }
}
