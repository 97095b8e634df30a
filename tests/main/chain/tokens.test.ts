import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { NETWORK_PRESETS } from '../../../main/chain/networks';
import { bundledTokens, tokenAddress, tokenList } from '../../../main/chain/tokens';

describe('token lists', () => {
  it('bundle a few tokens per preset, each with a valid EIP-55 checksummed address', () => {
    for (const preset of NETWORK_PRESETS) {
      const list = bundledTokens(preset.chainId);
      expect(list.length).toBeGreaterThan(0);
      // getAddress rejects a mixed-case address whose checksum is wrong.
      for (const token of list) expect(getAddress(token.address)).toBe(token.address);
    }
    expect(bundledTokens(31337)).toEqual([]);
  });

  it('add the person’s tokens without duplicates', () => {
    const usdc = bundledTokens(1)[0]!;
    const extra = {
      address: '0x00000000000000000000000000000000000000aa',
      symbol: 'X',
      decimals: 2,
    };
    const list = tokenList(1, [{ ...usdc, address: usdc.address.toLowerCase() }, extra]);
    expect(list.length).toBe(bundledTokens(1).length + 1);
    expect(list.at(-1)).toEqual({ ...extra, address: getAddress(extra.address) });
  });

  it('refuses a token address that is not one', () => {
    expect(() => tokenAddress('0x123')).toThrow(
      expect.objectContaining({ code: 'invalid-address' }),
    );
    expect(() => tokenAddress('0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB49')).toThrow(
      expect.objectContaining({ code: 'invalid-address' }),
    );
  });
});
