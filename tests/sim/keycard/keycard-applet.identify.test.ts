// IDENTIFY CARD and the Ident applet: certificates checked the way the reference clients do.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { SimulatedKeycard, TEST_CA, pairingSecretFor, type CertificateKind } from './index';
import { command, connect, dataOf, hex, swOf } from './raw-client';

const IDENT_AID = hexToBytes('a00000080400010401');
const N = secp256k1.Point.CURVE().n;

interface Identification {
  certificate: Uint8Array;
  identPublic: Uint8Array;
  signature: Uint8Array;
}

/** `A0 81 LL 8A 62 <certificate 98> <DER>`. */
function parse(data: Uint8Array): Identification {
  expect(hex(data.subarray(0, 2))).toBe('a081');
  expect(data[2]).toBe(data.length - 3);
  expect(hex(data.subarray(3, 5))).toBe('8a62');
  const certificate = data.slice(5, 103);
  return { certificate, identPublic: certificate.slice(0, 33), signature: data.slice(103) };
}

/** keycard-go's procedure: verify the challenge signature (high S allowed), recover the CA. */
function verify(
  identification: Identification,
  challenge: Uint8Array,
): { signed: boolean; ca: string } {
  const signature = secp256k1.Signature.fromBytes(identification.signature, 'der');
  const signed = secp256k1.verify(
    signature.toBytes('compact'),
    challenge,
    identification.identPublic,
    {
      prehash: false,
      lowS: false,
    },
  );
  const { certificate } = identification;
  const caSignature = new secp256k1.Signature(
    BigInt(`0x${hex(certificate.subarray(33, 65))}`),
    BigInt(`0x${hex(certificate.subarray(65, 97))}`),
    certificate[97],
  );
  const ca = caSignature.recoverPublicKey(sha256(identification.identPublic)).toBytes(true);
  return { signed, ca: hex(ca) };
}

function cardWith(certificate: CertificateKind) {
  const card = new SimulatedKeycard({ certificate });
  return { card, send: (apdu: Uint8Array) => card.transmit(apdu) };
}

async function identify(send: (apdu: Uint8Array) => Uint8Array, challenge: Uint8Array) {
  await send(command(0x00, 0xa4, 0x04, 0x00, hexToBytes('a00000080400010101')));
  return send(command(0x80, 0x14, 0x00, 0x00, challenge));
}

