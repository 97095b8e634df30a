// What the Toporin fuzz tests share: mutations of real answers, a channel that spoils the
// answers a plan names, and the rule every input must obey (a value or a LifeboatError,
// settled in bounded time).
import { concatBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import type { CardChannel } from '../../../../main/cards/channel';
import { isLifeboatError } from '../../../../main/errors';

/** Runs `work`; anything thrown must be a LifeboatError. */
export function typed(work: () => unknown): void {
  try {
    work();
  } catch (error) {
    if (!isLifeboatError(error)) throw error;
  }
}

/** Awaits `work`; a rejection must be a LifeboatError, and it must settle within `ms`. */
export async function typedAsync(work: Promise<unknown>, ms = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the flow hung')), ms);
  });
  try {
    await Promise.race([work, hang]);
  } catch (error) {
    if (!isLifeboatError(error)) throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** A real answer with a few bytes flipped, cut, or extended. */
export function mutated(seed: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc
      .array(fc.tuple(fc.nat(Math.max(0, seed.length - 1)), fc.integer({ min: 1, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      })
      .map((flips) => {
        const out = seed.slice();
        for (const [at, xor] of flips) if (out.length > 0) out[at % out.length]! ^= xor;
        return out;
      }),
    fc.nat(seed.length).map((n) => seed.slice(0, n)),
    fc.uint8Array({ minLength: 1, maxLength: 40 }).map((tail) => concatBytes(seed, tail)),
  );
}

export const anyBytes = fc.uint8Array({ maxLength: 300 });

export type Mutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'cut'; keep: number }
  | { kind: 'extend'; tail: Uint8Array }
  | { kind: 'status'; sw: number }
  | { kind: 'noise'; bytes: Uint8Array };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(300),
    xor: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), keep: fc.nat(300) }),
  fc.record({
    kind: fc.constant('extend' as const),
    tail: fc.uint8Array({ minLength: 1, maxLength: 20 }),
  }),
  fc.record({
    kind: fc.constant('status' as const),
    sw: fc.oneof(
      fc.constantFrom(
        0x9c01,
        0x9c04,
        0x9c06,
        0x9c08,
        0x9c0c,
        0x9c12,
        0x9c14,
        0x9c20,
        0x9c21,
        0x9c23,
        0x9c30,
        0x9c31,
        0x63c1,
        0x63c0,
        0x6d00,
        0xff00,
        0xffff,
      ),
      fc.integer({ min: 0, max: 0xffff }),
    ),
  }),
  fc.record({ kind: fc.constant('noise' as const), bytes: fc.uint8Array({ maxLength: 120 }) }),
);

export function apply(response: Uint8Array, m: Mutation): Uint8Array {
  switch (m.kind) {
    case 'flip': {
      const out = response.slice();
      out[m.at % out.length]! ^= m.xor;
      return out;
    }
    case 'cut':
      return response.slice(0, m.keep % response.length);
    case 'extend':
      return concatBytes(response, m.tail);
    case 'status':
      return concatBytes(response.subarray(0, -2), Uint8Array.of(m.sw >> 8, m.sw & 0xff));
    case 'noise':
      return m.bytes;
  }
}

/** A channel that spoils the n-th answers named in `plan`; counts them. */
export function mutating(
  inner: CardChannel,
  plan: Map<number, Mutation>,
  onSpoiled: () => void,
): CardChannel {
  let n = 0;
  return {
    reader: inner.reader,
    atr: inner.atr,
    get closed() {
      return inner.closed;
    },
    close: () => inner.close(),
    async transmit(apdu, options) {
      const response = await inner.transmit(apdu, options);
      const m = plan.get(n);
      n += 1;
      if (!m) return response;
      onSpoiled();
      return apply(response, m);
    },
  };
}
