import type { ReadersSnapshot } from '../../preload/api';
import type { CardChannel } from './channel';

export type { ReaderView, ReadersSnapshot } from '../../preload/api';

export type ReaderEvent =
  | { type: 'service-lost' }
  | { type: 'service-restored' }
  | { type: 'reader-added'; reader: string }
  | { type: 'reader-removed'; reader: string }
  | { type: 'card-inserted'; reader: string; atr: string }
  | { type: 'card-removed'; reader: string }
  | { type: 'connected'; reader: string }
  | { type: 'disconnected'; reader: string };

/** The reader layer as the rest of main sees it. */
export interface Readers {
  start(): Promise<void>;
  stop(): Promise<void>;
  snapshot(): ReadersSnapshot;
  onEvent(listener: (event: ReaderEvent) => void): () => void;
  onChange(listener: (snapshot: ReadersSnapshot) => void): () => void;
  connect(reader: string): Promise<CardChannel>;
}
