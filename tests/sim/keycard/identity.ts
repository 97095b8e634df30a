// Card attestation as the 3.1+ applets implement it: a 98-byte certificate (compressed
// ident public key ‖ r ‖ s ‖ recId of the CA's signature over SHA-256(identPub)) and the
// ident key that signs IDENTIFY challenges as raw prehashes — without low-S normalisation,
// so about half the answers carry a high S, exactly as real cards do.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { signPrehashDer } from './ecdsa-der';

export const CERTIFICATE_LENGTH = 98;

function caFromSeed(label: string): { privateKey: Uint8Array; publicKey: string } {
  const privateKey = sha256(utf8ToBytes(label));
  return { privateKey, publicKey: bytesToHex(secp256k1.getPublicKey(privateKey, true)) };
}

/** The test CA that signs simulated identity certificates (fixed, deterministic). */
export const TEST_CA: { privateKey: Uint8Array; publicKey: string } = caFromSeed(
  'Lifeboat test Keycard CA',
);

/** A CA nobody trusts: its certificates are well-formed but must be refused. */
const UNTRUSTED_CA = caFromSeed('Lifeboat untrusted Keycard CA');

/** `none`: no certificate (a DIY card); `bad-signature`: a real certificate copied onto a card without its key. */
export type CertificateKind = 'test-ca' | 'untrusted-ca' | 'none' | 'bad-signature';

export interface CardIdentity {
  certificate: Uint8Array;
  /** The key that answers IDENTIFY; for `bad-signature` it is not the certificate's key. */
  privateKey: Uint8Array;
}

export function issueCertificate(
  caPrivateKey: Uint8Array,
  identPrivateKey: Uint8Array,
): Uint8Array {
  const identPublic = secp256k1.getPublicKey(identPrivateKey, true);
  const recovered = secp256k1.sign(sha256(identPublic), caPrivateKey, {
    prehash: false,
    format: 'recovered',
  });
  return concatBytes(identPublic, recovered.subarray(1), recovered.subarray(0, 1));
}

export function provisionIdentity(kind: CertificateKind): CardIdentity | undefined {
  if (kind === 'none') return undefined;
  const privateKey = secp256k1.utils.randomSecretKey();
  const ca = kind === 'untrusted-ca' ? UNTRUSTED_CA : TEST_CA;
  const certificate = issueCertificate(ca.privateKey, privateKey);
  if (kind === 'bad-signature')
    return { certificate, privateKey: secp256k1.utils.randomSecretKey() };
  return { certificate, privateKey };
}

/** IDENTIFY CARD's answer: `A0 81 LL 8A 62 <certificate> <DER signature of the challenge>`. */
export function identifyTemplate(identity: CardIdentity, challenge: Uint8Array): Uint8Array {
  const signature = signPrehashDer(challenge, identity.privateKey);
  const body = concatBytes(
    Uint8Array.of(0x8a, CERTIFICATE_LENGTH),
    identity.certificate,
    signature,
  );
  return concatBytes(Uint8Array.of(0xa0, 0x81, body.length), body);
}
