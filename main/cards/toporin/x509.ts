// The parts of an X.509 certificate a Toporin chain needs: the signed bytes, the signature
// and its algorithm, issuer and subject names, the EC public key and whether it may act as
// a CA. Toporin's root is P-384 and signs its sub-CAs with ecdsa-with-SHA512; the sub-CAs
// are secp256k1 keys; the algorithm and curve are read from each certificate, never assumed.
import { p256, p384 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { LifeboatError } from '../../errors';
import {
  TAG,
  bitStringBytes,
  children,
  expectTag,
  oidText,
  readSingle,
  stringText,
  type DerElement,
} from './der';

export type CurveName = 'secp256k1' | 'p256' | 'p384';

const CURVES: Record<string, CurveName> = {
  '1.3.132.0.10': 'secp256k1',
  '1.2.840.10045.3.1.7': 'p256',
  '1.3.132.0.34': 'p384',
};

const HASHES: Record<string, (message: Uint8Array) => Uint8Array> = {
  '1.2.840.10045.4.3.2': sha256,
  '1.2.840.10045.4.3.3': sha384,
  '1.2.840.10045.4.3.4': sha512,
};

const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID = {
  commonName: '2.5.4.3',
  organisationalUnit: '2.5.4.11',
  basicConstraints: '2.5.29.19',
};

export interface EcPublicKey {
  curve: CurveName;
  /** SEC1 encoding as found in the certificate. */
  point: Uint8Array;
}

export interface Name {
  /** The DER of the whole Name, compared byte for byte when chaining. */
  raw: Uint8Array;
  commonName?: string;
  organisationalUnit?: string;
}

export interface Certificate {
  tbs: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  issuer: Name;
  subject: Name;
  publicKey: EcPublicKey;
  isCa: boolean;
}

function invalid(reason: string): LifeboatError {
  return new LifeboatError('malformed-response', `The certificate cannot be read: ${reason}.`);
}

function parseName(element: DerElement): Name {
  const name: Name = { raw: expectTag(element, TAG.sequence).raw };
  for (const rdn of children(element)) {
    for (const attribute of children(expectTag(rdn, TAG.set))) {
      const [type, value] = children(expectTag(attribute, TAG.sequence));
      const oid = oidText(expectTag(type, TAG.oid));
      if (!value) throw invalid('a name attribute has no value');
      if (oid === OID.commonName) name.commonName = stringText(value);
      if (oid === OID.organisationalUnit) name.organisationalUnit = stringText(value);
    }
  }
  return name;
}

function parseKey(element: DerElement): EcPublicKey {
  const [algorithm, key] = children(expectTag(element, TAG.sequence));
  const [kind, parameters] = children(expectTag(algorithm, TAG.sequence));
  if (oidText(expectTag(kind, TAG.oid)) !== EC_PUBLIC_KEY)
    throw invalid('the key is not an EC key');
  const curve = CURVES[oidText(expectTag(parameters, TAG.oid))];
  if (!curve) throw invalid('the key is on an unsupported curve');
  return { curve, point: bitStringBytes(expectTag(key, TAG.bitString)).slice() };
}

function parseIsCa(extensions: DerElement | undefined): boolean {
  if (!extensions) return false;
  const list = children(expectTag(children(extensions)[0], TAG.sequence));
  for (const extension of list) {
    const parts = children(expectTag(extension, TAG.sequence));
    if (oidText(expectTag(parts[0], TAG.oid)) !== OID.basicConstraints) continue;
    const value = expectTag(parts[parts.length - 1], TAG.octetString).value;
    const [cA] = children(readSingle(value, TAG.sequence));
    return cA?.tag === TAG.boolean && cA.value.length === 1 && cA.value[0] !== 0;
  }
  return false;
}

export function parseCertificate(der: Uint8Array): Certificate {
  const [tbsElement, algorithmElement, signatureElement, ...extra] = children(
    readSingle(der, TAG.sequence),
  );
  if (extra.length > 0) throw invalid('the certificate has extra fields');
  const tbsFields = children(expectTag(tbsElement, TAG.sequence));
  // The optional [0] version comes first; without it the certificate is v1.
  const fields = tbsFields[0]?.tag === 0xa0 ? tbsFields.slice(1) : tbsFields;
  const [serial, innerAlgorithm, issuer, validity, subject, key, ...rest] = fields;
  expectTag(serial, TAG.integer);
  expectTag(validity, TAG.sequence);
  const [algorithmOid] = children(expectTag(algorithmElement, TAG.sequence));
  const signatureAlgorithm = oidText(expectTag(algorithmOid, TAG.oid));
  const [innerOid] = children(expectTag(innerAlgorithm, TAG.sequence));
  if (oidText(expectTag(innerOid, TAG.oid)) !== signatureAlgorithm)
    throw invalid('the two signature algorithm fields differ');
  return {
    tbs: tbsElement!.raw,
    signatureAlgorithm,
    signature: bitStringBytes(expectTag(signatureElement, TAG.bitString)),
    issuer: parseName(issuer!),
    subject: parseName(subject!),
    publicKey: parseKey(key!),
    isCa: parseIsCa(rest.find((element) => element.tag === 0xa3)),
  };
}

const VERIFIERS = { secp256k1, p256, p384 } as const;

/** Whether `issuerKey` signed `certificate`; false for any unsupported or malformed part. */
export function signedBy(certificate: Certificate, issuerKey: EcPublicKey): boolean {
  const hash = HASHES[certificate.signatureAlgorithm];
  if (!hash) return false;
  try {
    return VERIFIERS[issuerKey.curve].verify(
      certificate.signature,
      hash(certificate.tbs),
      issuerKey.point,
      { prehash: false, format: 'der', lowS: false },
    );
  } catch {
    return false;
  }
}

export function sameName(a: Name, b: Name): boolean {
  return a.raw.length === b.raw.length && a.raw.every((byte, i) => byte === b.raw[i]);
}
