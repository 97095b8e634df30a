import { describe, expect, it } from 'vitest';
import { fromPcscError, pcscReturnCode } from '../../../../main/cards/pcsc/pcsc-error';

describe('PC/SC error mapping', () => {
  it.each([
    ['SCardTransmit error: Card was removed.(0x80100069)', 'card-removed'],
    ['SCardConnect error: No smart card inserted.(0x8010000c)', 'card-removed'],
    ['SCardTransmit error: Card was reset.(0x80100068)', 'card-reset'],
    ['SCardConnect error: Sharing violation.(0x8010000b)', 'reader-busy'],
    ['SCardGetStatusChange error: RPC transport error.(0x80100013)', 'no-service'],
    ['SCardEstablishContext error: Service not available.(0x8010001d)', 'no-service'],
    ['SCardConnect error: Unknown reader specified.(0x80100009)', 'reader-not-found'],
    ['SCardTransmit error: Transaction failed.(0x80100016)', 'reader-error'],
    ['something without a code', 'reader-error'],
  ])('%s → %s', (message, code) => {
    const error = fromPcscError(new Error(message), 'Reader X');
    expect(error.code).toBe(code);
    expect(error.details?.reader).toBe('Reader X');
    expect(error.message).not.toMatch(/SCard/);
  });

  it('reads the return code from the binding message', () => {
    expect(pcscReturnCode(new Error('x (0x8010001D)'))).toBe(0x8010001d);
    expect(pcscReturnCode('nothing')).toBeUndefined();
  });
});
