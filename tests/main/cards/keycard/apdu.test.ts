import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { encodeCommand, parseResponse, swHex } from '../../../../main/cards/keycard/apdu';

describe('command APDUs', () => {
  // keycard-go apdu/command_test.go TestNewCommand
  it('serialises header, Lc and data, and an optional Le', () => {
    const data = hexToBytes('84762336c5187fe8');
    expect(bytesToHex(encodeCommand({ cla: 0x80, ins: 0x50, p1: 1, p2: 2, data }))).toBe(
      '805001020884762336c5187fe8',
    );
    expect(bytesToHex(encodeCommand({ cla: 0x80, ins: 0x50, p1: 1, p2: 2, data, le: 0x77 }))).toBe(
      '805001020884762336c5187fe877',
    );
  });

  it('sends a case-1 command as four bytes', () => {
    expect(bytesToHex(encodeCommand({ cla: 0x80, ins: 0xf2, p1: 0, p2: 0 }))).toBe('80f20000');
  });

  it('refuses data that does not fit a short APDU', () => {
    expect(() =>
      encodeCommand({ cla: 0x80, ins: 0xe2, p1: 0, p2: 0, data: new Uint8Array(256) }),
    ).toThrow(expect.objectContaining({ code: 'invalid-request' }));
    expect(() => encodeCommand({ cla: 0x80, ins: 0x100, p1: 0, p2: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid-request' }),
    );
  });
});

describe('response APDUs', () => {
  // keycard-go apdu/response_test.go TestParseResponse
  it('splits data and status word', () => {
    const response = parseResponse(
      hexToBytes('000002650183039536622002003b5e508f751c0af3016e3fbc23d3a69000'),
    );
    expect(response.sw).toBe(0x9000);
    expect(bytesToHex(response.data)).toBe(
      '000002650183039536622002003b5e508f751c0af3016e3fbc23d3a6',
    );
    expect(swHex(0x6a80)).toBe('6a80');
  });

  // TestParseResponse_BadData
  it('rejects an answer shorter than a status word with a typed error', () => {
    expect(() => parseResponse(new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'malformed-response' }),
    );
    expect(() => parseResponse(Uint8Array.of(0x90))).toThrow(
      expect.objectContaining({ code: 'malformed-response' }),
    );
  });
});
