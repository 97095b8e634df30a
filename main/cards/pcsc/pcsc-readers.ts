import type { ErrorCode } from '../../../preload/errors';
import { LifeboatError } from '../../errors';
import { Listeners } from '../../listeners';
import type { CardChannel } from '../channel';
import type { ReaderEvent, ReaderView, Readers, ReadersSnapshot } from '../readers';
import {
  loadNativePcsc,
  type NativePcsc,
  type NativePcscFactory,
  type NativeReader,
} from './native';
import { fromPcscError, pcscError } from './pcsc-error';
import { PcscChannel } from './pcsc-channel';
import {
  readerHolders,
  type HolderRole,
  type ReaderHolder,
  type ReaderHolders,
} from './reader-holders';

export interface PcscReadersOptions {
  /** How often to look for pcscd again after it stopped or was never there. */
  retryMs?: number;
  transmitTimeoutMs?: number;
  /** Injected by tests; normally the npm `pcsclite` binding. */
  factory?: NativePcscFactory;
  /**
   * Which readers to watch; any other is left alone as if it were not connected. The test
   * bench watches only its virtual readers, so a person's own reader and card never see it.
   */
  acceptReader?: (name: string) => boolean;
  /**
   * What this process is, recorded while it holds a card so that another Lifeboat process
   * finding the reader busy can say who has it. Nothing is recorded without one.
   */
  role?: HolderRole;
  /** Injected by tests: where holders are recorded. */
  holders?: ReaderHolders;
}

interface ReaderRecord {
  native: NativeReader;
  view: ReaderView;
  channel: PcscChannel | undefined;
}

/**
 * Watches pcscd: which readers exist, which hold a card, and whether the service itself is
 * up. It survives pcscd stopping and starting again by re-establishing its context, and it
 * is the only way the rest of main opens a card.
 */
export class PcscReaders implements Readers {
  private readonly retryMs: number;
  private readonly transmitTimeoutMs: number;
  private readonly acceptReader: (name: string) => boolean;
  private readonly holders: ReaderHolders;
  private factory: NativePcscFactory | undefined;
  private context: NativePcsc | undefined;
  private readonly records = new Map<string, ReaderRecord>();
  private serviceUp = false;
  private started = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly events = new Listeners<ReaderEvent>();
  private readonly changes = new Listeners<ReadersSnapshot>();

