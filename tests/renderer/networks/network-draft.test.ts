import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../main/settings';
import { effectiveTheme } from '../../../renderer/app/ThemeToggle';
import {
  chosenCount,
  failingCount,
  healthWords,
  withServer,
  withoutServer,
} from '../../../renderer/networks/network-draft';

describe('the network choice', () => {
  it('adds servers in the order ticked, turning the network on, and off with the last one', () => {
    let settings = defaultSettings();
    settings = withServer(settings, 'base', 'https://b');
    settings = withServer(settings, 'base', 'https://a');
    settings = withServer(settings, 'base', 'https://b');
    expect(settings.networks.find((n) => n.id === 'base')).toMatchObject({
      rpcUrls: ['https://b', 'https://a'],
      enabled: true,
    });
    expect(chosenCount(settings)).toBe(2);
    settings = withoutServer(withoutServer(settings, 'base', 'https://b'), 'base', 'https://a');
    expect(settings.networks.find((n) => n.id === 'base')).toMatchObject({
      rpcUrls: [],
      enabled: false,
    });
    expect(chosenCount(settings)).toBe(0);
  });

  it('counts a ticked server that failed its check as failing, and forgets an unticked one', () => {
    let settings = defaultSettings();
    settings = withServer(settings, 'base', 'https://dead');
    settings = withServer(settings, 'base', 'https://alive');
    const failing = new Set(['base|https://dead', 'ethereum|https://never-ticked']);
    expect(chosenCount(settings)).toBe(2);
    expect(failingCount(settings, failing)).toBe(1);
    expect(failingCount(withoutServer(settings, 'base', 'https://dead'), failing)).toBe(0);
  });

  it('words a health check: the chain, and a server that has fallen behind', () => {
    const health = {
      networkId: 'ethereum',
      url: 'https://x',
      chainId: 1,
      chainMatches: true,
      latencyMs: 120,
      latestBlock: 9,
      blockAgeSeconds: 12,
    };
    expect(healthWords(health, 'Ethereum')).toEqual({
      text: 'Serves Ethereum; round trip 120 ms; newest block #9, 12 s old.',
      tone: 'good',
    });
    expect(healthWords({ ...health, blockAgeSeconds: 4000 }, 'Ethereum')).toMatchObject({
      text: expect.stringContaining('67 min old'),
      tone: 'warning',
    });
    expect(healthWords({ ...health, chainId: 5, chainMatches: false }, 'Ethereum')).toEqual({
      text: 'Serves chain 5, not Ethereum: Lifeboat will refuse it.',
      tone: 'bad',
    });
  });

  it('follows the computer for the theme unless one is chosen', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(effectiveTheme('dark', false)).toBe('dark');
  });
});
