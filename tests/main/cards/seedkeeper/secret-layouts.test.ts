// Byte layouts built by hand from the specification and @scure/bip39, then decoded; and
// what the encoder writes compared with the same hand-built bytes.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js';
import { mnemonicToEntropy, mnemonicToSeedSync } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as french } from '@scure/bip39/wordlists/french.js';
import { describe, expect, it } from 'vitest';
import {
  encodeImportHeader,
  fingerprintOf,
  parseSecretHeader,
} from '../../../../main/cards/seedkeeper/header';
import { decodeSecret, encodeSecret } from '../../../../main/cards/seedkeeper/secret-layouts';
import { split } from '../../../../main/secrets/slip39';
import { isLifeboatError } from '../../../../main/errors';

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const FRENCH =
  'abaisser abaisser abaisser abaisser abaisser abaisser abaisser abaisser abaisser abaisser abaisser abeille';
const utf8 = (text: string) => new TextEncoder().encode(text);
const len8 = (bytes: Uint8Array) => concatBytes(Uint8Array.of(bytes.length), bytes);

describe('Seedkeeper secret layouts', () => {
  it('writes a phrase as masterseed subtype 1: seed, wordlist, entropy, passphrase', async () => {
    const encoded = await encodeSecret({ kind: 'bip39', phrase: PHRASE, passphrase: 'TREZOR' });
    const expected = concatBytes(
      len8(mnemonicToSeedSync(PHRASE, 'TREZOR')),
      Uint8Array.of(0x00),
      len8(mnemonicToEntropy(PHRASE, english)),
      len8(utf8('TREZOR')),
    );
    expect(encoded).toEqual({ type: 0x10, subtype: 0x01, bytes: expected });
    expect(decodeSecret(0x10, 0x01, expected)).toEqual({
      kind: 'bip39',
      phrase: PHRASE,
      passphrase: 'TREZOR',
    });
  });

  it('keeps the word list: a French phrase comes back in French', async () => {
    const encoded = await encodeSecret({ kind: 'bip39', phrase: FRENCH, passphrase: '' });
    expect(encoded.bytes[65]).toBe(0x06);
    expect(encoded.bytes.subarray(67, 83)).toEqual(mnemonicToEntropy(FRENCH, french));
    expect(decodeSecret(encoded.type, encoded.subtype, encoded.bytes)).toMatchObject({
      phrase: FRENCH,
    });
  });

  it('reads the older BIP-39 mnemonic type 0x30, with or without a descriptor after it', () => {
    const bytes = concatBytes(len8(utf8(PHRASE)), len8(utf8('pass phrase')));
    expect(decodeSecret(0x30, 0x00, bytes)).toEqual({
      kind: 'bip39',
      phrase: PHRASE,
      passphrase: 'pass phrase',
    });
    const withDescriptor = concatBytes(bytes, Uint8Array.of(0, 3), utf8('wpk'));
    expect(decodeSecret(0x30, 0x00, withDescriptor)).toMatchObject({ passphrase: 'pass phrase' });
  });

  it('writes and reads a raw master seed (subtype 0)', async () => {
    const seed = hexToBytes('000102030405060708090a0b0c0d0e0f');
    const encoded = await encodeSecret({ kind: 'masterseed', seed });
    expect(encoded).toEqual({ type: 0x10, subtype: 0x00, bytes: len8(seed) });
    expect(decodeSecret(0x10, 0x00, encoded.bytes)).toEqual({ kind: 'masterseed', seed });
  });

  it('writes a SLIP-39 share as type 0x50: two-byte length, the full words', async () => {
    const share = (
      await split(hexToBytes('bb'.repeat(16)), {
        groupThreshold: 1,
        groups: [{ threshold: 1, count: 1 }],
      })
    )[0]![0]!;
    // Abbreviated words (the first four letters) are stored in full.
    const typed = share
      .split(' ')
      .map((word) => word.slice(0, 4))
      .join('  ');
    const encoded = await encodeSecret({ kind: 'slip39-share', share: typed });
    expect(encoded.type).toBe(0x50);
    expect(encoded.bytes).toEqual(concatBytes(Uint8Array.of(0, utf8(share).length), utf8(share)));
    expect(decodeSecret(0x50, 0x00, encoded.bytes)).toEqual({ kind: 'slip39-share', share });
  });

  it('refuses a share with a wrong checksum, on writing and on reading', async () => {
    const share = (
      await split(hexToBytes('cc'.repeat(16)), {
        groupThreshold: 1,
        groups: [{ threshold: 1, count: 1 }],
      })
    )[0]![0]!;
    const words = share.split(' ');
    words[5] = words[5] === 'academic' ? 'acid' : 'academic';
    await expect(encodeSecret({ kind: 'slip39-share', share: words.join(' ') })).rejects.toThrow(
      expect.objectContaining({ code: 'invalid-share-checksum' }),
    );
    const stored = utf8(words.join(' '));
    expect(() =>
      decodeSecret(0x50, 0, concatBytes(Uint8Array.of(0, stored.length), stored)),
    ).toThrow(expect.objectContaining({ code: 'malformed-response' }));
  });

  it.each([
    ['a cut-short seed', 0x10, 0x01, hexToBytes('40aabb')],
    [
      'an unknown word list',
      0x10,
      0x01,
      concatBytes(
        len8(new Uint8Array(64)),
        Uint8Array.of(42),
        len8(new Uint8Array(16)),
        len8(new Uint8Array(0)),
      ),
    ],
    [
      'an impossible entropy length',
      0x10,
      0x01,
      concatBytes(
        len8(new Uint8Array(64)),
        Uint8Array.of(0),
        len8(new Uint8Array(15)),
        len8(new Uint8Array(0)),
      ),
    ],
    ['a bad phrase', 0x30, 0x00, concatBytes(len8(utf8('not a phrase')), len8(new Uint8Array(0)))],
    [
      'invalid UTF-8',
      0x30,
      0x00,
      concatBytes(len8(Uint8Array.of(0xff, 0xfe)), len8(new Uint8Array(0))),
    ],
  ])('refuses %s with a typed error', (_, type, subtype, bytes) => {
    try {
      decodeSecret(type, subtype, bytes);
      throw new Error('decoded');
    } catch (error) {
      expect(isLifeboatError(error, 'malformed-response')).toBe(true);
    }
  });

  it('does not read secret kinds Lifeboat does not handle', () => {
    expect(() => decodeSecret(0x90, 0x00, hexToBytes('0161'))).toThrow(
      expect.objectContaining({ code: 'not-supported' }),
    );
  });
});

