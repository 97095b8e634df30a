import { describe, expect, it } from 'vitest';
import type { DiscoveryProgress, DiscoveryResult } from '../../../preload/api';
import {
  assetTotals,
  holdingKey,
  holdings,
  sendable,
} from '../../../renderer/discovery/balance-rows';
import {
  applyProgress,
  progressTotals,
  sameSource,
} from '../../../renderer/discovery/discovery-progress';

const card = { kind: 'card', sessionId: 's1' } as const;

function progress(
  scheme: DiscoveryProgress['scheme'],
  networkId: string,
  scanned: number,
  found: number,
): DiscoveryProgress {
  return { source: card, scheme, networkId, scanned, found };
}

describe('discovery progress', () => {
  it('keeps the latest report per scheme and network, in first-seen order', () => {
    let rows = applyProgress([], progress('bip44', 'ethereum', 5, 1));
    rows = applyProgress(rows, progress('ledger-live', 'ethereum', 5, 0));
    rows = applyProgress(rows, progress('bip44', 'ethereum', 10, 2));
    expect(rows).toEqual([
      progress('bip44', 'ethereum', 10, 2),
      progress('ledger-live', 'ethereum', 5, 0),
    ]);
  });

  it('sums the rows for the spoken summary', () => {
    const rows = [
      progress('bip44', 'ethereum', 10, 2),
      progress('bip44', 'polygon', 7, 1),
      progress('legacy', 'ethereum', 5, 0),
    ];
    expect(progressTotals(rows)).toEqual({ scanned: 22, found: 3, networks: 2 });
  });

  it('compares sources by kind and id', () => {
    expect(sameSource(card, { kind: 'card', sessionId: 's1' })).toBe(true);
    expect(sameSource(card, { kind: 'card', sessionId: 's2' })).toBe(false);
    expect(sameSource(card, { kind: 'secret', secretId: 's1' })).toBe(false);
    expect(sameSource({ kind: 'secret', secretId: 'x' }, { kind: 'secret', secretId: 'x' })).toBe(
      true,
    );
  });
});

describe('holdings', () => {
  const account = {
    scheme: 'bip44' as const,
    index: 0,
    path: "m/44'/60'/0'/0/0",
    address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  };
  const discovery: DiscoveryResult = {
    discoveryId: 'd',
    source: card,
    accounts: [
      {
        ...account,
        balances: [
          {
            networkId: 'local',
            nonce: 3,
            assets: [
              { asset: 'native', symbol: 'ETH', decimals: 18, balance: '5' },
              {
                asset: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
                symbol: 'TT',
                decimals: 6,
                balance: '0',
              },
            ],
          },
        ],
      },
    ],
    scanned: { schemes: ['bip44'], networkIds: ['local'], addresses: 5, tokens: 1 },
  };

  it('flattens accounts × networks × assets and keeps only positive ones for sending', () => {
    expect(holdings(discovery).map((h) => h.asset.symbol)).toEqual(['ETH', 'TT']);
    expect(sendable(discovery).map((h) => h.asset.symbol)).toEqual(['ETH']);
    expect(holdingKey(sendable(discovery)[0]!)).toBe(`${account.address}|local|native`);
  });

  it('sums each asset of each network over the accounts, leaving zeros out', () => {
    const second = {
      ...account,
      index: 1,
      path: "m/44'/60'/0'/0/1",
      address: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      balances: [
        {
          networkId: 'local',
          nonce: 0,
          assets: [{ asset: 'native', symbol: 'ETH', decimals: 18, balance: '7' }],
        },
        {
          networkId: 'other',
          nonce: 1,
          assets: [{ asset: 'native', symbol: 'ETH', decimals: 18, balance: '0' }],
        },
      ],
    };
    expect(assetTotals({ ...discovery, accounts: [...discovery.accounts, second] })).toEqual([
      {
        networkId: 'local',
        asset: 'native',
        symbol: 'ETH',
        decimals: 18,
        total: '12',
        accounts: 2,
      },
    ]);
  });
});
