// A handler table whose behaviour each test scripts: every method calls `impl` with its name.
import { API_METHODS } from '../../../preload/api';
import type { Handlers } from '../../../main/ipc/contract';

export type Impl = (method: string, input: unknown) => Promise<unknown>;

/** Every method of the contract, each calling `impl` with its own name. */
export function scriptedHandlers(impl: Impl): Handlers {
  return Object.fromEntries(
    Object.entries(API_METHODS).map(([namespace, methods]) => [
      namespace,
      Object.fromEntries(
        Object.keys(methods).map((name) => [
          name,
          (input: unknown) => impl(`${namespace}.${name}`, input),
        ]),
      ),
    ]),
  ) as unknown as Handlers;
}
