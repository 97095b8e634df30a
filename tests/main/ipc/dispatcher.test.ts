// The dispatcher itself, with the real schemas and a handler table whose behaviour each test
// chooses, so every outcome of a handler (value, typed error, unexpected throw) is covered.
import { describe, expect, it } from 'vitest';
import { ERROR_HELP } from '../../../preload/errors';
import { LifeboatError } from '../../../main/errors';
import type { Handlers } from '../../../main/ipc/contract';
import { scriptedHandlers } from './scripted-handlers';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import { INPUT_SCHEMAS } from '../../../main/ipc/schemas';

describe('createDispatcher', () => {
  it('routes each channel to exactly its handler with the validated input', async () => {
    const calls: [string, unknown][] = [];
    const dispatcher = createDispatcher(
      scriptedHandlers(async (method, input) => {
        calls.push([method, input]);
        return { method };
      }),
      INPUT_SCHEMAS,
    );
    expect(
      await dispatcher.dispatch('lifeboat:cards.unlock', { sessionId: 's1', pin: '000000' }),
    ).toEqual({
      ok: true,
      value: { method: 'cards.unlock' },
    });
    expect(await dispatcher.dispatch('lifeboat:readers.list', undefined)).toEqual({
      ok: true,
      value: { method: 'readers.list' },
    });
    expect(calls).toEqual([
      ['cards.unlock', { sessionId: 's1', pin: '000000' }],
      ['readers.list', undefined],
    ]);
  });

  it('hands the handler a fresh parsed object, not the caller’s', async () => {
    let seen: unknown;
    const dispatcher = createDispatcher(
      scriptedHandlers(async (_method, input) => {
        seen = input;
        return null;
      }),
      INPUT_SCHEMAS,
    );
    const payload = { sessionId: 's1', pin: '000000' };
    await dispatcher.dispatch('lifeboat:cards.unlock', payload);
    expect(seen).toEqual(payload);
    expect(seen).not.toBe(payload);
  });

  it('answers null for handlers that return nothing', async () => {
    const dispatcher = createDispatcher(
      scriptedHandlers(async () => undefined),
      INPUT_SCHEMAS,
    );
    expect(await dispatcher.dispatch('lifeboat:cards.close', { sessionId: 's' })).toEqual({
      ok: true,
      value: null,
    });
  });

  it('passes typed errors through with their details', async () => {
    const dispatcher = createDispatcher(
      scriptedHandlers(async () => {
        throw new LifeboatError('wrong-pin', 'The PIN is wrong.', { triesLeft: 2 });
      }),
      INPUT_SCHEMAS,
    );
    expect(
      await dispatcher.dispatch('lifeboat:cards.unlock', { sessionId: 's', pin: '1' }),
    ).toEqual({
      ok: false,
      error: { code: 'wrong-pin', message: 'The PIN is wrong.', details: { triesLeft: 2 } },
    });
  });

  it('hides unexpected failures behind `internal` and reports them to main only', async () => {
    const reported: [string, unknown][] = [];
    const failures: unknown[] = [
      new Error('decrypt failed for 123456'),
      new TypeError('x is undefined'),
      'a string',
      undefined,
    ];
    let next = 0;
    const dispatcher = createDispatcher(
      scriptedHandlers(async () => {
        throw failures[next++];
      }),
      INPUT_SCHEMAS,
      (channel, error) => reported.push([channel, error]),
    );
    for (let i = 0; i < failures.length; i++) {
      expect(await dispatcher.dispatch('lifeboat:app.info', undefined)).toEqual({
        ok: false,
        error: { code: 'internal', message: ERROR_HELP.internal },
      });
    }
    expect(reported).toEqual(failures.map((f) => ['lifeboat:app.info', f]));
  });

  it('refuses invalid payloads before any handler runs, naming the field', async () => {
    let called = false;
    const dispatcher = createDispatcher(
      scriptedHandlers(async () => {
        called = true;
        return null;
      }),
      INPUT_SCHEMAS,
    );
    expect(
      await dispatcher.dispatch('lifeboat:cards.accounts', {
        sessionId: 's',
        scheme: 'bip44',
        start: -1,
        count: 1,
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message: ERROR_HELP['invalid-request'],
        details: { field: 'start' },
      },
    });
    expect(
      await dispatcher.dispatch('lifeboat:sweep.plan', {
        discoveryId: 'd',
        destination: { kind: 'address', address: '0x12' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', details: { field: 'destination.address' } },
    });
    expect(called).toBe(false);
  });

  it('refuses to be built with a missing handler', () => {
    const handlers = scriptedHandlers(async () => null) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    delete handlers.sweep!.report;
    expect(() => createDispatcher(handlers as unknown as Handlers, INPUT_SCHEMAS)).toThrow(
      /sweep\.report/,
    );
  });
});
