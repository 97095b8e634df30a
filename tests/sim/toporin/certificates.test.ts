// TEST_TOPORIN_CA as a test's trusted set will use it, read back with Node's OpenSSL: a
// P-384 root signing with ecdsa-with-SHA512 (the shape of Toporin's real root) and a
// secp256k1 sub-CA per family under it.
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_TOPORIN_CA } from './certificates';
import { hex } from './raw-client';

function x509(der: Uint8Array): X509Certificate {
  return new X509Certificate(Buffer.from(der));
}

function rawPublicKey(certificate: X509Certificate): string {
  const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
  const size = certificate.publicKey.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 97 : 65;
  return hex(spki.subarray(-size));
}

describe('TEST_TOPORIN_CA', () => {
  it('has a self-signed P-384 root CA whose published key is its own', () => {
    const root = x509(TEST_TOPORIN_CA.root.certificate);
    expect(root.ca).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(root.checkIssued(root)).toBe(true);
    expect(root.publicKey.asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    expect(rawPublicKey(root)).toBe(TEST_TOPORIN_CA.root.publicKey);
    expect(root.toLegacyObject().asn1Curve).toBe('secp384r1');
  });

  it.each(['satochip', 'seedkeeper'] as const)(
    'has a %s sub-CA on secp256k1 under the root',
    (family) => {
      const root = x509(TEST_TOPORIN_CA.root.certificate);
      const subCa = x509(TEST_TOPORIN_CA[family].certificate);
      expect(subCa.ca).toBe(true);
      expect(subCa.verify(root.publicKey)).toBe(true);
      expect(subCa.checkIssued(root)).toBe(true);
      expect(subCa.publicKey.asymmetricKeyDetails?.namedCurve).toBe('secp256k1');
      expect(rawPublicKey(subCa)).toBe(TEST_TOPORIN_CA[family].publicKey);
      expect(subCa.subject).toContain(family === 'satochip' ? 'OU=Satochip' : 'OU=SeedKeeper');
    },
  );

  it('keeps the two sub-CAs apart', () => {
    expect(TEST_TOPORIN_CA.satochip.publicKey).not.toBe(TEST_TOPORIN_CA.seedkeeper.publicKey);
    const satochip = x509(TEST_TOPORIN_CA.satochip.certificate);
    const seedkeeper = x509(TEST_TOPORIN_CA.seedkeeper.certificate);
    expect(satochip.verify(seedkeeper.publicKey)).toBe(false);
  });
});
