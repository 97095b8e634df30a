// IDENTIFY CARD's answer: `A0 { 8A certificate(98), 30 DER signature of the challenge }`.
// The certificate is identPub(33, compressed) ‖ r ‖ s ‖ recId, the CA's signature over
// SHA-256(identPub); the challenge signature is made by the ident key over the raw
// challenge and is not low-S normalised (keycard-go commit 5a4ec08).
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { isLifeboatError } from '../../errors';
import { derSignatureIn, recoverPublicKey } from './signature';
import { decodeTlvs, requireTag } from './tlv';

const TAG = { template: 0xa0, certificate: 0x8a } as const;
export const CERTIFICATE_LENGTH = 98;

export type IdentityCheck =
  | { ok: true; caPublicKey: Uint8Array; identityPublicKey: Uint8Array }
  | { ok: false; reason: string };

function bigint(bytes: Uint8Array): bigint {
  return BigInt(`0x${bytesToHex(bytes)}`);
}

/**
 * Checks an IDENTIFY answer against the challenge that was sent and recovers the CA key
 * that issued the card's certificate. Never throws: a malformed answer is a failed check.
 */
export function verifyIdentity(challenge: Uint8Array, response: Uint8Array): IdentityCheck {
  let fields;
  let certificate: Uint8Array;
  let signature: { r: bigint; s: bigint };
  try {
    fields = decodeTlvs(requireTag(decodeTlvs(response), TAG.template, 'identity template'));
    certificate = requireTag(fields, TAG.certificate, 'certificate', {
      length: CERTIFICATE_LENGTH,
    });
    signature = derSignatureIn(fields);
  } catch (error) {
    if (isLifeboatError(error)) return { ok: false, reason: 'the card’s answer is malformed' };
    throw error;
  }
  const identityPublicKey = certificate.slice(0, 33);
  const recoveryId = certificate[97]!;
  let identityPoint;
  try {
    identityPoint = secp256k1.Point.fromBytes(identityPublicKey);
  } catch {
    return { ok: false, reason: 'the certificate holds an invalid card key' };
  }
  const challengeSignature = new secp256k1.Signature(signature.r, signature.s).toBytes('compact');
  const signed = secp256k1.verify(challengeSignature, challenge, identityPoint.toBytes(true), {
    prehash: false,
    lowS: false,
  });
  if (!signed)
    return { ok: false, reason: 'the card did not sign the challenge with its certified key' };
  const r = certificate.subarray(33, 65);
  const s = certificate.subarray(65, 97);
  if (recoveryId > 3) return { ok: false, reason: 'the certificate’s signature is malformed' };
  const rValue = bigint(r);
  const sValue = bigint(s);
  const order = secp256k1.Point.CURVE().n;
  if (rValue === 0n || sValue === 0n || rValue >= order || sValue >= order)
    return { ok: false, reason: 'the certificate’s signature is malformed' };
  const ca = recoverPublicKey(sha256(identityPublicKey), rValue, sValue, recoveryId);
  if (!ca)
    return { ok: false, reason: 'the certificate’s signature does not lead to any issuer key' };
  return {
    ok: true,
    caPublicKey: secp256k1.Point.fromBytes(ca).toBytes(true),
    identityPublicKey,
  };
}
