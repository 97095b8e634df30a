import { describe, expect, it } from 'vitest';
import {
  AID,
  STATUS_COMMAND,
  encodeCommand,
  selectCommand,
} from '../../../../main/cards/toporin/apdu';
import { parseStatus } from '../../../../main/cards/toporin/status';
import { statusError, type ToporinOperation } from '../../../../main/cards/toporin/status-words';

describe('Toporin status words', () => {
  it.each<[number, ToporinOperation, string, Record<string, unknown>?]>([
    [0x63c2, 'verify-pin', 'wrong-pin', { triesLeft: 2 }],
    [0x63c0, 'verify-pin', 'pin-blocked', { triesLeft: 0 }],
    [0x63c4, 'change-pin', 'wrong-pin', { triesLeft: 4 }],
    [0x63c1, 'reset-seed', 'wrong-pin', { triesLeft: 1 }],
    [0x63c1, 'unblock-pin', 'wrong-puk', { triesLeft: 1 }],
    [0x63c0, 'unblock-pin', 'puk-blocked', { triesLeft: 0 }],
    [0x9c0c, 'verify-pin', 'pin-blocked', { triesLeft: 0 }],
    [0x9c0c, 'unblock-pin', 'puk-blocked', { triesLeft: 0 }],
    [0x9c02, 'verify-pin', 'wrong-pin'],
    [0x9c03, 'unblock-pin', 'pin-not-blocked'],
    [0x9c03, 'import-secret', 'conditions-not-satisfied'],
    [0x9c04, 'verify-pin', 'not-initialized'],
    [0x9c07, 'setup', 'already-initialized'],
    [0x9c06, 'sign-hash', 'pin-required'],
    [0x9c14, 'sign-hash', 'no-key'],
    [0x9c17, 'import-seed', 'key-present'],
    [0x9c01, 'import-secret', 'card-memory-full'],
    [0x9c08, 'export-secret', 'card-secret-not-found'],
    [0x9c31, 'export-secret', 'secret-export-forbidden'],
    [0x9c20, 'get-authentikey', 'channel-reset'],
    [0x9c21, 'verify-pin', 'channel-reset'],
    [0x9c22, 'verify-pin', 'secure-channel-failed'],
    [0x9c23, 'verify-pin', 'secure-channel-failed'],
    [0x9c30, 'export-secret', 'conditions-not-satisfied'],
    [0xff00, 'unblock-pin', 'card-wiped'],
    [0x6a82, 'select', 'card-not-supported'],
    [0x6d00, 'get-extended-key', 'not-supported'],
    [0x9c0f, 'setup', 'wrong-data'],
    [0x9c10, 'sign-hash', 'wrong-parameters'],
    [0x9cff, 'sign-hash', 'card-error'],
    [0x1234, 'sign-hash', 'card-error'],
  ])('%s on %s is %s', (sw, operation, code, details) => {
    const error = statusError(sw, operation);
    expect(error.code).toBe(code);
    expect(error.details).toMatchObject({
      command: operation,
      sw: sw.toString(16).padStart(4, '0'),
      ...details,
    });
  });

  it('never puts a PIN-like value in a message', () => {
    expect(statusError(0x63c3, 'verify-pin').message).toBe('Wrong PIN: 3 tries left.');
    expect(statusError(0x63c1, 'unblock-pin').message).toBe('Wrong PUK: 1 try left.');
  });
});

describe('Toporin APDUs', () => {
  it('always states Lc, which the applet reads from the decrypted buffer', () => {
    expect(Array.from(encodeCommand({ ins: 0x60 }))).toEqual([0xb0, 0x60, 0, 0, 0]);
    expect(Array.from(encodeCommand({ ins: 0x42, data: Uint8Array.of(1, 2, 3, 4) }))).toEqual([
      0xb0, 0x42, 0, 0, 4, 1, 2, 3, 4,
    ]);
    expect(() => encodeCommand({ ins: 0x42, data: new Uint8Array(256) })).toThrow(
      expect.objectContaining({ code: 'invalid-request' }),
    );
    expect(Array.from(STATUS_COMMAND)).toEqual([0xb0, 0x3c, 0, 0]);
  });

  it('selects by the families’ AIDs ("SatoChip\\0", "SeedKeeper\\0")', () => {
    expect(Buffer.from(selectCommand(AID.satochip)).toString('hex')).toBe(
      '00a40400095361746f4368697000',
    );
    expect(Buffer.from(selectCommand(AID.seedkeeper)).toString('hex')).toBe(
      '00a404000b536565644b656570657200',
    );
  });
});

describe('GET STATUS', () => {
  it('reads versions, tries and flags; older applets get the client’s defaults', () => {
    expect(parseStatus(Uint8Array.of(0, 12, 0, 6, 5, 3, 1, 1, 0, 1, 1, 1))).toEqual({
      protocol: { major: 0, minor: 12 },
      applet: { major: 0, minor: 6 },
      pinTries: 5,
      pukTries: 3,
      needs2fa: false,
      seeded: true,
      setupDone: true,
      needsSecureChannel: true,
    });
    expect(parseStatus(Uint8Array.of(0, 9, 0, 1, 3, 3, 0, 0))).toMatchObject({
      setupDone: true,
      needsSecureChannel: false,
    });
    expect(() => parseStatus(Uint8Array.of(0, 12, 0))).toThrow(
      expect.objectContaining({ code: 'malformed-response' }),
    );
  });
});
