import { describe, expect, it } from 'vitest';
import {
  blockHeader,
  hexData,
  quantity,
  receipt,
  smallQuantity,
  txHash,
} from '../../../main/chain/rpc-values';

const HASH = `0x${'ab'.repeat(32)}`;
const inconsistent = expect.objectContaining({ code: 'rpc-inconsistent' });

describe('RPC answers', () => {
  it('accept well-formed values', () => {
    expect(quantity('0x0', 'x')).toBe(0n);
    expect(quantity('0x1bc16d674ec80000', 'x')).toBe(2n * 10n ** 18n);
    expect(smallQuantity('0x7a69', 'x')).toBe(31337);
    expect(hexData('0xABcd', 'x')).toBe('0xabcd');
    expect(txHash(HASH.toUpperCase().replace('0X', '0x'), 'x')).toBe(HASH);
    expect(blockHeader({ number: '0x10', hash: HASH, baseFeePerGas: '0x3b9aca00' })).toEqual({
      number: 16,
      hash: HASH,
      baseFeePerGas: 1_000_000_000n,
    });
    expect(blockHeader({ number: '0x1', hash: HASH }).baseFeePerGas).toBeUndefined();
  });

  it('turn anything else into rpc-inconsistent, never into a number', () => {
    for (const bad of [undefined, null, 12, '12', '0x', '0xg1', `0x${'f'.repeat(65)}`, {}]) {
      expect(() => quantity(bad, 'balance')).toThrow(inconsistent);
    }
    expect(() => smallQuantity('0xffffffffffffffffff', 'nonce')).toThrow(inconsistent);
    expect(() => hexData('0xabc', 'code')).toThrow(inconsistent);
    expect(() => txHash('0x1234', 'hash')).toThrow(inconsistent);
    expect(() => blockHeader({ number: '0x1' })).toThrow(inconsistent);
  });

  it('check that a receipt is the one asked for', () => {
    const raw = {
      transactionHash: HASH,
      blockNumber: '0x5',
      blockHash: HASH,
      status: '0x1',
      gasUsed: '0x5208',
      effectiveGasPrice: '0x10',
    };
    expect(receipt(null, HASH)).toBeNull();
    expect(receipt(raw, HASH)).toMatchObject({
      blockNumber: 5,
      status: 'success',
      gasUsed: 21000n,
    });
    expect(receipt({ ...raw, status: '0x0' }, HASH)?.status).toBe('reverted');
    expect(() => receipt(raw, `0x${'cd'.repeat(32)}`)).toThrow(inconsistent);
    expect(() => receipt({ ...raw, status: '0x2' }, HASH)).toThrow(inconsistent);
  });
});
