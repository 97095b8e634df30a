// Vectors from status-im/keycard-go crypto/crypto_test.go.
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { hex } from './raw-client';
import {
  aesCbcDecrypt,
  aesCbcEncrypt,
  deriveSessionKeys,
  m2Pad,
  m2Unpad,
} from './secure-messaging';

describe('secure-channel primitives against keycard-go vectors', () => {
  it('derives the session keys of TestDeriveSessionKeys', () => {
    const secret = hexToBytes('B410E816DA313545151807E25A830201FA389913A977066AB0C6DE0E8631E400');
    const pairingKey = hexToBytes(
      '544FF0B9B0737E4BFC4ECDFCE09F522B837051BBE4FFCEC494FA420D8525670E',
    );
    const cardData = hexToBytes(
      '1D7C033E75E10EC578AB538F69F1B02538571BA3831441F1649E3F24B5B3E3E71D7BC2D6A3D02FC8CB2FBB3FD8711BB5',
    );
    const keys = deriveSessionKeys(secret, pairingKey, cardData.subarray(0, 32));
    expect(hex(keys.encKey)).toBe(
      '4ff496554c01bae0a52323e3481b448c99d43982118d95c6918fe0354d224b90',
    );
    expect(hex(keys.macKey)).toBe(
      '185811013138ea1b4ffdbbfa7343ef2dbe3e54c2c231885e867f792448ac2fe5',
    );
    // The first IV is the rest of the card's answer.
    expect(hex(cardData.subarray(32))).toBe('1d7bc2d6a3d02fc8cb2fbb3fd8711bb5');
  });

  it('encrypts like TestEncryptData and decrypts like TestDecryptData', () => {
    const encrypted = aesCbcEncrypt(
      hexToBytes('44D689AB4B18206F7EEE5439FB9A71A8A617406BA5259728D1EBC2786D24896C'),
      hexToBytes('9D3EF41EF1D221DD98A54AD5470F58F2'),
      m2Pad(hexToBytes('A8A686D0E3290459BCB36088A8FD04A76BF13283BE4B1EAE2E1248EF609F94DC')),
    );
    expect(hex(encrypted)).toBe(
      'ffb41fed5f71a2b57a6ae62d5d5ecd1c12616f6464637dd0a7a930920acba55867a7e12cc4f06b089af34ff4ed4bab08',
    );
    const decrypted = aesCbcDecrypt(
      hexToBytes('D93D8E6164196D5C5B5F84F10E4B90D98F8D282ED145513ED666AA55C9871E79'),
      hexToBytes('F959B1220333046D3C47D61B1E1B891B'),
      hexToBytes(
        '73B58B66372E3446E14A9F54BA59666DB432E9DD87D24F9B0525180EE52DA2106E0C70EED7CD42B5B313E4443D6AC90D',
      ),
    );
    expect(hex(m2Unpad(decrypted)!)).toBe(
      '2e21f9f2b2c2cc9038d518a5c6b490613e7955bd19d19108b77786986b7abfe69000',
    );
  });

  it('strips M2 padding like TestRemovePadding and refuses malformed padding', () => {
    expect(hex(m2Unpad(hexToBytes('0180000000000000'))!)).toBe('01');
    expect(hex(m2Unpad(hexToBytes('0102800000000000'))!)).toBe('0102');
    expect(hex(m2Unpad(hexToBytes('01020304050607080102030405800000'))!)).toBe(
      '01020304050607080102030405',
    );
    expect(m2Unpad(new Uint8Array(16))).toBeUndefined();
    expect(m2Unpad(hexToBytes('01800000000000000000000000000001'))).toBeUndefined();
  });

  it('always pads, a full block gaining a whole block', () => {
    expect(hex(m2Pad(new Uint8Array(0)))).toBe('80' + '00'.repeat(15));
    expect(m2Pad(new Uint8Array(16)).length).toBe(32);
    expect(m2Pad(new Uint8Array(15)).length).toBe(16);
  });
});
