import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { readElement, readSingle, oidText, children } from '../../../../main/cards/toporin/der';
import {
  SATOCHIP_SUB_CA,
  SEEDKEEPER_SUB_CA,
  TOPORIN_ROOT_CA,
} from '../../../../main/cards/toporin/trust';
import { parseCertificate, sameName, signedBy } from '../../../../main/cards/toporin/x509';
import { isLifeboatError } from '../../../../main/errors';
import { CARD_CERTIFICATE, ROGUE_SUB_CA, TEST_ROOT, TEST_SUB_CA } from './fixtures';

// The sub-CA keys as published in pysatochip's cert/ text dumps (shared notes).
const SATOCHIP_SUB_CA_KEY =
  '047135710c69172b257491a457bbef604eb83ae785da9ba92d80303f9fedbcf9e8233266435aba1a85affaf8c3cffd704678501e7263b4869a6482751cc2345cc3';
const SEEDKEEPER_SUB_CA_KEY =
  '049a5fc4f7e9bcaa21552dcc69af2711a34e1b7e5eaf44161212cbb33758e2c7b5d62dd1833e5884ac7422f8b5356f11053a7361f837b10eb2eb71a2131abcfac5';
// The root's key from the same dump ("pub:" of ca.cert).
const ROOT_KEY =
  '04e593e0790e7863935d4c9338b985347febc32bf0f95c8f6963af62f849202b897efb32a3b0631863b824105cdca81d674119fca33b2cff4bd868ca64a1e3d836a55dd19431c0571bfcd2c3c9942adcdcdf4c09908f0e8a312bcf2f9ed1db82b5';

describe('DER reader', () => {
  it('decodes object identifiers', () => {
    expect(oidText(readSingle(hexToBytes('06082a8648ce3d040304')))).toBe('1.2.840.10045.4.3.4');
    expect(oidText(readSingle(hexToBytes('06052b8104000a')))).toBe('1.3.132.0.10');
    expect(oidText(readSingle(hexToBytes('0603550403')))).toBe('2.5.4.3');
  });

  it('reads long-form lengths and nested elements', () => {
    const inner = new Uint8Array(200).fill(7);
    const sequence = Uint8Array.from([0x30, 0x81, 203, 0x04, 0x81, 200, ...inner]);
    const [octets] = children(readSingle(sequence, 0x30));
    expect(octets!.value).toEqual(inner);
  });

  it.each([
    ['non-minimal length', '3081050400'],
    ['length past the end', '300504030201'],
    ['extra bytes', '30000000'],
    ['indefinite length', '308000000000'],
    ['multi-byte tag', '1f8101'],
  ])('refuses %s', (_, hex) => {
    expect(() => readSingle(hexToBytes(hex))).toThrow(
      expect.objectContaining({ code: 'malformed-response' }),
    );
  });

  it('fails every truncation of a real certificate with a typed error', () => {
    for (let cut = 0; cut < SATOCHIP_SUB_CA.length; cut += 1) {
      try {
        parseCertificate(SATOCHIP_SUB_CA.subarray(0, cut));
        throw new Error(`a certificate cut at ${cut} parsed`);
      } catch (error) {
        expect(isLifeboatError(error, 'malformed-response')).toBe(true);
      }
    }
    expect(readElement(SATOCHIP_SUB_CA).next).toBe(SATOCHIP_SUB_CA.length);
  });
});

describe('Toporin certificates', () => {
  it('reads the root: P-384, a CA, signing with ecdsa-with-SHA512', () => {
    const root = parseCertificate(TOPORIN_ROOT_CA);
    expect(root.subject.commonName).toBe('Toporin Personalization Root CA 1');
    expect(root.publicKey.curve).toBe('p384');
    expect(bytesToHex(root.publicKey.point)).toBe(ROOT_KEY);
    expect(root.isCa).toBe(true);
    expect(root.signatureAlgorithm).toBe('1.2.840.10045.4.3.4');
    expect(signedBy(root, root.publicKey)).toBe(true);
  });

  it.each([
    ['Satochip', SATOCHIP_SUB_CA, SATOCHIP_SUB_CA_KEY],
    ['SeedKeeper', SEEDKEEPER_SUB_CA, SEEDKEEPER_SUB_CA_KEY],
  ])('verifies the %s sub-CA against the root', (unit, der, key) => {
    const root = parseCertificate(TOPORIN_ROOT_CA);
    const subCa = parseCertificate(der);
    expect(subCa.subject.organisationalUnit).toBe(unit);
    expect(subCa.publicKey.curve).toBe('secp256k1');
    expect(bytesToHex(subCa.publicKey.point)).toBe(key);
    expect(subCa.isCa).toBe(true);
    expect(sameName(subCa.issuer, root.subject)).toBe(true);
    expect(signedBy(subCa, root.publicKey)).toBe(true);
  });

  it('does not verify a certificate whose signed part was altered', () => {
    const altered = SATOCHIP_SUB_CA.slice();
    // A byte inside the validity period, part of the signed TBS.
    const at = bytesToHex(altered).indexOf('3230313230313132') / 2;
    altered[at + 3]! ^= 0x01;
    const root = parseCertificate(TOPORIN_ROOT_CA);
    expect(signedBy(parseCertificate(altered), root.publicKey)).toBe(false);
  });

  it('does not verify with the wrong issuer key', () => {
    const subCa = parseCertificate(SATOCHIP_SUB_CA);
    expect(signedBy(subCa, parseCertificate(SEEDKEEPER_SUB_CA).publicKey)).toBe(false);
  });

  it('reads an OpenSSL-made chain: root P-384/SHA-512, card secp256k1/SHA-256', () => {
    const root = parseCertificate(TEST_ROOT);
    const subCa = parseCertificate(TEST_SUB_CA);
    const card = parseCertificate(CARD_CERTIFICATE);
    expect(card.signatureAlgorithm).toBe('1.2.840.10045.4.3.2');
    expect(card.isCa).toBe(false);
    expect(signedBy(subCa, root.publicKey)).toBe(true);
    expect(signedBy(card, subCa.publicKey)).toBe(true);
    expect(signedBy(card, parseCertificate(ROGUE_SUB_CA).publicKey)).toBe(false);
  });
});
