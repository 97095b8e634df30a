// The channel as SecureChannel.py describes it, recomputed with node:crypto (an
// implementation independent of the @noble primitives the driver uses).
import { createCipheriv, createDecipheriv, createECDH, createHmac } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  ToporinSecureChannel,
  deriveChannelKeys,
  parseChannelOpening,
  openingSignedBy,
  sharedX,
} from '../../../../main/cards/toporin/secure-channel';
import { isLifeboatError } from '../../../../main/errors';

const hmacSha1 = (key: Uint8Array, data: Uint8Array) =>
  new Uint8Array(createHmac('sha1', key).update(data).digest());

describe('Toporin secure channel', () => {
  it('derives the keys from the x coordinate of the ECDH point, as the applet does', () => {
    const host = createECDH('secp256k1');
    host.generateKeys();
    const card = createECDH('secp256k1');
    card.generateKeys();
    const x = new Uint8Array(host.computeSecret(card.getPublicKey()));
    expect(
      sharedX(new Uint8Array(host.getPrivateKey()), new Uint8Array(card.getPublicKey())),
    ).toEqual(x);
    const keys = deriveChannelKeys(x);
    expect(keys.encryptionKey).toEqual(hmacSha1(x, Buffer.from('sc_key')).subarray(0, 16));
    expect(keys.macKey).toEqual(hmacSha1(x, Buffer.from('sc_mac')));
  });

  it('wraps a command exactly as the client does: IV = random(12) ‖ odd counter, AES-CBC, HMAC-SHA1', () => {
    const x = hexToBytes('11'.repeat(32));
    const encryptionKey = hmacSha1(x, Buffer.from('sc_key')).subarray(0, 16);
    const macKey = hmacSha1(x, Buffer.from('sc_mac'));
    const random = hexToBytes('a1a2a3a4a5a6a7a8a9aaabac');
    const channel = new ToporinSecureChannel(deriveChannelKeys(x), () => random.slice());
    const plain = hexToBytes('b042000004313233340000');
    const wrapped = channel.wrap(plain);

    const iv = concatBytes(random, hexToBytes('00000001'));
    const cipher = createCipheriv('aes-128-cbc', encryptionKey, iv);
    const ciphertext = new Uint8Array(Buffer.concat([cipher.update(plain), cipher.final()]));
    const signed = concatBytes(iv, Uint8Array.of(0, ciphertext.length), ciphertext);
    const data = concatBytes(signed, Uint8Array.of(0, 20), hmacSha1(macKey, signed));
    expect(bytesToHex(wrapped)).toBe(
      bytesToHex(concatBytes(hexToBytes('b0820000'), Uint8Array.of(data.length), data)),
    );

    // The next command uses counter 3.
    expect(bytesToHex(channel.wrap(plain).subarray(5 + 12, 5 + 16))).toBe('00000003');

    // The card's answer: its own IV (counter + 1), the data encrypted, no MAC.
    const answerIv = concatBytes(hexToBytes('bb'.repeat(12)), hexToBytes('00000002'));
    const answerPlain = hexToBytes('0102030405');
    const encrypt = createCipheriv('aes-128-cbc', encryptionKey, answerIv);
    const answerCt = new Uint8Array(Buffer.concat([encrypt.update(answerPlain), encrypt.final()]));
    expect(
      channel.unwrap(concatBytes(answerIv, Uint8Array.of(0, answerCt.length), answerCt)),
    ).toEqual(answerPlain);
    expect(channel.unwrap(new Uint8Array(0))).toEqual(new Uint8Array(0));

    // What the card decrypts is the plain command.
    const decipher = createDecipheriv('aes-128-cbc', encryptionKey, iv);
    expect(new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]))).toEqual(
      plain,
    );
  });

  it.each([
    ['cut short', (a: Uint8Array) => a.subarray(0, 20)],
    [
      'a wrong length field',
      (a: Uint8Array) => concatBytes(a.subarray(0, 16), Uint8Array.of(0, 32), a.subarray(18)),
    ],
    [
      'a flipped ciphertext byte (bad padding)',
      (a: Uint8Array) => {
        const out = a.slice();
        out[out.length - 1]! ^= 0xff;
        return out;
      },
    ],
  ])('refuses an answer with %s', (_, mangle) => {
    const x = hexToBytes('22'.repeat(32));
    const keys = deriveChannelKeys(x);
    const channel = new ToporinSecureChannel(keys);
    const iv = new Uint8Array(16);
    const cipher = createCipheriv('aes-128-cbc', keys.encryptionKey, iv);
    const ct = new Uint8Array(
      Buffer.concat([cipher.update(Uint8Array.of(1, 2, 3)), cipher.final()]),
    );
    const answer = concatBytes(iv, Uint8Array.of(0, ct.length), ct);
    try {
      channel.unwrap(mangle(answer));
      throw new Error('accepted');
    } catch (error) {
      expect(isLifeboatError(error)).toBe(true);
    }
  });

  it('recovers the card key from its self-signed x and checks the authentikey signature', () => {
    const cardKey = secp256k1.utils.randomSecretKey();
    const authentikey = secp256k1.utils.randomSecretKey();
    const x = secp256k1.getPublicKey(cardKey, false).subarray(1, 33);
    const part = concatBytes(Uint8Array.of(0, 32), x);
    const selfSig = secp256k1.sign(part, cardKey, { format: 'der' });
    const signedPart = concatBytes(part, Uint8Array.of(0, selfSig.length), selfSig);
    const authSig = secp256k1.sign(signedPart, authentikey, { format: 'der' });
    const opening = parseChannelOpening(
      concatBytes(signedPart, Uint8Array.of(0, authSig.length), authSig),
    );
    expect(opening.cardKey).toEqual(secp256k1.getPublicKey(cardKey, false));
    expect(openingSignedBy(opening, secp256k1.getPublicKey(authentikey, false))).toBe(true);
    expect(openingSignedBy(opening, secp256k1.getPublicKey(cardKey, false))).toBe(false);
    expect(opening.authentikey).toBeUndefined();

    // The Seedkeeper appends the authentikey's x coordinate, so its key is known at once.
    const authX = secp256k1.getPublicKey(authentikey, false).subarray(1, 33);
    const seedkeeper = parseChannelOpening(
      concatBytes(
        signedPart,
        Uint8Array.of(0, authSig.length),
        authSig,
        Uint8Array.of(0, 32),
        authX,
      ),
    );
    expect(seedkeeper.authentikey).toEqual(secp256k1.getPublicKey(authentikey, false));
    expect(() =>
      parseChannelOpening(
        concatBytes(
          signedPart,
          Uint8Array.of(0, authSig.length),
          authSig,
          Uint8Array.of(0, 32),
          new Uint8Array(32).fill(1),
        ),
      ),
    ).toThrow(expect.objectContaining({ code: 'malformed-response' }));
  });
});
