// Builds `window.lifeboat` from the method table over anything shaped like `ipcRenderer`.
// Pure, so the same code runs in the Electron preload, in the browser harness and in tests.
import {
  API_METHODS,
  type ApiError,
  type FieldShape,
  type LifeboatApi,
  type Result,
  type Unsubscribe,
} from './api';
import { ERROR_HELP, isErrorCode } from './errors';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's `ipcRenderer` the bridge uses; method syntax keeps it assignable. */
export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

type ArgShapes = Readonly<Record<string, FieldShape>>;
type InvokeSpec = { kind: 'invoke'; channel: string; args: ArgShapes | null };
type AnySpec = InvokeSpec | { kind: 'subscribe'; channel: string };

function failure(code: 'invalid-request' | 'internal', field?: string): Result<never> {
  const error: ApiError = { code, message: ERROR_HELP[code] };
  return { ok: false, error: field === undefined ? error : { ...error, details: { field } } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function fits(value: unknown, shape: FieldShape): boolean {
  const optional = shape.endsWith('?');
  if (value === undefined) return optional;
  switch (shape.replace('?', '')) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'true':
      return value === true;
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    default:
      return false;
  }
}

/** The name of the first field that does not fit, '' for a wrong top-level value, or undefined. */
function misfit(input: unknown, shapes: ArgShapes | null): string | undefined {
  if (shapes === null) return input === undefined ? undefined : '';
  if (!isPlainObject(input)) return '';
  for (const key of Object.keys(input)) {
    if (!Object.prototype.hasOwnProperty.call(shapes, key)) return key;
  }
  for (const [key, shape] of Object.entries(shapes)) {
    if (!fits(input[key], shape)) return key;
  }
  return undefined;
}

function isResult(value: unknown): value is Result<unknown> {
  if (!isPlainObject(value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !isPlainObject(value.error)) return false;
  return isErrorCode(value.error.code) && typeof value.error.message === 'string';
}

function invoker(ipc: IpcLike, spec: InvokeSpec) {
  return async (input?: unknown): Promise<Result<unknown>> => {
    const bad = misfit(input, spec.args);
    if (bad !== undefined) return failure('invalid-request', bad === '' ? undefined : bad);
    try {
      const reply = await (spec.args === null
        ? ipc.invoke(spec.channel)
        : ipc.invoke(spec.channel, input));
      return isResult(reply) ? reply : failure('internal');
    } catch {
      return failure('internal');
    }
  };
}

function subscriber(ipc: IpcLike, channel: string) {
  return (listener: (payload: unknown) => void): Unsubscribe => {
    if (typeof listener !== 'function') throw new TypeError('A listener function is required.');
    // The Electron event object carries `sender` (the ipcRenderer itself): never hand it out.
    const forward: IpcListener = (_event, payload) => listener(payload);
    ipc.on(channel, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(channel, forward);
    };
  };
}

/** A frozen `LifeboatApi` with one fixed channel per method; callers never choose a channel. */
export function buildApi(ipc: IpcLike): LifeboatApi {
  const api: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const [namespace, methods] of Object.entries(API_METHODS)) {
    const group: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(methods as Record<string, AnySpec>)) {
      group[name] = spec.kind === 'invoke' ? invoker(ipc, spec) : subscriber(ipc, spec.channel);
    }
    api[namespace] = Object.freeze(group);
  }
  return Object.freeze(api) as unknown as LifeboatApi;
}
