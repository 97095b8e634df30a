// Main's events on their contract channels. Services publish typed payloads here; the
// Electron window and the browser harness each connect one sink that forwards them.
import { API_METHODS, type Namespace } from '../../preload/api';
import { Listeners } from '../listeners';
import type { EventName, EventOf } from './contract';

export type EventSink = (channel: string, payload: unknown) => void;

export class EventHub {
  private readonly sinks = new Listeners<{ channel: string; payload: unknown }>();

  emit<N extends Namespace, M extends EventName<N>>(
    namespace: N,
    name: M,
    payload: EventOf<N, M>,
  ): void {
    const spec = (API_METHODS[namespace] as Record<string, { channel: string }>)[name];
    if (spec) this.sinks.emit({ channel: spec.channel, payload });
  }

  connect(sink: EventSink): () => void {
    return this.sinks.on(({ channel, payload }) => sink(channel, payload));
  }
}
