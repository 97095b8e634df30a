import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { judgeIdentity, normaliseCaKey } from '../../../../main/cards/keycard/attestation';
import { verifyIdentity } from '../../../../main/cards/keycard/certificate';

// keycard-go types/certificate_test.go TestVerifyIdentity. The challenge signature has a
// high S and the certificate's recovery id is 1.
const CHALLENGE = hexToBytes('63acd6e02a8b5783551ff2836a9cbdf237c115c3ff018b943f044e6a69b19fe7');
const RESPONSE = hexToBytes(
  'a081ab8a620365c18485fe7018e11cb992011426803aa8e843c63aab9657aed7d3ee4b85a62a11188ada267db3312a84e1be27c01c736a89da7a1fe4f7e90ce297e74f00008e2bfdb06058374abfc1c026386d16ead7bbc19bc0645d2e7acf7b953169bbc1ac0130450220364c5ca937b7ca42861978f086d206cc569ef0bb2ea4c7de08929c2fcca7434d022100c87699ce4f977e6a7a4800343db9b6842b91ca873e56dfe3327d19a2d01af14e',
);
const CA = '02fc929321aa94fea085b166994aa66590116252cf0235a03accaa2c8ab4595de5';

function tlv(tag: number, value: Uint8Array): Uint8Array {
  const length = value.length < 0x80 ? [value.length] : [0x81, value.length];
  return concatBytes(Uint8Array.of(tag, ...length), value);
}

/** A card identity issued here by a fresh CA, answering `challenge` like IDENTIFY does. */
function issued(challenge: Uint8Array, options: { signWith?: Uint8Array } = {}) {
  const caKey = secp256k1.utils.randomSecretKey();
  const identKey = secp256k1.utils.randomSecretKey();
  const identPub = secp256k1.getPublicKey(identKey, true);
  const certSig = secp256k1.Signature.fromBytes(
    secp256k1.sign(sha256(identPub), caKey, { prehash: false, format: 'recovered' }),
    'recovered',
  );
  const cert = concatBytes(identPub, certSig.toBytes('compact'), Uint8Array.of(certSig.recovery!));
  const der = secp256k1.sign(challenge, options.signWith ?? identKey, {
    prehash: false,
    format: 'der',
  });
  return {
    caPublicKey: bytesToHex(secp256k1.getPublicKey(caKey, true)),
    response: tlv(0xa0, concatBytes(tlv(0x8a, cert), der)),
  };
}

describe('IDENTIFY verification', () => {
  it('reproduces the keycard-go vector (high-S challenge signature accepted)', () => {
    const check = verifyIdentity(CHALLENGE, RESPONSE);
    expect(check.ok && bytesToHex(check.caPublicKey)).toBe(CA);
    expect(judgeIdentity(CHALLENGE, RESPONSE, [CA]).verdict).toBe('genuine');
  });

  it('calls a valid certificate from an untrusted CA an unknown issuer, naming the CA', () => {
    const attestation = judgeIdentity(CHALLENGE, RESPONSE, []);
    expect(attestation).toMatchObject({ verdict: 'unknown-issuer', caPublicKey: CA });
    expect(attestation.explanation).toContain(CA);
  });

  it('is invalid for another challenge (a replayed answer)', () => {
    const other = CHALLENGE.slice();
    other[0]! ^= 1;
    expect(judgeIdentity(other, RESPONSE, [CA]).verdict).toBe('invalid');
  });

  it('is invalid when the challenge was signed by a key other than the certified one', () => {
    const challenge = randomBytes(32);
    const { caPublicKey, response } = issued(challenge, {
      signWith: secp256k1.utils.randomSecretKey(),
    });
    expect(judgeIdentity(challenge, response, [caPublicKey]).verdict).toBe('invalid');
  });

  it('recovers the issuing CA of an independently made certificate', () => {
    const challenge = randomBytes(32);
    const { caPublicKey, response } = issued(challenge);
    expect(judgeIdentity(challenge, response, [caPublicKey])).toMatchObject({
      verdict: 'genuine',
      caPublicKey,
    });
    // A tampered certificate recovers a different CA.
    const tampered = response.slice();
    tampered[3 + 33 + 5]! ^= 0x01;
    expect(judgeIdentity(challenge, tampered, [caPublicKey]).verdict).not.toBe('genuine');
  });

  it('is invalid, never throwing, for malformed answers', () => {
    for (const bad of [new Uint8Array(0), RESPONSE.subarray(0, 50), Uint8Array.of(0xa0, 0x00)]) {
      expect(judgeIdentity(CHALLENGE, bad, [CA]).verdict).toBe('invalid');
    }
  });

  it('accepts trusted CA keys compressed or uncompressed, and refuses garbage', () => {
    const uncompressed = bytesToHex(secp256k1.Point.fromHex(CA).toBytes(false));
    expect(normaliseCaKey(`0x${uncompressed.toUpperCase()}`)).toBe(CA);
    expect(judgeIdentity(CHALLENGE, RESPONSE, [uncompressed]).verdict).toBe('genuine');
    expect(() => normaliseCaKey('zz')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => normaliseCaKey('02' + '00'.repeat(32))).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });
});
