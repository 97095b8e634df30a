import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../preload/api';
import { parseSettings } from '../../../main/settings';
import {
  addCaKey,
  addNetwork,
  addToken,
  isCaKey,
  networkId,
  removeCaKey,
  removeNetwork,
  removeToken,
  rpcLines,
  toggleScheme,
  updateNetwork,
  withFeeCap,
} from '../../../renderer/settings/settings-draft';

const base: Settings = {
  networks: [
    {
      id: 'ethereum',
      name: 'Ethereum',
      chainId: 1,
      nativeSymbol: 'ETH',
      decimals: 18,
      rpcUrls: [],
      feeModel: 'eip1559',
      enabled: false,
    },
  ],
  tokens: [],
  trustedCaKeys: [],
  preferences: { schemes: ['bip44', 'ledger-live', 'legacy'], gapLimit: 5 },
};
const KEY = `02${'ab'.repeat(32)}`;

describe('settings draft', () => {
  it('removes an added network with its tokens, leaving settings main accepts', () => {
    const added = addToken(
      addNetwork(base, {
        name: 'Home chain',
        chainId: 777,
        nativeSymbol: 'HOME',
        decimals: 18,
        rpcUrls: ['http://127.0.0.1:9'],
        feeModel: 'eip1559',
        enabled: true,
      }),
      { networkId: 'home-chain', address: `0x${'11'.repeat(20)}`, symbol: 'TOK', decimals: 6 },
    );
    const removed = removeNetwork(added, 'home-chain');
    expect(removed.networks.map((n) => n.id)).toEqual(['ethereum']);
    expect(removed.tokens).toEqual([]);
    expect(parseSettings(removed)).toEqual(removed);
  });

  it('reads one RPC address per line', () => {
    expect(rpcLines(' http://127.0.0.1:8545 \n\n https://rpc.example \n')).toEqual([
      'http://127.0.0.1:8545',
      'https://rpc.example',
    ]);
  });

  it('patches one network and never its id', () => {
    const next = updateNetwork(base, 'ethereum', { enabled: true, id: 'other' });
    expect(next.networks[0]).toMatchObject({ id: 'ethereum', enabled: true });
    expect(base.networks[0]!.enabled).toBe(false);
  });

  it('gives an added network a unique id from its name', () => {
    expect(networkId(base, 'Local Test Chain!')).toBe('local-test-chain');
    expect(networkId(base, 'Ethereum')).toBe('ethereum-2');
    expect(networkId(base, '***')).toBe('network');
    const next = addNetwork(base, { ...base.networks[0]!, name: 'Ethereum', chainId: 5 });
    expect(next.networks.map((n) => n.id)).toEqual(['ethereum', 'ethereum-2']);
  });

  it('adds and removes tokens and trusted keys', () => {
    const token = {
      networkId: 'ethereum',
      address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      symbol: 'TT',
      decimals: 6,
    };
    expect(removeToken(addToken(base, token), 0).tokens).toEqual([]);
    const withKey = addCaKey(base, ` ${KEY.toUpperCase().replace('0X', '0x')} `);
    expect(withKey.trustedCaKeys).toEqual([KEY]);
    expect(addCaKey(withKey, KEY)).toBe(withKey);
    expect(removeCaKey(withKey, KEY).trustedCaKeys).toEqual([]);
  });

  it('recognises compressed public keys only', () => {
    expect(isCaKey(KEY)).toBe(true);
    expect(isCaKey(`04${'ab'.repeat(32)}`)).toBe(false);
    expect(isCaKey(KEY.slice(0, -2))).toBe(false);
  });

  it('toggles schemes in canonical order and keeps at least one', () => {
    const two = toggleScheme(base.preferences, 'ledger-live');
    expect(two.schemes).toEqual(['bip44', 'legacy']);
    expect(toggleScheme(two, 'ledger-live').schemes).toEqual(['bip44', 'ledger-live', 'legacy']);
    const one = { ...base.preferences, schemes: ['legacy' as const] };
    expect(toggleScheme(one, 'legacy')).toBe(one);
  });

  it('sets and clears the fee cap', () => {
    const capped = withFeeCap(base.preferences, '30000000000');
    expect(capped.maxFeePerGas).toBe('30000000000');
    expect('maxFeePerGas' in withFeeCap(capped, null)).toBe(false);
  });
});
