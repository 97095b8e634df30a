// IPC fuzzing: every invoke channel gets well over 200 invalid payloads — wrong types, huge
// strings, prototype-pollution keys, missing and extra fields, deep nesting, random junk —
// straight into main's dispatcher, as a compromised renderer could send them. Every one
// must come back as a typed `invalid-request`, nothing may throw or reject, Object.prototype
// must stay clean, and main must keep serving valid calls afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, type FieldShape } from '../../../preload/api';
import { createServices, type Services } from '../../../main/services';

type Shapes = Readonly<Record<string, FieldShape>>;
type Spec = { kind: 'invoke'; channel: string; args: Shapes | null } | { kind: 'subscribe' };

const invokes = Object.values(API_METHODS).flatMap((group) =>
  Object.values(group as Record<string, Spec>).flatMap((spec) =>
    spec.kind === 'invoke' ? [spec] : [],
  ),
);

/** A valid-looking value per field, so single mutations isolate one fault at a time. */
const PLAUSIBLE: Record<string, unknown> = {
  sessionId: 'abc123',
  secretId: 'abc123',
  shareSetId: 'abc123',
  planId: 'abc123',
  caseId: 'abc123',
  walletId: 'abc123',
  discoveryId: 'abc123',
  reader: 'Virtual PCD 00 00',
  pin: '123456',
  newPin: '654321',
  puk: '123456789012',
  newPuk: '210987654321',
  pairingPassword: 'KeycardDefaultPairing',
  duressPin: '111111',
  scheme: 'bip44',
  start: 0,
  count: 5,
  confirmation: 'FACTORY RESET',
  share: 'academic acid acrobat romp chubby',
  index: 0,
  text: 'abandon about',
  prefix: 'aba',
  kind: 'bip39',
  passphrase: '',
  phrase: 'abandon about',
  source: { kind: 'secret', secretId: 'abc123' },
  networkIds: ['ethereum'],
  schemes: ['bip44'],
  gapLimit: 5,
  from: '0x9858EfFD232B4033E47d90003D41EC34EcaEda94',
  to: '0x9858EfFD232B4033E47d90003D41EC34EcaEda94',
  networkId: 'ethereum',
  asset: 'native',
  amount: '1000',
  confirmed: true,
  destination: { kind: 'address', address: '0x9858EfFD232B4033E47d90003D41EC34EcaEda94' },
  addresses: ['0x9858EfFD232B4033E47d90003D41EC34EcaEda94'],
  maxFeePerGas: '1000000000',
  allowTopUp: false,
  label: 'Savings',
  date: '2026-01-15',
  networks: [],
  tokens: [],
  trustedCaKeys: [],
  preferences: { schemes: ['bip44'], gapLimit: 5 },
};

const HUGE = 'x'.repeat(100_000);

function deep(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { a: value, __proto__: null };
  return value;
}

/** Values that no field of any channel accepts, whatever its type. */
const ALWAYS_WRONG: unknown[] = [
  null,
  HUGE,
  -1e308,
  Number.MAX_SAFE_INTEGER * 4,
  NaN,
  Infinity,
  -Infinity,
  1.5,
  { __proto__: { polluted: true } },
  [[[[[]]]]],
  deep(500),
  { valueOf: 1, toString: 2 },
  new Uint8Array(8),
  new Date(0),
  new Map([['a', 1]]),
];

/** Wrong values by field type (a number is never a string, and so on). */
const WRONG_FOR: Record<string, unknown[]> = {
  string: [0, 1, true, false, {}, [], ['123456'], { length: 6 }, HUGE, '0'.repeat(2001)],
  number: ['0', '5', true, {}, [], -1, 2 ** 53, 0.5, HUGE],
  boolean: ['true', 1, 0, {}, [], 'false'],
  true: [false, 'true', 1, {}, []],
  object: ['{}', 1, true, [], [{}], {}, { kind: 'card' }, { kind: 'secret', secretId: 1 }],
  array: ['[]', 1, {}, true, [1, 2, 3], [null], [HUGE], Array(10_000).fill('ethereum')],
};

const POLLUTING = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"__proto__":null}',
];

