import { describe, expect, it } from 'vitest';
import { classifyCode } from '../../../main/chain/destination';

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
