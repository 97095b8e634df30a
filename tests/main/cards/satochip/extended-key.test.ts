import { secp256k1 } from '@noble/curves/secp256k1.js';
import { concatBytes, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { parseExtendedKey } from '../../../../main/cards/satochip/extended-key';
import { parseDerSignature } from '../../../../main/cards/toporin/der-signature';

const authentikey = secp256k1.utils.randomSecretKey();
const key = secp256k1.utils.randomSecretKey();
const chainCode = new Uint8Array(32).fill(0xcc);
const sign = (k: Uint8Array, m: Uint8Array) => secp256k1.sign(m, k, { format: 'der' });

/** `chaincode | size | x | self-sig | authentikey-sig`, as CardEdge.getBIP32ExtendedKey lays it out. */
function answer(sizeHigh = 0x00, signer = authentikey): Uint8Array {
  const part = concatBytes(
    chainCode,
    Uint8Array.of(sizeHigh, 32),
    secp256k1.getPublicKey(key, false).subarray(1, 33),
  );
  const selfSig = sign(key, part);
  const signed = concatBytes(part, Uint8Array.of(0, selfSig.length), selfSig);
  const authSig = sign(signer, signed);
  return concatBytes(signed, Uint8Array.of(0, authSig.length), authSig);
}

describe('GET EXTENDED KEY answers', () => {
  it('recover the full key from x and its self-signature', () => {
    expect(parseExtendedKey(answer(), secp256k1.getPublicKey(authentikey, false))).toEqual({
      publicKey: secp256k1.getPublicKey(key, false),
      chainCode,
    });
  });

  it('ignore the optimisation flag in the size’s top bit', () => {
    expect(
      parseExtendedKey(answer(0x80), secp256k1.getPublicKey(authentikey, false)).publicKey,
    ).toEqual(secp256k1.getPublicKey(key, false));
  });

  it('must be signed by the card’s authentikey', () => {
    const other = secp256k1.utils.randomSecretKey();
    expect(() =>
      parseExtendedKey(answer(0, other), secp256k1.getPublicKey(authentikey, false)),
    ).toThrow(expect.objectContaining({ code: 'signature-invalid' }));
  });

  it('refuse an x whose self-signature does not verify', () => {
    const bad = answer();
    bad[40]! ^= 0x01;
    expect(() => parseExtendedKey(bad, secp256k1.getPublicKey(authentikey, false))).toThrow(
      expect.objectContaining({ code: 'malformed-response' }),
    );
  });
});

describe('DER signatures', () => {
  it('read r and s, tolerating a superfluous leading zero', () => {
    expect(parseDerSignature(hexToBytes('3009020201050203000007'))).toEqual({ r: 0x105n, s: 7n });
  });

  it.each([
    ['a negative integer', '3006020181020107'],
    ['zero', '3006020100020107'],
    ['s ≥ n', `3026020101022100${'ff'.repeat(32)}`],
    ['a third integer', '3009020101020101020101'],
    ['not a sequence', '3106020101020101'],
  ])('refuse %s', (_, hex) => {
    expect(() => parseDerSignature(hexToBytes(hex))).toThrow(
      expect.objectContaining({ code: 'signature-invalid' }),
    );
  });
});
