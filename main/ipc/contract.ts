// The main-side view of the contract: which methods are invokes and which are events, and
// the shapes of the handler and schema tables derived from `LifeboatApi`.
import type { z } from 'zod';
import type {
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
  MethodTable,
  Namespace,
} from '../../preload/api';

export type InvokeName<N extends Namespace> = {
  [M in MethodName<N>]: MethodTable[N][M] extends { kind: 'invoke' } ? M : never;
}[MethodName<N>];

export type EventName<N extends Namespace> = {
  [M in MethodName<N>]: MethodTable[N][M] extends { kind: 'subscribe' } ? M : never;
}[MethodName<N>];

/** The implementation of every invoke method. It may throw; the dispatcher catches. */
export type Handlers = {
  readonly [N in Namespace]: {
    readonly [M in InvokeName<N>]: (input: MethodInput<N, M>) => Promise<MethodOutput<N, M>>;
  };
};

/** One schema per invoke method, checking the payload as it arrives from the renderer. */
export type Schemas = {
  readonly [N in Namespace]: {
    readonly [M in InvokeName<N>]: z.ZodType<MethodInput<N, M>>;
  };
};

export type EventOf<N extends Namespace, M extends EventName<N>> = EventPayload<N, M>;
