// Whom a Toporin card's certificate must chain to. Toporin personalises each card with a
// certificate issued by a per-product sub-CA, itself issued by "Toporin Personalization
// Root CA 1" (P-384). The certificates below are the production root and sub-CAs that
// pysatochip ships in its cert/ folder. A trust set is data, so tests and settings can
// supply their own.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { normaliseCaKey } from '../keycard/attestation';
import type { ToporinFamily } from './session';
import { parseCertificate, type EcPublicKey } from './x509';

function der(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

export interface ToporinTrust {
  /** Root keys, trusted as they are (a root's self-signature proves nothing). */
  roots: readonly EcPublicKey[];
  /** Per family, the DER certificates of the sub-CAs that may issue that family's cards. */
  subCas: Readonly<Record<ToporinFamily, readonly Uint8Array[]>>;
  /**
   * Issuer keys trusted as they are, for cards of either family: the keys a person added
   * in the settings, which name an authority by its public key alone, as for the Keycard.
   */
  issuerKeys?: readonly EcPublicKey[];
}

export const TOPORIN_ROOT_CA = der(
  'MIICLTCCAbOgAwIBAgIBATAKBggqhkjOPQQDBDBeMQswCQYDVQQGEwJCRTERMA8GA1UECAwIQnJ1c3NlbHMxEDAOBgNVBAoMB1RvcG9yaW4xKjAoBgNVBAMMIVRvcG9yaW4gUGVyc29uYWxpemF0aW9uIFJvb3QgQ0EgMTAeFw0yMDEyMDExMjAwMDBaFw00MDEyMDExMjAwMDBaMF4xCzAJBgNVBAYTAkJFMREwDwYDVQQIDAhCcnVzc2VsczEQMA4GA1UECgwHVG9wb3JpbjEqMCgGA1UEAwwhVG9wb3JpbiBQZXJzb25hbGl6YXRpb24gUm9vdCBDQSAxMHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE5ZPgeQ54Y5NdTJM4uYU0f+vDK/D5XI9pY69i+EkgK4l++zKjsGMYY7gkEFzcqB1nQRn8ozss/0vYaMpkoePYNqVd0ZQxwFcb/NLDyZQq3NzfTAmQjw6KMSvPL57R24K1o0UwQzASBgNVHRMBAf8ECDAGAQH/AgEBMB0GA1UdDgQWBBRda9Hdoqr5lHwykRLBgkIVnUT6ITAOBgNVHQ8BAf8EBAMCAQYwCgYIKoZIzj0EAwQDaAAwZQIxAJTGtuRR9ceNqAXu5sAOp6yJRLdnio7RVMmIZWLishPolJFN9vPt7FSBDgxRnqUJVwIwXJNx20XtJJl6NwKLfMIKnf1pE1NCQErS3wK9lLPZkr7uK/TpulrKJ+hc+1w7+UeU',
);

export const SATOCHIP_SUB_CA = der(
  'MIICIDCCAaWgAwIBAgIBAzAKBggqhkjOPQQDBDBeMQswCQYDVQQGEwJCRTERMA8GA1UECAwIQnJ1c3NlbHMxEDAOBgNVBAoMB1RvcG9yaW4xKjAoBgNVBAMMIVRvcG9yaW4gUGVyc29uYWxpemF0aW9uIFJvb3QgQ0EgMTAeFw0yMDEyMDExMjAwMDBaFw00MDEyMDExMjAwMDBaMHAxCzAJBgNVBAYTAkJFMREwDwYDVQQIDAhCcnVzc2VsczEQMA4GA1UECgwHVG9wb3JpbjERMA8GA1UECwwIU2F0b2NoaXAxKTAnBgNVBAMMIFNhdG9jaGlwIFBlcnNvbmFsaXphdGlvbiBTdWJDQSAxMFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEcTVxDGkXKyV0kaRXu+9gTrg654Xam6ktgDA/n+28+egjMmZDWroaha/6+MPP/XBGeFAecmO0hppkgnUcwjRcw6NFMEMwEgYDVR0TAQH/BAgwBgEB/wIBADAdBgNVHQ4EFgQUx9Plfp8o9ZCoticLc5x7CnSBriUwDgYDVR0PAQH/BAQDAgEGMAoGCCqGSM49BAMEA2kAMGYCMQCmoDTdSMMSMogCm4l130drFFxC0wmbZwWE+xGjZIKL9tXosnIzUx5VUqbeNXbvJBUCMQDVVRt4c4veIxdwWOv2DhJ9Ri/3it8R0v/eQ/jUppK2S2/ObbWSt5aAGi4EfpGZ93E=',
);

export const SEEDKEEPER_SUB_CA = der(
  'MIICJDCCAamgAwIBAgIBAjAKBggqhkjOPQQDBDBeMQswCQYDVQQGEwJCRTERMA8GA1UECAwIQnJ1c3NlbHMxEDAOBgNVBAoMB1RvcG9yaW4xKjAoBgNVBAMMIVRvcG9yaW4gUGVyc29uYWxpemF0aW9uIFJvb3QgQ0EgMTAeFw0yMDEyMDExMjAwMDBaFw00MDEyMDExMjAwMDBaMHQxCzAJBgNVBAYTAkJFMREwDwYDVQQIDAhCcnVzc2VsczEQMA4GA1UECgwHVG9wb3JpbjETMBEGA1UECwwKU2VlZEtlZXBlcjErMCkGA1UEAwwiU2VlZEtlZXBlciBQZXJzb25hbGl6YXRpb24gU3ViQ0EgMTBWMBAGByqGSM49AgEGBSuBBAAKA0IABJpfxPfpvKohVS3Maa8nEaNOG35er0QWEhLLszdY4se11i3Rgz5YhKx0Ivi1NW8RBTpzYfg3sQ6y63GiExq8+sWjRTBDMBIGA1UdEwEB/wQIMAYBAf8CAQAwHQYDVR0OBBYEFJwHa+Q9h4wdQdjfRbLPDSBwrvaXMA4GA1UdDwEB/wQEAwIBBjAKBggqhkjOPQQDBANpADBmAjEAj667wNmFONsuz8hbw8fjVE6bzxQcUV40P91Kfsih2woWJ7UNQx4WKfgYvBiHW2ffAjEA1w47b+1Gl6LgNr6u0titPL2W02HQH0/71c3e4CDneXvCTfG16JJRxtMmvv+RdTsg',
);

export const TOPORIN_TRUST: ToporinTrust = {
  roots: [parseCertificate(TOPORIN_ROOT_CA).publicKey],
  subCas: { satochip: [SATOCHIP_SUB_CA], seedkeeper: [SEEDKEEPER_SUB_CA] },
};

/** The built-in trust and, beside it, the secp256k1 issuer keys a person added (hex). */
export function toporinTrustWith(addedKeys: readonly string[]): ToporinTrust {
  return {
    ...TOPORIN_TRUST,
    issuerKeys: addedKeys.map((hex) => ({
      curve: 'secp256k1',
      point: hexToBytes(normaliseCaKey(hex)),
    })),
  };
}

/** The compressed keys of the built-in sub-CAs, as the settings show them beside the Keycard's. */
export function toporinAuthorityKeys(): { family: ToporinFamily; key: string }[] {
  return (['satochip', 'seedkeeper'] as const).flatMap((family) =>
    TOPORIN_TRUST.subCas[family].map((der) => ({
      family,
      key: bytesToHex(
        secp256k1.Point.fromBytes(parseCertificate(der).publicKey.point).toBytes(true),
      ),
    })),
  );
}