  constructor(options: PcscReadersOptions = {}) {
    this.retryMs = options.retryMs ?? 500;
    this.transmitTimeoutMs = options.transmitTimeoutMs ?? 20_000;
    this.factory = options.factory;
    this.acceptReader = options.acceptReader ?? (() => true);
    this.holders = options.holders ?? readerHolders(options.role);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.factory ??= await loadNativePcsc();
    this.establish();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.retryTimer);
    const channels = [...this.records.values()].flatMap((r) => (r.channel ? [r.channel] : []));
    await Promise.all(channels.map((c) => c.close()));
    this.dropContext();
    this.events.clear();
    this.changes.clear();
  }

  snapshot(): ReadersSnapshot {
    const readers = [...this.records.values()].map((r) => ({ ...r.view }));
    readers.sort((a, b) => a.name.localeCompare(b.name));
    if (!this.serviceUp) return { state: 'no-service', readers: [] };
    return { state: readers.length === 0 ? 'no-reader' : 'ready', readers };
  }

  onEvent(listener: (event: ReaderEvent) => void): () => void {
    return this.events.on(listener);
  }

  onChange(listener: (snapshot: ReadersSnapshot) => void): () => void {
    return this.changes.on(listener);
  }

  /** Opens the card in `readerName` exclusively, so no other program interleaves APDUs. */
  async connect(readerName: string): Promise<CardChannel> {
    if (!this.serviceUp) throw pcscError('no-service');
    const record = this.records.get(readerName);
    if (!record) throw pcscError('reader-not-found', readerName);
    if (record.channel?.poisoned) await record.channel.close();
    if (record.channel && !record.channel.closed) {
      throw new LifeboatError('reader-busy', 'Lifeboat is already using the card in this reader.', {
        reader: readerName,
      });
    }
    if (record.view.state === 'waiting-for-card') throw pcscError('no-card', readerName);
    if (record.view.state === 'error')
      throw pcscError(record.view.error ?? 'reader-error', readerName);
    const native = record.native;
    const cardSeq = record.view.cardSeq;
    const atr = hexToBytes(record.view.atr ?? '');
    const protocol = await new Promise<number>((resolve, reject) => {
      native.connect(
        {
          share_mode: native.SCARD_SHARE_EXCLUSIVE,
          protocol: native.SCARD_PROTOCOL_T0 | native.SCARD_PROTOCOL_T1,
        },
        (error, negotiated) =>
          error ? reject(this.connectError(error, readerName)) : resolve(negotiated),
      );
    });
    const release = this.holders.hold(readerName);
    const channel = new PcscChannel(native, protocol, atr, this.transmitTimeoutMs, {
      isSameCardPresent: () => this.cardStillThere(record, cardSeq),
      waitForRemoval: (ms) => this.waitForRemoval(record, cardSeq, ms),
      onClosed: () => {
        release();
        if (record.channel === channel) {
          record.channel = undefined;
          if (record.view.state === 'connected') this.setView(record, { state: 'card-present' });
          this.events.emit({ type: 'disconnected', reader: readerName });
        }
      },
    });
    record.channel = channel;
    this.setView(record, { state: 'connected' });
    this.events.emit({ type: 'connected', reader: readerName });
    return channel;
  }

  /** A busy reader held by Lifeboat itself is named as such; see reader-holders.ts. */
  private connectError(error: unknown, readerName: string): LifeboatError {
    const typed = fromPcscError(error, readerName);
    if (typed.code !== 'reader-busy') return typed;
    const holder = this.holders.holderOf(readerName);
    return holder ? heldByLifeboat(readerName, holder) : typed;
  }

  private establish(): void {
    if (!this.started || !this.factory) return;
    let context: NativePcsc;
    try {
      context = this.factory();
    } catch {
      this.scheduleRetry();
      return;
    }
    this.context = context;
    context.on('error', (error) => this.onServiceError(context, error));
    context.on('reader', (native) => this.addReader(context, native));
    if (!this.serviceUp) {
      this.serviceUp = true;
      this.events.emit({ type: 'service-restored' });
      this.publish();
    }
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    if (!this.started) return;
    this.retryTimer = setTimeout(() => this.establish(), this.retryMs);
  }

  private onServiceError(context: NativePcsc, error: Error): void {
    if (context !== this.context) return;
    const lost = fromPcscError(error);
    this.dropContext(lost.code === 'no-service' ? lost : pcscError('no-service'));
    if (this.serviceUp) {
      this.serviceUp = false;
      this.events.emit({ type: 'service-lost' });
      this.publish();
    }
    this.scheduleRetry();
  }

  private dropContext(reason: LifeboatError = pcscError('no-service')): void {
    for (const record of this.records.values()) {
      record.channel?.poison(reason);
      record.native.removeAllListeners();
      record.native.on('error', () => undefined);
      try {
        record.native.close();
      } catch {
        // Already closed by the binding when the service went away.
      }
    }
    this.records.clear();
    const context = this.context;
    this.context = undefined;
    if (context) {
      context.removeAllListeners();
      // The binding emits its final events asynchronously; swallow them.
      context.on('error', () => undefined);
      try {
        context.close();
      } catch {
        // Closing a context whose service died can fail; it is released either way.
      }
    }
  }

  private addReader(context: NativePcsc, native: NativeReader): void {
    if (context !== this.context) return;
    const name = native.name;
    if (!this.acceptReader(name)) {
      // Not even its status is watched; the binding announces it again if it comes back.
      native.on('error', () => undefined);
      native.close();
      return;
    }
    const record: ReaderRecord = {
      native,
      view: { name, state: 'waiting-for-card', cardSeq: 0 },
      channel: undefined,
    };
    this.records.set(name, record);
    native.on('status', (status) => this.onStatus(record, status.state, status.atr));
    native.on('error', (error) => {
      const typed = fromPcscError(error, name);
      // A reader error caused by the service stopping is reported by the context instead.
      if (typed.code === 'no-service' || typed.code === 'reader-not-found') return;
      this.setView(record, { state: 'error', error: typed.code });
    });
    native.on('end', () => {
      if (this.records.get(name) !== record) return;
      record.channel?.poison(pcscError('reader-not-found', name));
      this.records.delete(name);
      this.events.emit({ type: 'reader-removed', reader: name });
      this.publish();
    });
    this.events.emit({ type: 'reader-added', reader: name });
    this.publish();
  }

  private onStatus(record: ReaderRecord, state: number, atr: Buffer | undefined): void {
    const native = record.native;
    const present = (state & native.SCARD_STATE_PRESENT) !== 0;
    const wasPresent = record.view.state !== 'waiting-for-card' && record.view.atr !== undefined;
    const atrHex = atr && atr.length > 0 ? Buffer.from(atr).toString('hex') : undefined;
    if (!present) {
      if (wasPresent) {
        record.channel?.poison(pcscError('card-removed', record.view.name));
        this.setView(record, {
          state: 'waiting-for-card',
          atr: undefined,
          error: undefined,
          cardSeq: record.view.cardSeq + 1,
        });
        this.events.emit({ type: 'card-removed', reader: record.view.name });
      } else if ((state & native.SCARD_STATE_UNAVAILABLE) !== 0) {
        this.setView(record, { state: 'error', error: 'reader-error' });
      }
      return;
    }
    const isNewCard = !wasPresent || (atrHex !== undefined && atrHex !== record.view.atr);
    const mute = (state & native.SCARD_STATE_MUTE) !== 0;
    let error: ErrorCode | undefined;
    if (mute) error = 'card-mute';
    const base =
      record.channel && !record.channel.closed && !isNewCard ? 'connected' : 'card-present';
    this.setView(record, {
      state: error ? 'error' : base,
      atr: atrHex ?? record.view.atr,
      error,
      cardSeq: isNewCard ? record.view.cardSeq + 1 : record.view.cardSeq,
    });
    if (isNewCard && atrHex !== undefined) {
      this.events.emit({ type: 'card-inserted', reader: record.view.name, atr: atrHex });
    }
  }

  private setView(record: ReaderRecord, patch: Partial<ReaderView>): void {
    const next: ReaderView = { ...record.view, ...patch };
    for (const key of Object.keys(next) as (keyof ReaderView)[]) {
      if (next[key] === undefined) delete next[key];
    }
    record.view = next;
    this.publish();
  }

  private cardStillThere(record: ReaderRecord, cardSeq: number): boolean {
    return (
      this.records.get(record.view.name) === record &&
      record.view.cardSeq === cardSeq &&
      record.view.atr !== undefined
    );
  }

  private waitForRemoval(record: ReaderRecord, cardSeq: number, ms: number): Promise<boolean> {
    if (!this.cardStillThere(record, cardSeq)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stop();
        resolve(!this.cardStillThere(record, cardSeq));
      }, ms);
      const stop = this.changes.on(() => {
        if (!this.cardStillThere(record, cardSeq)) {
          clearTimeout(timer);
          stop();
          resolve(true);
        }
      });
    });
  }

  private publish(): void {
    this.changes.emit(this.snapshot());
  }
}

function heldByLifeboat(reader: string, holder: ReaderHolder): LifeboatError {
  const message =
    holder.role === 'console'
      ? `The Lifeboat console (process ${holder.pid}) is using the card in "${reader}". Release the card there (Card tools, "Release the card"), or quit the console, then try again.`
      : `Another lifeboat command (process ${holder.pid}) is using the card in "${reader}". Let it finish, then try again.`;
  return new LifeboatError('card-in-use', message, {
    reader,
    holder: holder.role,
    pid: holder.pid,
  });
}

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
