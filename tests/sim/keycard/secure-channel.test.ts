import { createCipheriv } from 'node:crypto';
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { ApduBuffer, IsoException } from './apdu-buffer';
import { hex } from './raw-client';
import { unwrapCommand, wrapResponse } from './secure-channel';

/** AES CBC-MAC computed with Node's OpenSSL, independently of the simulator's code. */
function opensslCbcMac(key: Uint8Array, data: Uint8Array): string {
  const cipher = createCipheriv('aes-256-cbc', key, Buffer.alloc(16));
  cipher.setAutoPadding(false);
  return hex(Buffer.concat([cipher.update(data), cipher.final()]).subarray(-16));
}

// keycard-go secure_channel_test.go TestSecureChannel_Send: a MUTUALLY AUTHENTICATE wrapped
// by the reference client.
const VECTOR = {
  encKey: hexToBytes('FDBCB1637597CF3F8F5E8263007D4E45F64C12D44066D4576EB1443D60AEF441'),
  macKey: hexToBytes('2FB70219E6635EE0958AB3F7A428BA87E8CD6E6F873A5725A55F25B102D0F1F7'),
  iv: hexToBytes('627E64358FA9BDCDAD4442BD8006E0A5'),
  plaintext: 'd545a5e95963b6bced86a6ae826d34c5e06ac64a1217effa1415a96674a82500',
  wrapped: hexToBytes(
    'BA796BF8FAD1FD50407B87127B94F5023EF8903AE926EAD8A204F961B8A0EDAEE7CCCFE7F7F6380CE2C6F188E598E4468B7DEDD0E807C18CCBDA71A55F3E1F9A',
  ),
  nextIv: 'ba796bf8fad1fd50407b87127b94f502',
};

/** The card's `secret` scratch as OPEN SECURE CHANNEL leaves it: the IV, then zeros. */
function freshSecret(iv: Uint8Array): Uint8Array {
  const secret = new Uint8Array(64);
  secret.set(iv, 0);
  return secret;
}

describe('card-side secure messaging', () => {
  it("accepts keycard-go's wrapped MUTUALLY AUTHENTICATE and chains the IV to its MAC", () => {
    const secret = freshSecret(VECTOR.iv);
    const buffer = new ApduBuffer(
      Uint8Array.from([0x80, 0x11, 0x00, 0x00, 0x40, ...VECTOR.wrapped]),
    );
    const length = unwrapCommand(VECTOR, secret, buffer);
    expect(length).toBe(32);
    expect(hex(buffer.data())).toBe(VECTOR.plaintext);
    expect(hex(secret.subarray(0, 16))).toBe(VECTOR.nextIv);
  });

  it('refuses a command whose MAC does not match (any header or data bit), keeping the IV', () => {
    const tampered = [
      Uint8Array.from([0x80, 0x11, 0x00, 0x01, 0x40, ...VECTOR.wrapped]),
      Uint8Array.from([
        0x80,
        0x11,
        0x00,
        0x00,
        0x40,
        ...VECTOR.wrapped.map((b, i) => (i === 40 ? b ^ 1 : b)),
      ]),
      Uint8Array.of(0x80, 0x11, 0x00, 0x00),
    ];
    for (const apdu of tampered) {
      const secret = freshSecret(VECTOR.iv);
      expect(() => unwrapCommand(VECTOR, secret, new ApduBuffer(apdu))).toThrow(IsoException);
      try {
        unwrapCommand(VECTOR, secret, new ApduBuffer(apdu));
      } catch (error) {
        expect((error as IsoException).sw).toBe(0x6982);
      }
      expect(hex(secret.subarray(0, 16))).toBe(hex(VECTOR.iv));
    }
  });

  it('wraps a response as keycard-go decrypts it: C from TestDecryptData, MAC over [len, 0…] ‖ C', () => {
    const keys = {
      encKey: hexToBytes('D93D8E6164196D5C5B5F84F10E4B90D98F8D282ED145513ED666AA55C9871E79'),
      macKey: hexToBytes('2FB70219E6635EE0958AB3F7A428BA87E8CD6E6F873A5725A55F25B102D0F1F7'),
    };
    const secret = freshSecret(hexToBytes('F959B1220333046D3C47D61B1E1B891B'));
    const data = hexToBytes('2E21F9F2B2C2CC9038D518A5C6B490613E7955BD19D19108B77786986B7ABFE6');
    const response = wrapResponse(keys, secret, data, 0x9000);
    expect(hex(response.subarray(-2))).toBe('9000');
    const ciphertext = response.subarray(16, -2);
    expect(hex(ciphertext)).toBe(
      '73b58b66372e3446e14a9f54ba59666db432e9dd87d24f9b0525180ee52da2106e0c70eed7cd42b5b313e4443d6ac90d',
    );
    const meta = new Uint8Array(16);
    meta[0] = 16 + ciphertext.length;
    expect(hex(response.subarray(0, 16))).toBe(
      opensslCbcMac(keys.macKey, Buffer.concat([meta, ciphertext])),
    );
    expect(hex(secret.subarray(0, 16))).toBe(hex(response.subarray(0, 16)));
  });
});
