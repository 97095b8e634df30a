import { describe, expect, it } from 'vitest';
import { assertRecipient, classifyCode, refusedRecipient } from '../../../main/chain/destination';
import { isLifeboatError } from '../../../main/errors';

describe('classifyCode', () => {
  it('tells an address without code, an EIP-7702 delegation and a contract apart', () => {
    expect(classifyCode('0x')).toEqual({ kind: 'eoa' });
    expect(classifyCode('0xEF01001234567890123456789012345678901234567890')).toEqual({
      kind: 'delegated',
      delegate: '0x1234567890123456789012345678901234567890',
    });
    expect(classifyCode('0x6080604052')).toEqual({ kind: 'contract' });
    // The designator prefix with the wrong length is ordinary code.
    expect(classifyCode('0xef010012')).toEqual({ kind: 'contract' });
  });
});

describe('recipients that never receive funds', () => {
  const SENDER = '0x1111111111111111111111111111111111111111';

  it.each([
    ['0x0000000000000000000000000000000000000000', 'zero'],
    ['0x0000000000000000000000000000000000000001', 'reserved'],
    ['0x0000000000000000000000000000000000000100', 'reserved'],
    ['0x000000000000000000000000000000000000ffff', 'reserved'],
    ['0x000000000000000000000000000000000000dEaD', 'burn'],
    ['0x000000000000000000000000000000000000DEAD', 'burn'],
    ['0x1111111111111111111111111111111111111111', 'source'],
  ])('%s is refused as %s', (address, reason) => {
    expect(refusedRecipient(address, [SENDER])).toBe(reason);
  });

  it('accepts the first address above the reserved range and ordinary accounts', () => {
    expect(refusedRecipient('0x0000000000000000000000000000000000010000', [SENDER])).toBe(
      undefined,
    );
    expect(refusedRecipient('0x2222222222222222222222222222222222222222', [SENDER])).toBe(
      undefined,
    );
  });

  it('throws destination-refused with the field and the reason', () => {
    let caught: unknown;
    try {
      assertRecipient('0x0000000000000000000000000000000000000000', [], 'to');
    } catch (error) {
      caught = error;
    }
    expect(isLifeboatError(caught, 'destination-refused')).toBe(true);
    expect((caught as { details: unknown }).details).toMatchObject({ field: 'to', reason: 'zero' });
  });
});
