// The reviewed data: public endpoints, bundled tokens and price feeds for every preset.
import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { NETWORK_PRESETS } from '../../../main/chain/networks';
import { PRICE_FEEDS, feedFor } from '../../../main/chain/price-feeds';
import { PUBLIC_ENDPOINTS, publicEndpoints } from '../../../main/chain/public-endpoints';
import { bundledTokenEntries } from '../../../main/chain/tokens';

describe('public endpoints', () => {
  it('offer at least two https servers per preset, each with its provider and source', () => {
    expect(Object.keys(PUBLIC_ENDPOINTS).sort()).toEqual(NETWORK_PRESETS.map((p) => p.id).sort());
    const seen = new Set<string>();
    for (const preset of NETWORK_PRESETS) {
      const endpoints = publicEndpoints(preset.id);
      expect(endpoints.length, preset.id).toBeGreaterThanOrEqual(2);
      for (const endpoint of endpoints) {
        expect(new URL(endpoint.url).protocol).toBe('https:');
        expect(endpoint.provider.length).toBeGreaterThan(0);
        expect(endpoint.source.length).toBeGreaterThan(10);
        expect(seen.has(endpoint.url), endpoint.url).toBe(false);
        seen.add(endpoint.url);
      }
    }
  });
});

describe('bundled tokens and price feeds', () => {
  it('name a source for every token, and a feed for every native coin and token', () => {
    for (const preset of NETWORK_PRESETS) {
      expect(feedFor(PRICE_FEEDS, preset.chainId, 'native'), preset.id).toBeDefined();
      for (const token of bundledTokenEntries(preset.chainId)) {
        expect(token.source.length, token.symbol).toBeGreaterThan(10);
        expect(
          feedFor(PRICE_FEEDS, preset.chainId, token.address.toLowerCase()),
          `${preset.id} ${token.symbol}`,
        ).toBeDefined();
      }
    }
  });

  it('keep EIP-55 addresses and a source on every feed', () => {
    for (const feeds of Object.values(PRICE_FEEDS)) {
      for (const feed of feeds) {
        expect(getAddress(feed.feed)).toBe(feed.feed);
        expect(feed.pair).toMatch(/^[A-Z]+ \/ USD$/);
        expect(feed.source).toContain('docs.chain.link');
      }
    }
  });
});
