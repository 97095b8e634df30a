// Factory certificates for the simulated Toporin cards. A real card holds one X.509 DER
// certificate for its authentikey (secp256k1), issued by a product sub-CA (secp256k1 key)
// under "Toporin Personalization Root CA 1" (P-384, ecdsa-with-SHA512); its subject CN is
// the SHA-1 of the card's GlobalPlatform CPLC/IIN/CIN answers. Nobody has Toporin's keys,
// so the simulator brings a test chain of the same shape, built from fixed keys: a test
// can add TEST_TOPORIN_CA to its trusted set. An "untrusted" card carries a chain with the
// very same names under other keys, so only a signature check tells them apart.
import { p384 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  bitString,
  boolean,
  explicit,
  implicit,
  integer,
  objectIdentifier,
  octetString,
  printableString,
  sequence,
  set,
  utcTime,
  utf8String,
} from './der';

export type CertificateKind = 'test-ca' | 'none' | 'untrusted';
export type ToporinFamily = 'satochip' | 'seedkeeper';

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  secp256k1: '1.3.132.0.10',
  secp384r1: '1.3.132.0.34',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

const NOT_BEFORE = new Date(Date.UTC(2020, 11, 1, 12));
const NOT_AFTER = new Date(Date.UTC(2040, 11, 1, 12));
const ORGANIZATION = 'Lifeboat Test';
const ROOT_NAME = 'Lifeboat Test Toporin Personalization Root CA';
const PRODUCT = { satochip: 'Satochip', seedkeeper: 'SeedKeeper' } as const;

type Curve = 'p384' | 'secp256k1';

interface Issuer {
  name: Uint8Array;
  curve: Curve;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

export interface CaCertificate {
  /** X.509 DER. */
  certificate: Uint8Array;
  /** Uncompressed public key, hex (P-384 for the root, secp256k1 for the sub-CAs). */
  publicKey: string;
}

export interface TestToporinCa {
  root: CaCertificate;
  satochip: CaCertificate;
  seedkeeper: CaCertificate;
}

function name(organizationalUnit: string | undefined, commonName: string): Uint8Array {
  const rdn = (oid: string, value: Uint8Array) => set(sequence(objectIdentifier(oid), value));
  return sequence(
    rdn(OID.country, printableString('BE')),
    rdn(OID.organization, utf8String(ORGANIZATION)),
    ...(organizationalUnit ? [rdn(OID.organizationalUnit, utf8String(organizationalUnit))] : []),
    rdn(OID.commonName, utf8String(commonName)),
  );
}

function keyIdentifier(publicKey: Uint8Array): Uint8Array {
  return sha1(publicKey);
}

function extension(oid: string, value: Uint8Array): Uint8Array {
  return sequence(objectIdentifier(oid), boolean(true), octetString(value));
}

function extensions(
  subjectKey: Uint8Array,
  issuerKey: Uint8Array | undefined,
  pathLength?: number,
) {
  const isCa = pathLength !== undefined;
  return explicit(
    3,
    sequence(
      extension(
        OID.basicConstraints,
        isCa ? sequence(boolean(true), integer(pathLength)) : sequence(),
      ),
      extension(
        OID.keyUsage,
        // keyCertSign | cRLSign for a CA, digitalSignature for the card.
        isCa ? bitString(Uint8Array.of(0x06), 1) : bitString(Uint8Array.of(0x80), 7),
      ),
      sequence(
        objectIdentifier(OID.subjectKeyIdentifier),
        octetString(octetString(keyIdentifier(subjectKey))),
      ),
      ...(issuerKey
        ? [
            sequence(
              objectIdentifier(OID.authorityKeyIdentifier),
              octetString(sequence(implicit(0, keyIdentifier(issuerKey)))),
            ),
          ]
        : []),
    ),
  );
}

function issue(
  issuer: Issuer,
  subject: { name: Uint8Array; curve: Curve; publicKey: Uint8Array },
  serial: Uint8Array,
  pathLength: number | undefined,
  selfSigned: boolean,
): Uint8Array {
  const signatureAlgorithm = sequence(
    objectIdentifier(issuer.curve === 'p384' ? OID.ecdsaWithSha512 : OID.ecdsaWithSha256),
  );
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(BigInt('0x' + bytesToHex(serial))),
    signatureAlgorithm,
    issuer.name,
    sequence(utcTime(NOT_BEFORE), utcTime(NOT_AFTER)),
    subject.name,
    sequence(
      sequence(
        objectIdentifier(OID.ecPublicKey),
        objectIdentifier(subject.curve === 'p384' ? OID.secp384r1 : OID.secp256k1),
      ),
      bitString(subject.publicKey),
    ),
    extensions(subject.publicKey, selfSigned ? undefined : issuer.publicKey, pathLength),
  );
  const signature =
    issuer.curve === 'p384'
      ? p384.sign(sha512(tbs), issuer.privateKey, { prehash: false, format: 'der' })
      : secp256k1.sign(sha256(tbs), issuer.privateKey, { prehash: false, format: 'der' });
  return sequence(tbs, signatureAlgorithm, bitString(signature));
}

interface Chain {
  root: Issuer & { certificate: Uint8Array };
  subCa: Record<ToporinFamily, Issuer & { certificate: Uint8Array }>;
}

function chainFrom(label: string): Chain {
  const rootKey = sha384(utf8ToBytes(`${label} root`));
  const root: Issuer = {
    name: name(undefined, ROOT_NAME),
    curve: 'p384',
    privateKey: rootKey,
    publicKey: p384.getPublicKey(rootKey, false),
  };
  const rootCertificate = issue(root, root, Uint8Array.of(1), 1, true);
  const subCa = (family: ToporinFamily, serial: number) => {
    const privateKey = sha256(utf8ToBytes(`${label} ${family} sub-CA`));
    const ca: Issuer = {
      name: name(PRODUCT[family], `${PRODUCT[family]} Test Personalization SubCA`),
      curve: 'secp256k1',
      privateKey,
      publicKey: secp256k1.getPublicKey(privateKey, false),
    };
    return { ...ca, certificate: issue(root, ca, Uint8Array.of(serial), 0, false) };
  };
  return {
    root: { ...root, certificate: rootCertificate },
    subCa: { satochip: subCa('satochip', 2), seedkeeper: subCa('seedkeeper', 3) },
  };
}

const TRUSTED = chainFrom('Lifeboat test Toporin CA');
const IMPOSTOR = chainFrom('Lifeboat untrusted Toporin CA');

function published(ca: { certificate: Uint8Array; publicKey: Uint8Array }): CaCertificate {
  return { certificate: ca.certificate.slice(), publicKey: bytesToHex(ca.publicKey) };
}

/** The simulator's own root and product sub-CAs, for a test's trusted set. */
export const TEST_TOPORIN_CA: TestToporinCa = {
  root: published(TRUSTED.root),
  satochip: published(TRUSTED.subCa.satochip),
  seedkeeper: published(TRUSTED.subCa.seedkeeper),
};

/**
 * The device certificate a factory would have put on the card: the authentikey under the
 * family's sub-CA of the test chain, or of the impostor chain for 'untrusted'.
 */
export function deviceCertificate(
  kind: Exclude<CertificateKind, 'none'>,
  family: ToporinFamily,
  authentikey: Uint8Array,
  serialNumber: string,
): Uint8Array {
  const issuer = (kind === 'test-ca' ? TRUSTED : IMPOSTOR).subCa[family];
  return issue(
    issuer,
    { name: name(PRODUCT[family], serialNumber), curve: 'secp256k1', publicKey: authentikey },
    randomBytes(8),
    undefined,
    false,
  );
}
