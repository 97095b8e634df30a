import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { Signature, computeAddress, recoverAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { parseSignResponse } from '../../../../main/cards/keycard/signature';

const N = secp256k1.Point.CURVE().n;

function int(value: bigint, pad = 0): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = hexToBytes(hex);
  if (bytes[0]! & 0x80) bytes = concatBytes(Uint8Array.of(0), bytes);
  return concatBytes(new Uint8Array(pad), bytes);
}

function tlv(tag: number, value: Uint8Array): Uint8Array {
  const length = value.length < 0x80 ? [value.length] : [0x81, value.length];
  return concatBytes(Uint8Array.of(tag, ...length), value);
}

/** The applet's SIGN answer built here independently: A0 { 80 pubkey, 30 { 02 r, 02 s } }. */
function template(publicKey: Uint8Array, r: bigint, s: bigint, padS = 0): Uint8Array {
  const der = tlv(0x30, concatBytes(tlv(0x02, int(r)), tlv(0x02, int(s, padS))));
  return tlv(0xa0, concatBytes(tlv(0x80, publicKey), der));
}

function signed() {
  const privateKey = secp256k1.utils.randomSecretKey();
  const publicKey = secp256k1.getPublicKey(privateKey, false);
  const hash = randomBytes(32);
  const sig = secp256k1.Signature.fromBytes(
    secp256k1.sign(hash, privateKey, { prehash: false, format: 'recovered' }),
    'recovered',
  );
  return { publicKey, hash, sig, address: computeAddress(`0x${bytesToHex(publicKey)}`) };
}

describe('SIGN responses', () => {
  it('parses the A0 template and finds the recovery id by public-key recovery', () => {
    for (let i = 0; i < 20; i += 1) {
      const { publicKey, hash, sig, address } = signed();
      const result = parseSignResponse(template(publicKey, sig.r, sig.s), hash);
      expect(result.recoveryId).toBe(sig.recovery);
      expect(bytesToHex(result.publicKey)).toBe(bytesToHex(publicKey));
      const ethSig = Signature.from({
        r: `0x${bytesToHex(result.r)}`,
        s: `0x${bytesToHex(result.s)}`,
        v: 27 + result.recoveryId,
      });
      expect(recoverAddress(hash, ethSig)).toBe(address);
    }
  });

  it('turns a high-S signature into the low-S one, flipping the recovery id', () => {
    const { publicKey, hash, sig, address } = signed();
    const result = parseSignResponse(template(publicKey, sig.r, N - sig.s), hash);
    expect(bytesToHex(result.s)).toBe(sig.s.toString(16).padStart(64, '0'));
    expect(result.recoveryId).toBe(sig.recovery);
    const v = 27 + result.recoveryId;
    expect(
      recoverAddress(
        hash,
        Signature.from({ r: `0x${bytesToHex(result.r)}`, s: `0x${bytesToHex(result.s)}`, v }),
      ),
    ).toBe(address);
  });

  it('reads non-minimal DER integers (a 32-byte S kept after the low-S flip)', () => {
    const { publicKey, hash, sig } = signed();
    const result = parseSignResponse(template(publicKey, sig.r, sig.s, 3), hash);
    expect(result.recoveryId).toBe(sig.recovery);
  });

  it('accepts the raw 80 41 r‖s‖recId form', () => {
    const { hash, sig, publicKey } = signed();
    const raw = tlv(
      0x80,
      concatBytes(
        int(sig.r).slice(-32),
        hexToBytes(sig.s.toString(16).padStart(64, '0')),
        Uint8Array.of(sig.recovery!),
      ),
    );
    const result = parseSignResponse(raw, hash);
    expect(bytesToHex(result.publicKey)).toBe(bytesToHex(publicKey));
    expect(result.recoveryId).toBe(sig.recovery);
  });

  it('rejects a signature that does not match the reported key', () => {
    const { hash, sig } = signed();
    const other = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), false);
    expect(() => parseSignResponse(template(other, sig.r, sig.s), hash)).toThrow(
      expect.objectContaining({ code: 'signature-invalid' }),
    );
  });

  it('rejects out-of-range scalars and malformed templates with typed errors', () => {
    const { publicKey, hash, sig } = signed();
    expect(() => parseSignResponse(template(publicKey, 0n, sig.s), hash)).toThrow(
      expect.objectContaining({ code: 'signature-invalid' }),
    );
    expect(() => parseSignResponse(template(publicKey, sig.r, N), hash)).toThrow(
      expect.objectContaining({ code: 'signature-invalid' }),
    );
    const noDer = tlv(0xa0, tlv(0x80, publicKey));
    expect(() => parseSignResponse(noDer, hash)).toThrow(
      expect.objectContaining({ code: 'malformed-response' }),
    );
    const badKey = template(new Uint8Array(65).fill(4), sig.r, sig.s);
    expect(() => parseSignResponse(badKey, hash)).toThrow(
      expect.objectContaining({ code: 'malformed-response' }),
    );
    expect(() => parseSignResponse(new Uint8Array(0), hash)).toThrow(
      expect.objectContaining({ code: 'malformed-response' }),
    );
  });
});
