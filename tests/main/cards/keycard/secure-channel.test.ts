import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { cbc } from '@noble/ciphers/aes.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import {
  SecureChannel,
  decryptData,
  deriveSessionKeys,
  ecdhX,
  encryptData,
  oneShotEncrypt,
  unpadM2,
} from '../../../../main/cards/keycard/secure-channel';

const h = hexToBytes;

describe('secure channel crypto (keycard-go crypto/crypto_test.go)', () => {
  it('TestDeriveSessionKeys', () => {
    const keys = deriveSessionKeys(
      h('B410E816DA313545151807E25A830201FA389913A977066AB0C6DE0E8631E400'),
      h('544FF0B9B0737E4BFC4ECDFCE09F522B837051BBE4FFCEC494FA420D8525670E'),
      h(
        '1D7C033E75E10EC578AB538F69F1B02538571BA3831441F1649E3F24B5B3E3E71D7BC2D6A3D02FC8CB2FBB3FD8711BB5',
      ),
    );
    expect(bytesToHex(keys.iv)).toBe('1d7bc2d6a3d02fc8cb2fbb3fd8711bb5');
    expect(bytesToHex(keys.encKey)).toBe(
      '4ff496554c01bae0a52323e3481b448c99d43982118d95c6918fe0354d224b90',
    );
    expect(bytesToHex(keys.macKey)).toBe(
      '185811013138ea1b4ffdbbfa7343ef2dbe3e54c2c231885e867f792448ac2fe5',
    );
  });

  it('TestEncryptData', () => {
    const encrypted = encryptData(
      h('A8A686D0E3290459BCB36088A8FD04A76BF13283BE4B1EAE2E1248EF609F94DC'),
      h('44D689AB4B18206F7EEE5439FB9A71A8A617406BA5259728D1EBC2786D24896C'),
      h('9D3EF41EF1D221DD98A54AD5470F58F2'),
    );
    expect(bytesToHex(encrypted)).toBe(
      'ffb41fed5f71a2b57a6ae62d5d5ecd1c12616f6464637dd0a7a930920acba55867a7e12cc4f06b089af34ff4ed4bab08',
    );
  });

  it('TestDecryptData (the plaintext ends in the inner status word 9000)', () => {
    const plain = decryptData(
      h(
        '73B58B66372E3446E14A9F54BA59666DB432E9DD87D24F9B0525180EE52DA2106E0C70EED7CD42B5B313E4443D6AC90D',
      ),
      h('D93D8E6164196D5C5B5F84F10E4B90D98F8D282ED145513ED666AA55C9871E79'),
      h('F959B1220333046D3C47D61B1E1B891B'),
    );
    expect(bytesToHex(plain)).toBe(
      '2e21f9f2b2c2cc9038d518a5c6b490613e7955bd19d19108b77786986b7abfe69000',
    );
  });

  it('TestRemovePadding', () => {
    expect(bytesToHex(unpadM2(h('0180000000000000')))).toBe('01');
    expect(bytesToHex(unpadM2(h('0102800000000000')))).toBe('0102');
    expect(bytesToHex(unpadM2(h('01020304050607080102030405800000')))).toBe(
      '01020304050607080102030405',
    );
    for (const bad of ['00000000', '0102030405060708', '']) {
      expect(() => unpadM2(h(bad))).toThrow(
        expect.objectContaining({ code: 'secure-channel-failed' }),
      );
    }
  });
});

describe('wrapping commands (keycard-go secure_channel_test.go TestSecureChannel_Send)', () => {
  const keys = () => ({
    encKey: h('FDBCB1637597CF3F8F5E8263007D4E45F64C12D44066D4576EB1443D60AEF441'),
    macKey: h('2FB70219E6635EE0958AB3F7A428BA87E8CD6E6F873A5725A55F25B102D0F1F7'),
    iv: h('627E64358FA9BDCDAD4442BD8006E0A5'),
  });

  it('wraps MUTUALLY AUTHENTICATE exactly and chains the IV to the MAC', () => {
    const channel = new SecureChannel(keys());
    const apdu = channel.wrap(
      0x80,
      0x11,
      0,
      0,
      h('D545A5E95963B6BCED86A6AE826D34C5E06AC64A1217EFFA1415A96674A82500'),
    );
    expect(bytesToHex(apdu)).toBe(
      '8011000040' +
        'ba796bf8fad1fd50407b87127b94f5023ef8903ae926ead8a204f961b8a0edaee7cccfe7f7f6380ce2c6f188e598e4468b7dedd0e807c18ccbda71a55f3e1f9a',
    );
    // The next IV is the command MAC: a response encrypted under it decrypts.
    const k = keys();
    const iv = h('BA796BF8FAD1FD50407B87127B94F502');
    const ciphertext = cbc(k.encKey, iv, { disablePadding: true }).encrypt(
      h(`${'11'.repeat(32)}900080${'00'.repeat(13)}`),
    );
    const meta = new Uint8Array(16);
    meta[0] = 16 + ciphertext.length;
    const macBlocks = cbc(k.macKey, new Uint8Array(16), { disablePadding: true }).encrypt(
      new Uint8Array([...meta, ...ciphertext]),
    );
    const mac = macBlocks.slice(-16);
    const answer = channel.unwrap(new Uint8Array([...mac, ...ciphertext]));
    expect(answer.sw).toBe(0x9000);
    expect(bytesToHex(answer.data)).toBe('11'.repeat(32));
  });

  it('rejects a response whose MAC does not verify, or whose size is impossible', () => {
    const channel = new SecureChannel(keys());
    channel.wrap(0x80, 0xf2, 0, 0, new Uint8Array(0));
    for (const size of [0, 16, 33, 48]) {
      expect(() => channel.unwrap(new Uint8Array(size))).toThrow(
        expect.objectContaining({ code: 'secure-channel-failed' }),
      );
    }
  });

  it('refuses plaintext beyond 223 bytes', () => {
    expect(() => new SecureChannel(keys()).wrap(0x80, 0xe2, 0, 0, new Uint8Array(224))).toThrow(
      expect.objectContaining({ code: 'invalid-request' }),
    );
    expect(new SecureChannel(keys()).wrap(0x80, 0xe2, 0, 0, new Uint8Array(223))[4]).toBe(0xf0);
  });
});

describe('INIT one-shot encryption', () => {
  it('is decryptable by the card key with the ECDH X coordinate as the AES key', () => {
    const card = secp256k1.utils.randomSecretKey();
    const payload = new Uint8Array(58).map((_, i) => i);
    const data = oneShotEncrypt(secp256k1.getPublicKey(card, false), payload);
    expect(data.length).toBe(1 + 65 + 16 + 64);
    expect(data[0]).toBe(0x41);
    const clientPublic = data.subarray(1, 66);
    const key = secp256k1.getSharedSecret(card, clientPublic).subarray(1, 33);
    expect(bytesToHex(ecdhX(card, clientPublic))).toBe(bytesToHex(key));
    const plain = cbc(key, data.subarray(66, 82), { disablePadding: true }).decrypt(
      data.subarray(82),
    );
    expect(bytesToHex(plain.subarray(0, 58))).toBe(bytesToHex(payload));
    expect(bytesToHex(plain.subarray(58))).toBe('800000000000');
  });
});