describe('Seedkeeper secret headers', () => {
  it('parses a header as the applet lays it out', () => {
    const label = utf8('My wallet');
    const header = concatBytes(
      Uint8Array.of(0x01, 0x02), // id 258
      Uint8Array.of(0x10, 0x01, 0x02, 3, 4, 0), // type, origin, export, counters
      hexToBytes('deadbeef'),
      Uint8Array.of(0x01, 0x00, label.length),
      label,
    );
    expect(parseSecretHeader(header)).toEqual({
      id: 258,
      type: 0x10,
      subtype: 0x01,
      origin: 'imported',
      exportRights: 'encrypted-only',
      plainExports: 3,
      encryptedExports: 4,
      fingerprint: 'deadbeef',
      label: 'My wallet',
    });
  });

  it('encodes the import header: type, export rights, subtype and label; the rest zero', () => {
    expect(
      bytesToHex(
        encodeImportHeader({ type: 0x50, subtype: 0x00, exportRights: 'plain', label: 'ab' }),
      ),
    ).toBe('500001000000000000000000026162');
    expect(() =>
      encodeImportHeader({ type: 0x10, subtype: 0, exportRights: 'plain', label: '' }),
    ).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });

  it('fingerprints a secret with the first four bytes of SHA-256', () => {
    const bytes = utf8('secret');
    expect(fingerprintOf(bytes)).toBe(bytesToHex(sha256(bytes).subarray(0, 4)));
  });
});
