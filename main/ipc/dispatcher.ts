// The pure handler table behind every invoke channel: look the channel up, validate the
// payload with its schema, call the handler, and turn whatever happens into Result data.
// No `electron` import: the Electron registration and the browser harness both use it.
import { API_METHODS, type ApiError, type Result } from '../../preload/api';
import { ERROR_HELP } from '../../preload/errors';
import { toErrorData } from '../errors';
import type { Handlers, Schemas } from './contract';

export interface Dispatcher {
  /** Every invoke channel, in table order. */
  readonly channels: readonly string[];
  /** Never throws and never rejects. */
  dispatch(channel: string, payload: unknown): Promise<Result<unknown>>;
}

interface Route {
  schema: {
    safeParse(
      input: unknown,
    ):
      | { success: true; data: unknown }
      | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } };
  };
  handler: (input: unknown) => Promise<unknown>;
}

const MAX_FIELD_LENGTH = 80;

function invalid(field?: string): Result<never> {
  const error: ApiError = { code: 'invalid-request', message: ERROR_HELP['invalid-request'] };
  return { ok: false, error: field ? { ...error, details: { field } } : error };
}

export function createDispatcher(
  handlers: Handlers,
  schemas: Schemas,
  onUnexpected: (channel: string, error: unknown) => void = () => undefined,
): Dispatcher {
  const routes = new Map<string, Route>();
  for (const [namespace, methods] of Object.entries(API_METHODS)) {
    for (const [name, spec] of Object.entries(
      methods as Record<string, { kind: string; channel: string }>,
    )) {
      if (spec.kind !== 'invoke') continue;
      const group = (handlers as unknown as Record<string, Record<string, Route['handler']>>)[
        namespace
      ];
      const schemaGroup = (schemas as unknown as Record<string, Record<string, Route['schema']>>)[
        namespace
      ];
      const handler = group?.[name];
      const schema = schemaGroup?.[name];
      if (!handler || !schema) throw new Error(`No handler or schema for ${namespace}.${name}`);
      routes.set(spec.channel, { schema, handler: handler.bind(group) });
    }
  }

  return {
    channels: Object.freeze([...routes.keys()]),
    async dispatch(channel, payload) {
      const route = typeof channel === 'string' ? routes.get(channel) : undefined;
      if (!route) return invalid();
      const parsed = route.schema.safeParse(payload);
      if (!parsed.success) {
        const path = parsed.error.issues[0]?.path.map(String).join('.') ?? '';
        return invalid(path.slice(0, MAX_FIELD_LENGTH) || undefined);
      }
      try {
        const value = await route.handler(parsed.data);
        return { ok: true, value: value === undefined ? null : value };
      } catch (error) {
        const data = toErrorData(error);
        if (data.code === 'internal') onUnexpected(channel, error);
        return { ok: false, error: data };
      }
    },
  };
}
