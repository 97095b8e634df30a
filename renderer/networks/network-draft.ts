// The network choice as pure edits of the settings: ticking a server adds it to the network's
// RPC addresses (in the order ticked, which is the order of fallback) and turns the network
// on; unticking the last one turns it off.
import type { EndpointHealth, Settings } from '../../preload/api';
import { t } from '../i18n/t';

export function withServer(settings: Settings, networkId: string, url: string): Settings {
  return {
    ...settings,
    networks: settings.networks.map((n) =>
      n.id === networkId && !n.rpcUrls.includes(url)
        ? { ...n, rpcUrls: [...n.rpcUrls, url], enabled: true }
        : n,
    ),
  };
}

export function withoutServer(settings: Settings, networkId: string, url: string): Settings {
  return {
    ...settings,
    networks: settings.networks.map((n) => {
      if (n.id !== networkId) return n;
      const rpcUrls = n.rpcUrls.filter((u) => u !== url);
      return { ...n, rpcUrls, enabled: n.enabled && rpcUrls.length > 0 };
    }),
  };
}

export function chosenCount(settings: Settings): number {
  return settings.networks.reduce((sum, n) => sum + (n.enabled ? n.rpcUrls.length : 0), 0);
}

/**
 * The ticked servers whose last check failed (`failing` holds `network|url` keys): a saved
 * server that does not answer is not "in use", and the summary must not count it as if it were.
 */
export function failingCount(settings: Settings, failing: ReadonlySet<string>): number {
  return settings.networks.reduce(
    (sum, n) =>
      sum + (n.enabled ? n.rpcUrls.filter((url) => failing.has(`${n.id}|${url}`)).length : 0),
    0,
  );
}

/** A block older than ten minutes means the server has fallen behind the network. */
const BEHIND_SECONDS = 600;

/** The words for a health check: right chain, round trip, and how fresh the newest block is. */
export function healthWords(
  health: EndpointHealth,
  name: string,
): { text: string; tone: 'good' | 'warning' | 'bad' } {
  if (!health.chainMatches) {
    return { text: t('networks.wrongChain', { chainId: health.chainId, name }), tone: 'bad' };
  }
  const seconds = health.blockAgeSeconds;
  const age =
    seconds < 0
      ? t('networks.ageAhead')
      : seconds < 120
        ? t('networks.ageSeconds', { seconds })
        : seconds < 7200
          ? t('networks.ageMinutes', { minutes: Math.round(seconds / 60) })
          : t('networks.ageHours', { hours: Math.round(seconds / 3600) });
  return {
    text: t('networks.healthy', {
      name,
      latency: health.latencyMs,
      block: health.latestBlock,
      age,
    }),
    tone: seconds > BEHIND_SECONDS ? 'warning' : 'good',
  };
}
