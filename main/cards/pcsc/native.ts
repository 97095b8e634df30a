// The subset of the npm `pcsclite` binding that Lifeboat relies on, typed here because the
// package's own typings do not export its interfaces. The native module is loaded lazily so
// that commands which never touch a card do not need libpcsclite at all.

export interface NativeStatus {
  state: number;
  atr?: Buffer;
}

export interface NativeReader {
  readonly name: string;
  readonly connected: boolean;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_EMPTY: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_STATE_UNAVAILABLE: number;
  readonly SCARD_RESET_CARD: number;
  on(event: 'status', listener: (status: NativeStatus) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'end', listener: () => void): this;
  removeAllListeners(): this;
  connect(
    options: { share_mode: number; protocol: number },
    callback: (error: Error | null | undefined, protocol: number) => void,
  ): void;
  disconnect(disposition: number, callback: (error: Error | null | undefined) => void): void;
  transmit(
    data: Buffer,
    responseLength: number,
    protocol: number,
    callback: (error: Error | null | undefined, response: Buffer) => void,
  ): void;
  close(): void;
}

export interface NativePcsc {
  on(event: 'reader', listener: (reader: NativeReader) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  removeAllListeners(): this;
  close(): void;
}

export type NativePcscFactory = () => NativePcsc;

export async function loadNativePcsc(): Promise<NativePcscFactory> {
  const module = (await import('pcsclite')) as unknown as { default: NativePcscFactory };
  return module.default;
}
