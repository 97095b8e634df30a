// A card as the vsmartcard `vpcd` reader driver sees it: a TCP client that answers the
// reader. Every message is a 2-byte big-endian length then the payload; a 1-byte payload
// is a control message (0x00 power off, 0x01 power on, 0x02 reset, 0x04 send the ATR), a
// longer one a C-APDU to answer with an R-APDU. Closing the socket removes the card. The
// socket lives on its own thread (see vpcd-socket-worker.mjs); the card model stays here.
import { Worker } from 'node:worker_threads';

export const VPCD_READERS = {
  'Virtual PCD 00 00': 35963,
  'Virtual PCD 00 01': 35964,
} as const;
export type VirtualReader = keyof typeof VPCD_READERS;

export type ApduHandler = (apdu: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export interface VpcdCardOptions {
  atr: Uint8Array;
  handle: ApduHandler;
  /** Called on power on and reset, so a card model can drop its transient state. */
  onReset?: () => void;
  host?: string;
}

const CONTROL = { off: 0x00, on: 0x01, reset: 0x02 } as const;

/**
 * pcscd learns that a card left only at its next presence poll (every 400 ms). A card put
 * into the same reader before that poll is taken for the old one, never powered up, and
 * reported mute; so an insertion waits this long after the last removal from its reader.
 */
const REMOVAL_SETTLE_MS = 1000;
const lastRemoval = new Map<number, number>();
const WORKER = new URL('./vpcd-socket-worker.mjs', import.meta.url);

type FromWorker =
  | { type: 'inserted' }
  | { type: 'failed'; message: string }
  | { type: 'removed' }
  | { type: 'control'; value: number }
  | { type: 'apdu'; id: number; apdu: Uint8Array };

export class VpcdCard {
  private worker: Worker | undefined;
  private removed: Promise<void> = Promise.resolve();
  private queue: Promise<void> = Promise.resolve();
  private readonly options: VpcdCardOptions;
  private port: number | undefined;
  /** Number of C-APDUs received since insertion. */
  apduCount = 0;

  constructor(options: VpcdCardOptions) {
    this.options = options;
  }

  get inserted(): boolean {
    return this.worker !== undefined;
  }

  /** Connects to the reader's port, i.e. puts the card into the reader. */
  async insert(reader: VirtualReader | number, timeoutMs = 10_000): Promise<void> {
    if (this.inserted) throw new Error('card is already inserted');
    const port = typeof reader === 'number' ? reader : VPCD_READERS[reader];
    const settle = (lastRemoval.get(port) ?? 0) + REMOVAL_SETTLE_MS - Date.now();
    if (settle > 0) await new Promise((r) => setTimeout(r, settle));
    this.port = port;
    const worker = new Worker(WORKER, {
      workerData: {
        host: this.options.host ?? '127.0.0.1',
        port,
        atr: this.options.atr,
        timeoutMs,
      },
    });
    this.worker = worker;
    this.apduCount = 0;
    let gone!: () => void;
    this.removed = new Promise<void>((resolve) => (gone = resolve));
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      gone();
    });
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'inserted') resolve();
        else if (message.type === 'failed') reject(new Error(message.message));
        else this.onMessage(worker, message);
      });
      worker.once('error', reject);
      worker.once('exit', () =>
        reject(new Error('the vpcd card thread ended before the card was inserted')),
      );
    }).catch((error: unknown) => {
      this.worker = undefined;
      throw error;
    });
  }

  /** Closes the socket: the reader sees the card leave. */
  async remove(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    worker.postMessage({ type: 'remove' });
    await this.removed;
    if (this.port !== undefined) lastRemoval.set(this.port, Date.now());
  }

  private onMessage(worker: Worker, message: FromWorker): void {
    if (message.type === 'removed') {
      if (this.worker === worker) this.worker = undefined;
      if (this.port !== undefined) lastRemoval.set(this.port, Date.now());
      return;
    }
    if (message.type === 'control') {
      if (message.value === CONTROL.on || message.value === CONTROL.reset) this.options.onReset?.();
      return;
    }
    if (message.type !== 'apdu') return;
    this.apduCount += 1;
    const apdu = message.apdu;
    this.queue = this.queue.then(async () => {
      let response: Uint8Array;
      try {
        response = await this.options.handle(apdu);
      } catch {
        response = Uint8Array.of(0x6f, 0x00);
      }
      // An answer for a card that has since left (or been put back) must not reach the reader.
      if (this.worker === worker) worker.postMessage({ type: 'answer', data: response });
    });
  }
}
