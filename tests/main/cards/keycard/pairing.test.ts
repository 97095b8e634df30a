import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PAIRING_PASSWORD,
  decodePairing,
  encodePairing,
  pairingSecretFromPassword,
} from '../../../../main/cards/keycard/pairing';

describe('pairing', () => {
  // Protocol digest §4.1 / §11.8: KEYCARD_DEFAULT_PSK of keycard-pro.
  it('derives the default pairing secret', async () => {
    expect(bytesToHex(await pairingSecretFromPassword(DEFAULT_PAIRING_PASSWORD))).toBe(
      '675deabb0d7c724b4a36caad0e280826159e89886f7082535d431e924848bcf1',
    );
  });

  it('derives the legacy installer test password and applies NFKD', async () => {
    expect(bytesToHex(await pairingSecretFromPassword('KeycardTest'))).toBe(
      '05c6ce68c78760fd529232a37484d9420bce348ffcf00689f03fbc5f8761723b',
    );
    // "ﬁ" (U+FB01) decomposes to "fi" under NFKD.
    expect(bytesToHex(await pairingSecretFromPassword('\ufb01le'))).toBe(
      bytesToHex(await pairingSecretFromPassword('file')),
    );
    expect(
      bytesToHex(await pairingSecretFromPassword(new TextEncoder().encode('KeycardTest'))),
    ).toBe('05c6ce68c78760fd529232a37484d9420bce348ffcf00689f03fbc5f8761723b');
  });

  // choppu/keycard-sdk test/pairing.test.ts: index 0 + key, base64.
  it('serialises a pairing as index ‖ key like the other SDKs', () => {
    const stored = 'AFFdkP01GywuaJRQkGDq+OyPHBE9nECEDDCfXhpfaxlo';
    const pairing = decodePairing(Uint8Array.from(Buffer.from(stored, 'base64')));
    expect(pairing.index).toBe(0);
    expect(pairing.key).toHaveLength(32);
    expect(Buffer.from(encodePairing(pairing)).toString('base64')).toBe(stored);
    expect(() => decodePairing(new Uint8Array(32))).toThrow(
      expect.objectContaining({ code: 'pairings-unreadable' }),
    );
  });
});
