// Prices in US dollars for assets the person holds, read from Chainlink feeds on the assets'
// own networks through the person's own RPC servers: no price service is contacted. Each
// feed is read once (latestRoundData and decimals in one batch per network), and every asset
// gets an answer: a price, a stale feed, no feed, or a network that did not answer.
import type { AssetPrice } from '../../preload/api';
import {
  DECIMALS_CALL,
  LATEST_ROUND_DATA_CALL,
  decodeFeedDecimals,
  decodeLatestRoundData,
  readingOf,
  type FeedReading,
} from './chainlink';
import { ChainConnection } from './connection';
import type { Network } from './networks';
import { feedFor, type PriceFeed, type PriceFeedBook } from './price-feeds';

export interface AssetRef {
  networkId: string;
  asset: string;
}

export interface PriceDeps {
  /** The person's enabled networks with their RPC servers. */
  networks: readonly Network[];
  book: PriceFeedBook;
  /** Unix time in milliseconds. */
  now?: () => number;
  open?: (network: Network) => Promise<ChainConnection>;
}

export async function readPrices(
  assets: readonly AssetRef[],
  deps: PriceDeps,
): Promise<AssetPrice[]> {
  const now = deps.now ?? Date.now;
  const open = deps.open ?? ((network: Network) => ChainConnection.open(network));
  const byNetwork = new Map<string, AssetRef[]>();
  for (const ref of assets)
    byNetwork.set(ref.networkId, [...(byNetwork.get(ref.networkId) ?? []), ref]);

  const answers = await Promise.all(
    [...byNetwork].map(async ([networkId, refs]): Promise<AssetPrice[]> => {
      const network = deps.networks.find((n) => n.id === networkId);
      if (!network) return refs.map((r) => ({ ...r, state: 'unreachable' }));
      const feeds = new Map(refs.map((r) => [r, feedFor(deps.book, network.chainId, r.asset)]));
      const wanted = [...new Set([...feeds.values()].flatMap((f) => (f ? [f.feed] : [])))];
      if (wanted.length === 0) return refs.map((r) => ({ ...r, state: 'missing' }));
      let readings: Map<string, FeedReading>;
      try {
        readings = await readFeeds(await open(network), wanted, now);
      } catch {
        return refs.map((r) => ({ ...r, state: 'unreachable' }));
      }
      return refs.map((r) => priceOf(r, feeds.get(r), readings));
    }),
  );
  return answers.flat();
}

async function readFeeds(
  connection: ChainConnection,
  feeds: readonly string[],
  now: () => number,
): Promise<Map<string, FeedReading>> {
  try {
    const replies = await Promise.all(
      feeds.map((feed) =>
        Promise.allSettled([
          connection.call({ to: feed, data: LATEST_ROUND_DATA_CALL }),
          connection.call({ to: feed, data: DECIMALS_CALL }),
        ]),
      ),
    );
    const seconds = Math.floor(now() / 1000);
    return new Map(
      feeds.map((feed, i) => {
        const [round, decimals] = replies[i]!;
        return [
          feed,
          readingOf(
            round.status === 'fulfilled' ? decodeLatestRoundData(round.value) : undefined,
            decimals.status === 'fulfilled' ? decodeFeedDecimals(decimals.value) : undefined,
            seconds,
          ),
        ];
      }),
    );
  } finally {
    connection.close();
  }
}

function priceOf(
  ref: AssetRef,
  feed: PriceFeed | undefined,
  readings: Map<string, FeedReading>,
): AssetPrice {
  const reading = feed && readings.get(feed.feed);
  if (!feed || !reading || reading.state === 'missing') return { ...ref, state: 'missing' };
  const updatedAt = new Date(reading.updatedAt * 1000).toISOString();
  return reading.state === 'stale'
    ? { ...ref, state: 'stale', pair: feed.pair, updatedAt }
    : { ...ref, state: 'ok', usd: reading.usd, pair: feed.pair, updatedAt };
}
