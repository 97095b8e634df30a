import { describe, expect, it } from 'vitest';
import { statusError, type KeycardCommand } from '../../../../main/cards/keycard/status-words';

const code = (sw: number, command: KeycardCommand, state = {}) =>
  statusError(sw, command, state).code;

describe('status words', () => {
  it('reports wrong PINs and PUKs with the tries left (KeycardTest: 63C2, 63C1, 63C0, 63C4)', () => {
    expect(statusError(0x63c2, 'verify-pin')).toMatchObject({
      code: 'wrong-pin',
      details: { triesLeft: 2, sw: '63c2', command: 'verify-pin' },
    });
    expect(statusError(0x63c1, 'verify-pin').details).toMatchObject({ triesLeft: 1 });
    expect(statusError(0x63c0, 'verify-pin')).toMatchObject({
      code: 'pin-blocked',
      details: { triesLeft: 0 },
    });
    expect(statusError(0x63c4, 'unblock-pin')).toMatchObject({
      code: 'wrong-puk',
      details: { triesLeft: 4 },
    });
    expect(code(0x63c0, 'unblock-pin')).toBe('puk-blocked');
  });

  it('reads 6985 according to the command and what is known of the card', () => {
    expect(code(0x6985, 'sign', { pinVerified: false, keyLoaded: true })).toBe('pin-required');
    expect(code(0x6985, 'sign', { pinVerified: true, keyLoaded: false })).toBe('no-key');
    expect(code(0x6985, 'export-key', { pinVerified: true, keyLoaded: true })).toBe(
      'conditions-not-satisfied',
    );
    expect(code(0x6985, 'unblock-pin')).toBe('pin-not-blocked');
    expect(code(0x6985, 'identify')).toBe('no-certificate');
    expect(code(0x6985, 'pair')).toBe('conditions-not-satisfied');
    expect(code(0x6985, 'load-key', { pinVerified: false })).toBe('pin-required');
  });

  it('maps pairing, channel and support conditions to their own codes', () => {
    expect(code(0x6a84, 'pair')).toBe('no-pairing-slots');
    expect(code(0x6982, 'pair-confirm')).toBe('wrong-pairing-password');
    expect(code(0x6982, 'mutually-authenticate')).toBe('pairing-invalid');
    expect(code(0x6a86, 'open-secure-channel')).toBe('pairing-invalid');
    expect(code(0x6982, 'sign')).toBe('channel-reset');
    expect(code(0x6d00, 'init')).toBe('already-initialized');
    expect(code(0x6d00, 'get-status', { initialized: false })).toBe('not-initialized');
    expect(code(0x6d00, 'identify', { initialized: true })).toBe('not-supported');
    expect(code(0x6a82, 'select')).toBe('card-not-supported');
  });

  it('maps data and parameter errors', () => {
    expect(code(0x6a80, 'load-key')).toBe('wrong-data');
    expect(code(0x6a86, 'unpair')).toBe('wrong-parameters');
    expect(code(0x6a88, 'sign')).toBe('wrong-parameters');
    expect(code(0x6b00, 'sign')).toBe('wrong-parameters');
    expect(code(0x6f05, 'sign')).toBe('card-error');
    expect(statusError(0x1234, 'sign')).toMatchObject({
      code: 'card-error',
      details: { sw: '1234' },
    });
  });
});