describe('IDENTIFY CARD', () => {
  it('proves the card holds the key of a certificate signed by TEST_CA', async () => {
    expect(TEST_CA.publicKey).toBe(hex(secp256k1.getPublicKey(TEST_CA.privateKey, true)));
    const { send } = cardWith('test-ca');
    const challenge = randomBytes(32);
    const response = await identify(send, challenge);
    expect(swOf(response)).toBe(0x9000);
    const identification = parse(dataOf(response));
    expect(identification.certificate[97]! <= 3).toBe(true);
    expect(verify(identification, challenge)).toEqual({ signed: true, ca: TEST_CA.publicKey });
  });

  it('signs the challenge as a raw prehash without low-S normalisation (both halves occur)', async () => {
    const { send } = cardWith('test-ca');
    let high = 0;
    let low = 0;
    for (let i = 0; i < 64; i += 1) {
      const challenge = randomBytes(32);
      const identification = parse(dataOf(await identify(send, challenge)));
      expect(verify(identification, challenge).signed).toBe(true);
      const { s } = secp256k1.Signature.fromBytes(identification.signature, 'der');
      if (s > N >> 1n) high += 1;
      else low += 1;
      // A prehash: SHA-256(challenge) is not what was signed.
      const compact = secp256k1.Signature.fromBytes(identification.signature, 'der').toBytes(
        'compact',
      );
      expect(
        secp256k1.verify(compact, sha256(challenge), identification.identPublic, {
          prehash: false,
          lowS: false,
        }),
      ).toBe(false);
    }
    expect(high).toBeGreaterThan(0);
    expect(low).toBeGreaterThan(0);
  });

  it('exposes an untrusted CA and a copied certificate', async () => {
    const challenge = randomBytes(32);
    const untrusted = parse(dataOf(await identify(cardWith('untrusted-ca').send, challenge)));
    const result = verify(untrusted, challenge);
    expect(result.signed).toBe(true);
    expect(result.ca).not.toBe(TEST_CA.publicKey);
    const copied = parse(dataOf(await identify(cardWith('bad-signature').send, challenge)));
    expect(verify(copied, challenge)).toEqual({ signed: false, ca: TEST_CA.publicKey });
  });

  it('answers 6985 without a certificate (checked before the length) and 6A80 for a non-32-byte challenge', async () => {
    expect(swOf(await identify(cardWith('none').send, new Uint8Array(33)))).toBe(0x6985);
    expect(swOf(await identify(cardWith('test-ca').send, new Uint8Array(33)))).toBe(0x6a80);
  });

  it('works before INIT, in plain after it, and wrapped on an open channel', async () => {
    const blank = cardWith('test-ca');
    const challenge = randomBytes(32);
    const before = parse(dataOf(await identify(blank.send, challenge)));
    expect(verify(before, challenge)).toEqual({ signed: true, ca: TEST_CA.publicKey });
    const card = SimulatedKeycard.initialized({
      pin: '000000',
      puk: '012345678901',
      pairingPassword: 'p',
    });
    const send = (apdu: Uint8Array) => card.transmit(apdu);
    expect(swOf(await identify(send, challenge))).toBe(0x9000);
    const { session } = await connect(send, pairingSecretFor('p'));
    const wrapped = await session.command(0x14, 0, 0, challenge);
    expect(wrapped.sw).toBe(0x9000);
    expect(verify(parse(wrapped.data), challenge)).toEqual({ signed: true, ca: TEST_CA.publicKey });
  });
});

describe('Ident applet', () => {
  it('answers the certificate on SELECT, or nothing when there is none', async () => {
    const { send } = cardWith('test-ca');
    const selected = await send(command(0x00, 0xa4, 0x04, 0x00, IDENT_AID));
    expect(dataOf(selected).length).toBe(98);
    const identification = parse(dataOf(await identify(send, randomBytes(32))));
    expect(hex(dataOf(selected))).toBe(hex(identification.certificate));
    expect(hex(await cardWith('none').send(command(0x00, 0xa4, 0x04, 0x00, IDENT_AID)))).toBe(
      '9000',
    );
  });

  it('is provisioned once with certificate ‖ ident key (STORE DATA), then refuses with 6985', async () => {
    const { send } = cardWith('none');
    const identKey = secp256k1.utils.randomSecretKey();
    const identPublic = secp256k1.getPublicKey(identKey, true);
    const caSignature = secp256k1.sign(sha256(identPublic), TEST_CA.privateKey, {
      prehash: false,
      format: 'recovered',
    });
    const certificate = concatBytes(
      identPublic,
      caSignature.subarray(1),
      caSignature.subarray(0, 1),
    );
    await send(command(0x00, 0xa4, 0x04, 0x00, IDENT_AID));
    expect(swOf(await send(command(0x80, 0xe2, 0, 0, new Uint8Array(129))))).toBe(0x6a80);
    expect(swOf(await send(command(0x80, 0xe2, 0, 0, concatBytes(certificate, identKey))))).toBe(
      0x9000,
    );
    expect(swOf(await send(command(0x80, 0xe2, 0, 0, concatBytes(certificate, identKey))))).toBe(
      0x6985,
    );
    expect(swOf(await send(command(0x80, 0xca, 0, 0)))).toBe(0x6d00);
    const challenge = randomBytes(32);
    const identification = parse(dataOf(await identify(send, challenge)));
    expect(hex(identification.certificate)).toBe(hex(certificate));
    expect(verify(identification, challenge)).toEqual({ signed: true, ca: TEST_CA.publicKey });
  });
});
