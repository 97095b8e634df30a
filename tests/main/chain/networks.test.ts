import { describe, expect, it } from 'vitest';
import {
  NETWORK_PRESETS,
  customNetwork,
  explorerTxUrl,
  parseNetwork,
  presetById,
  presetNetwork,
} from '../../../main/chain/networks';

describe('network presets', () => {
  it('carry the public chain ids and fee models of the networks they name', () => {
    expect(NETWORK_PRESETS.map((p) => [p.id, p.chainId, p.nativeSymbol, p.feeModel])).toEqual([
      ['ethereum', 1, 'ETH', 'eip1559'],
      ['sepolia', 11155111, 'ETH', 'eip1559'],
      ['polygon', 137, 'POL', 'eip1559'],
      ['arbitrum', 42161, 'ETH', 'arbitrum'],
      ['optimism', 10, 'ETH', 'op-stack'],
      ['base', 8453, 'ETH', 'op-stack'],
      ['bnb', 56, 'BNB', 'legacy'],
      ['gnosis', 100, 'XDAI', 'eip1559'],
      ['avalanche', 43114, 'AVAX', 'eip1559'],
    ]);
    for (const preset of NETWORK_PRESETS) expect(preset).not.toHaveProperty('rpcUrls');
  });

  it('take the RPC URL from the person, and only http(s) ones', () => {
    expect(presetNetwork('base', ['https://rpc.example/base']).rpcUrls).toEqual([
      'https://rpc.example/base',
    ]);
    for (const bad of ['file:///etc/passwd', 'ws://x', 'javascript:alert(1)', 'not a url', '']) {
      expect(() => presetNetwork('base', [bad])).toThrow(
        expect.objectContaining({ code: 'invalid-input' }),
      );
    }
    expect(() => presetNetwork('base', [])).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
    expect(() => presetNetwork('atlantis', ['https://x'])).toThrow(
      expect.objectContaining({ code: 'network-not-configured' }),
    );
  });

  it('never lets a preset id point at another chain', () => {
    expect(() =>
      parseNetwork({ ...presetById('ethereum'), chainId: 5, rpcUrls: ['https://x'] }),
    ).toThrow(expect.objectContaining({ code: 'invalid-input', details: { field: 'chainId' } }));
  });

  it('makes custom networks from a chain id', () => {
    expect(customNetwork({ chainId: 31337, rpcUrls: ['http://127.0.0.1:8545'] })).toEqual({
      id: 'chain-31337',
      name: 'Chain 31337',
      chainId: 31337,
      nativeSymbol: 'ETH',
      decimals: 18,
      rpcUrls: ['http://127.0.0.1:8545'],
      feeModel: 'eip1559',
    });
    expect(() => customNetwork({ chainId: 0, rpcUrls: ['http://x'] })).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });

  it('links transactions to the explorer', () => {
    expect(explorerTxUrl(presetById('optimism')!, '0xab')).toBe(
      'https://optimistic.etherscan.io/tx/0xab',
    );
    expect(explorerTxUrl({}, '0xab')).toBeUndefined();
  });
});
