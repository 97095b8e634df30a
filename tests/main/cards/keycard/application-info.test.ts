import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  CAPABILITIES,
  hasCapability,
  parseApplicationInfo,
  selectCommand,
} from '../../../../main/cards/keycard/application-info';

const key = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), false);
const uid = hexToBytes('00112233445566778899aabbccddeeff');
const keyUid = hexToBytes('b98373b5f78c88bdd753fe8fc3e3300bc8060d8b723a10ea062ca63554a23e7a');

/** An initialised card's SELECT answer, laid out as KeycardApplet.selectApplet writes it. */
function template(options: { keyUid?: Uint8Array; version?: string; caps?: boolean } = {}) {
  const uidField = options.keyUid
    ? concatBytes(hexToBytes('8e20'), options.keyUid)
    : hexToBytes('8e00');
  const body = concatBytes(
    hexToBytes('8f10'),
    uid,
    hexToBytes('8041'),
    key,
    hexToBytes(`0202${options.version ?? '0301'}020104`),
    uidField,
    options.caps === false ? new Uint8Array(0) : hexToBytes('8d011f'),
  );
  const length = body.length < 0x80 ? Uint8Array.of(body.length) : Uint8Array.of(0x81, body.length);
  return concatBytes(Uint8Array.of(0xa4), length, body);
}

describe('SELECT', () => {
  it('selects the Keycard instance AID with Le', () => {
    expect(bytesToHex(selectCommand())).toBe('00a4040009a0000008040001010100');
  });

  it('parses a pre-initialised card (80 41 key only)', () => {
    const info = parseApplicationInfo(concatBytes(hexToBytes('8041'), key));
    expect(info).toEqual({ initialized: false, secureChannelPublicKey: key });
  });

  it('parses an initialised card without a key (A4 61 …)', () => {
    const data = template();
    expect(bytesToHex(data.subarray(0, 2))).toBe('a461');
    const info = parseApplicationInfo(data);
    expect(
      info.initialized && {
        uid: bytesToHex(info.instanceUid),
        version: info.version,
        slots: info.freePairingSlots,
        keyUid: info.keyUid,
        caps: (Object.keys(CAPABILITIES) as (keyof typeof CAPABILITIES)[]).filter((c) =>
          hasCapability(info, c),
        ),
      },
    ).toEqual({
      uid: bytesToHex(uid),
      version: { major: 3, minor: 1 },
      slots: 4,
      keyUid: undefined,
      caps: ['secureChannel', 'keyManagement', 'credentialsManagement', 'ndef', 'factoryReset'],
    });
  });

  it('parses an initialised card with a key (A4 81 81 …) and unknown trailing fields', () => {
    const data = template({ keyUid });
    expect(bytesToHex(data.subarray(0, 3))).toBe('a48181');
    const info = parseApplicationInfo(concatBytes(data, hexToBytes('9f0100')));
    expect(info.initialized && bytesToHex(info.keyUid!)).toBe(bytesToHex(keyUid));
  });

  it('assumes the pre-2.1 capabilities when the tag is absent', () => {
    const info = parseApplicationInfo(template({ caps: false }));
    expect(info.initialized && hasCapability(info, 'factoryReset')).toBe(false);
    expect(info.initialized && hasCapability(info, 'ndef')).toBe(true);
  });

  it('refuses applet 4 (a different protocol) and malformed answers with typed errors', () => {
    expect(() => parseApplicationInfo(template({ version: '0400' }))).toThrow(
      expect.objectContaining({ code: 'card-not-supported' }),
    );
    const data = template({ keyUid });
    for (const bad of [
      data.subarray(0, 40),
      hexToBytes('6f00'),
      new Uint8Array(0),
      concatBytes(hexToBytes('8041'), new Uint8Array(65)),
    ]) {
      expect(() => parseApplicationInfo(bad)).toThrow(
        expect.objectContaining({ code: 'malformed-response' }),
      );
    }
  });
});
