// A card as the vsmartcard `vpcd` reader driver sees it: a TCP client that answers the
// reader. Every message is a 2-byte big-endian length then the payload; a 1-byte payload
// is a control message (0x00 power off, 0x01 power on, 0x02 reset, 0x04 send the ATR), a
// longer one a C-APDU to answer with an R-APDU. Closing the socket removes the card.
import net from 'node:net';

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

const CONTROL = { off: 0x00, on: 0x01, reset: 0x02, atr: 0x04 } as const;

export class VpcdCard {
  private socket: net.Socket | undefined;
  private buffered = Buffer.alloc(0);
  private queue: Promise<void> = Promise.resolve();
  private readonly options: VpcdCardOptions;
  /** Number of C-APDUs received since insertion. */
  apduCount = 0;

  constructor(options: VpcdCardOptions) {
    this.options = options;
  }

  get inserted(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  /** Connects to the reader's port, i.e. puts the card into the reader. */
  async insert(reader: VirtualReader | number, timeoutMs = 10_000): Promise<void> {
    if (this.inserted) throw new Error('card is already inserted');
    const port = typeof reader === 'number' ? reader : VPCD_READERS[reader];
    const deadline = Date.now() + timeoutMs;
    // pcscd opens the vpcd port a moment after it starts, so retry until it listens.
    for (;;) {
      try {
        this.socket = await connectOnce(this.options.host ?? '127.0.0.1', port);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    this.apduCount = 0;
    this.buffered = Buffer.alloc(0);
    const socket = this.socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(socket, chunk));
    socket.on('error', () => socket.destroy());
  }

  /** Closes the socket: the reader sees the card leave. */
  async remove(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private onData(socket: net.Socket, chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 2) {
      const length = this.buffered.readUInt16BE(0);
      if (this.buffered.length < 2 + length) return;
      const payload = new Uint8Array(this.buffered.subarray(2, 2 + length));
      this.buffered = this.buffered.subarray(2 + length);
      this.queue = this.queue.then(() => this.answer(socket, payload));
    }
  }

  private async answer(socket: net.Socket, payload: Uint8Array): Promise<void> {
    if (socket.destroyed) return;
    if (payload.length === 1) {
      const control = payload[0];
      if (control === CONTROL.atr) this.send(socket, this.options.atr);
      else if (control === CONTROL.on || control === CONTROL.reset) this.options.onReset?.();
      return;
    }
    this.apduCount += 1;
    let response: Uint8Array;
    try {
      response = await this.options.handle(payload);
    } catch {
      response = Uint8Array.of(0x6f, 0x00);
    }
    if (socket === this.socket && !socket.destroyed) this.send(socket, response);
  }

  private send(socket: net.Socket, data: Uint8Array): void {
    const frame = Buffer.alloc(2 + data.length);
    frame.writeUInt16BE(data.length, 0);
    frame.set(data, 2);
    socket.write(frame);
  }
}

function connectOnce(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
