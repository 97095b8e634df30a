import type { ErrorCode } from '../../preload/errors';
import type { CardChannel } from './channel';

/** What a UI shows for one reader, as-is. */
export interface ReaderView {
  name: string;
  state: 'waiting-for-card' | 'card-present' | 'connected' | 'error';
  /** Hex ATR of the card in the reader, when there is one. */
  atr?: string;
  error?: ErrorCode;
  /** Increases on every insertion and removal, so a stale card handle can be recognised. */
  cardSeq: number;
}

export interface ReadersSnapshot {
  /** `no-service`: pcscd is not running; `no-reader`: it runs but no reader is plugged in. */
  state: 'no-service' | 'no-reader' | 'ready';
  readers: ReaderView[];
}

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
