// Payments refuse a recipient that would lose the funds before any network is contacted.
import { describe, expect, it } from 'vitest';
import type { DiscoveryResult } from '../../../preload/api';
import { Transfers } from '../../../main/chain/transfers';

const FROM = '0x1111111111111111111111111111111111111111';

const discovery: DiscoveryResult = {
  discoveryId: 'd1',
  source: { kind: 'secret', secretId: 's1' },
  accounts: [
    {
      scheme: 'bip44',
      index: 0,
      path: "m/44'/60'/0'/0/0",
      address: FROM,
      balances: [
        {
          networkId: 'local',
          nonce: 0,
          assets: [{ asset: 'native', symbol: 'ETH', decimals: 18, balance: '1000' }],
        },
      ],
    },
  ],
  scanned: { schemes: ['bip44'], networkIds: ['local'], addresses: 1, tokens: 0 },
};

function transfers(): Transfers {
  return new Transfers({
    network: () => {
      throw new Error('no network may be contacted for a refused recipient');
    },
    discovery: () => discovery,
    signer: () => {
      throw new Error('nothing may be signed');
    },
    feeCap: () => undefined,
  });
}

describe('a payment', () => {
  it.each([
    ['0x0000000000000000000000000000000000000000', 'zero'],
    ['0x0000000000000000000000000000000000000002', 'reserved'],
    ['0x000000000000000000000000000000000000dEaD', 'burn'],
    [FROM, 'source'],
  ])('to %s is refused as %s', async (to, reason) => {
    await expect(
      transfers().plan({
        discoveryId: 'd1',
        from: FROM,
        networkId: 'local',
        to,
        asset: 'native',
        amount: '1',
      }),
    ).rejects.toMatchObject({ code: 'destination-refused', details: { field: 'to', reason } });
  });
});