function invalidPayloads(spec: Extract<Spec, { kind: 'invoke' }>): unknown[] {
  const payloads: unknown[] = [];
  if (spec.args === null) {
    payloads.push(...ALWAYS_WRONG, 0, '', false, {}, [], ...POLLUTING.map((j) => JSON.parse(j)));
    payloads.push(
      ...fc.sample(
        fc.anything().filter((v) => v !== undefined),
        200,
      ),
    );
    return payloads;
  }
  const shapes = spec.args;
  const valid = Object.fromEntries(
    Object.entries(shapes).map(([key]) => [key, PLAUSIBLE[key] ?? 'x']),
  );
  // Not an object at all.
  payloads.push(undefined, ...ALWAYS_WRONG, 0, '', 'payload', true, [], [valid], '{}');
  // Prototype pollution and other keys that are never part of the contract.
  for (const json of POLLUTING) {
    payloads.push({ ...valid, ...JSON.parse(json) }, JSON.parse(json));
    payloads.push(JSON.parse(`${json.slice(0, -1)},${JSON.stringify(valid).slice(1)}`));
  }
  payloads.push({ ...valid, extra: 1 }, { ...valid, [HUGE]: 1 }, { ...valid, nested: deep(1000) });
  for (const [key, shape] of Object.entries(shapes)) {
    const base = shape.replace('?', '');
    // Missing field.
    if (!shape.endsWith('?')) {
      const { [key]: _dropped, ...rest } = valid;
      payloads.push(rest);
    }
    // Wrong type and out-of-range values.
    for (const wrong of [...WRONG_FOR[base]!, ...ALWAYS_WRONG]) {
      payloads.push({ ...valid, [key]: wrong });
    }
    // Random junk of the wrong kind.
    const junk: fc.Arbitrary<unknown> =
      base === 'string'
        ? fc.oneof(fc.integer(), fc.boolean(), fc.object(), fc.array(fc.string()))
        : base === 'number'
          ? fc.oneof(
              fc.string(),
              fc.double({ noInteger: true }),
              fc.integer({ min: -(2 ** 40), max: -1 }),
            )
          : fc.oneof(fc.string(), fc.integer(), fc.constant(null));
    for (const wrong of fc.sample(junk, 25)) payloads.push({ ...valid, [key]: wrong });
  }
  // Random objects with random keys: never exactly the contract's key set.
  const keys = new Set(Object.keys(shapes));
  payloads.push(
    ...fc.sample(
      fc
        .dictionary(fc.string({ maxLength: 12 }), fc.anything(), { minKeys: 1 })
        .filter((o) => Object.keys(o).some((k) => !keys.has(k))),
      120,
    ),
  );
  return payloads;
}

let dir: string;
let services: Services;
const unexpected: unknown[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-fuzz-'));
  services = await createServices({
    dataDir: dir,
    shell: 'harness',
    version: '0.0.0',
    onUnexpected: (_channel, error) => unexpected.push(error),
  });
});

afterAll(async () => {
  await services.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('IPC fuzzing', () => {
  it('covers every invoke channel of the contract', () => {
    expect(services.dispatcher.channels).toEqual(invokes.map((spec) => spec.channel));
  });

  it.each(invokes.map((spec) => [spec.channel, spec] as const))(
    '%s answers every invalid payload with a typed invalid-request',
    async (channel, spec) => {
      const payloads = invalidPayloads(spec);
      expect(payloads.length).toBeGreaterThanOrEqual(200);
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      for (const payload of payloads) {
        const result = await services.dispatcher.dispatch(channel, payload);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('invalid-request');
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      expect(unexpected).toEqual([]);
    },
  );

  it('refuses unknown and malformed channel names', async () => {
    for (const channel of [
      '',
      'lifeboat:',
      'lifeboat:readers.watch',
      'invoke',
      '__proto__',
      'constructor',
      'lifeboat:cards.sign',
      HUGE,
    ]) {
      expect(await services.dispatcher.dispatch(channel, undefined)).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
    expect(await services.dispatcher.dispatch(42 as unknown as string, undefined)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('keeps serving valid calls afterwards', async () => {
    expect(await services.dispatcher.dispatch('lifeboat:app.info', undefined)).toMatchObject({
      ok: true,
      value: { shell: 'harness', version: '0.0.0' },
    });
    expect(
      await services.dispatcher.dispatch('lifeboat:secrets.startShareSet', undefined),
    ).toMatchObject({
      ok: true,
      value: { shareSetId: expect.any(String) },
    });
  });
});
