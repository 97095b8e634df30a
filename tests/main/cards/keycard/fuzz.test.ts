// Malformed and mutated card answers, fed to every codec directly and to the session over
// the simulated card: each must end in a result or a typed LifeboatError, never another
// exception and never a hang.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { concatBytes, hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardChannel } from '../../../../main/cards/channel';
import { parseResponse } from '../../../../main/cards/keycard/apdu';
import { parseApplicationInfo } from '../../../../main/cards/keycard/application-info';
import { attest, judgeIdentity } from '../../../../main/cards/keycard/attestation';
import { parseMetadata } from '../../../../main/cards/keycard/metadata';
import {
  DEFAULT_PAIRING_PASSWORD,
  pairingSecretFromPassword,
  type Pairing,
} from '../../../../main/cards/keycard/pairing';
import { parsePath } from '../../../../main/cards/keycard/path';
import { SecureChannel } from '../../../../main/cards/keycard/secure-channel';
import { KeycardSession } from '../../../../main/cards/keycard/session';
import { parseSignResponse } from '../../../../main/cards/keycard/signature';
import { decodeTlvs } from '../../../../main/cards/keycard/tlv';
import { isLifeboatError } from '../../../../main/errors';
import { SimulatedKeycard, TEST_CA, simulatorChannel } from '../../../sim/keycard';
import { APPLET_MNEMONIC, PIN, PUK } from './fixtures';

/** Runs `work`; anything thrown must be a LifeboatError. Returns whether it threw. */
function typed(work: () => unknown): boolean {
  try {
    work();
    return false;
  } catch (error) {
    if (!isLifeboatError(error)) throw error;
    return true;
  }
}

// Real answers to start mutations from, so the fuzzing reaches deep into each parser.
const publicKey = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), false);
const SELECT_ANSWER = concatBytes(
  hexToBytes('a48181' + '8f10' + '11'.repeat(16) + '8041'),
  publicKey,
  hexToBytes('020203010201058e20' + '22'.repeat(32) + '8d011f'),
);
const IDENTIFY_ANSWER = hexToBytes(
  'a081ab8a620365c18485fe7018e11cb992011426803aa8e843c63aab9657aed7d3ee4b85a62a11188ada267db3312a84e1be27c01c736a89da7a1fe4f7e90ce297e74f00008e2bfdb06058374abfc1c026386d16ead7bbc19bc0645d2e7acf7b953169bbc1ac0130450220364c5ca937b7ca42861978f086d206cc569ef0bb2ea4c7de08929c2fcca7434d022100c87699ce4f977e6a7a4800343db9b6842b91ca873e56dfe3327d19a2d01af14e',
);
const SIGN_ANSWER = concatBytes(
  hexToBytes('a081888041'),
  publicKey,
  hexToBytes('3044022011'),
  new Uint8Array(31).fill(0x11),
  hexToBytes('022022'),
  new Uint8Array(31).fill(0x22),
);
const METADATA = hexToBytes('233132330000040382 7a2801'.replace(' ', ''));

/** A real answer with a few bytes flipped, cut, or extended. */
function mutated(seed: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc
      .array(fc.tuple(fc.nat(seed.length - 1), fc.integer({ min: 1, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      })
      .map((flips) => {
        const out = seed.slice();
        for (const [at, xor] of flips) out[at]! ^= xor;
        return out;
      }),
    fc.nat(seed.length).map((n) => seed.slice(0, n)),
    fc.uint8Array({ minLength: 1, maxLength: 40 }).map((tail) => concatBytes(seed, tail)),
  );
}

const anyBytes = fc.uint8Array({ maxLength: 300 });
const RUNS = 1500;
let codecInputs = 0;
let sessionResponses = 0;

describe('codec fuzzing', () => {
  const codecs: [string, (bytes: Uint8Array) => unknown, Uint8Array][] = [
    ['response APDUs', parseResponse, hexToBytes('9000')],
    ['BER-TLV', decodeTlvs, SELECT_ANSWER],
    ['SELECT answers', parseApplicationInfo, SELECT_ANSWER],
    ['SIGN answers', (b) => parseSignResponse(b, new Uint8Array(32)), SIGN_ANSWER],
    ['metadata', parseMetadata, METADATA],
    [
      'wrapped answers',
      (b) =>
        new SecureChannel({
          encKey: new Uint8Array(32),
          macKey: new Uint8Array(32),
          iv: new Uint8Array(16),
        }).unwrap(b),
      new Uint8Array(64),
    ],
  ];

  it.each(codecs)('%s: every input gives a value or a typed error', (_, decode, seed) => {
    fc.assert(
      fc.property(fc.oneof(anyBytes, mutated(seed)), (bytes) => {
        codecInputs += 1;
        typed(() => decode(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('IDENTIFY answers: always a verdict, never an exception', () => {
    const challenge = hexToBytes(
      '63acd6e02a8b5783551ff2836a9cbdf237c115c3ff018b943f044e6a69b19fe7',
    );
    const verdicts = new Set(['genuine', 'unknown-issuer', 'invalid']);
    fc.assert(
      fc.property(fc.oneof(anyBytes, mutated(IDENTIFY_ANSWER)), (bytes) => {
        codecInputs += 1;
        expect(verdicts.has(judgeIdentity(challenge, bytes, [TEST_CA.publicKey]).verdict)).toBe(
          true,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('derivation paths: every string parses or fails as invalid-path', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.stringMatching(/^(m|\.\.)?(\/[0-9']{0,12}){0,12}$/),
        ),
        (text) => {
          codecInputs += 1;
          try {
            parsePath(text);
          } catch (error) {
            expect(isLifeboatError(error, 'invalid-path')).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

/** Which answers of a run to spoil, and how. */
type Mutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'cut'; keep: number }
  | { kind: 'extend'; tail: Uint8Array }
  | { kind: 'status'; sw: number }
  | { kind: 'noise'; bytes: Uint8Array };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
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
        0x6982,
        0x6985,
        0x6a80,
        0x6a84,
        0x6a86,
        0x6d00,
        0x63c1,
        0x63c0,
        0x6f00,
        0x6b00,
      ),
      fc.integer({ min: 0, max: 0xffff }),
    ),
  }),
  fc.record({ kind: fc.constant('noise' as const), bytes: fc.uint8Array({ maxLength: 120 }) }),
);

function apply(response: Uint8Array, m: Mutation): Uint8Array {
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

/** The simulated card behind a channel that spoils the answers named in `plan`. */
function mutating(card: SimulatedKeycard, plan: Map<number, Mutation>): CardChannel {
  const inner = simulatorChannel(card);
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
      sessionResponses += 1;
      return apply(response, m);
    },
  };
}

describe('session fuzzing over the simulated card', () => {
  it('ends every flow with a result or a typed error, never a hang', async () => {
    const secret = await pairingSecretFromPassword(DEFAULT_PAIRING_PASSWORD);
    let card = SimulatedKeycard.initialized(
      {
        pin: PIN,
        puk: PUK,
        duressPin: '975310',
        pairingPassword: DEFAULT_PAIRING_PASSWORD,
        mnemonic: APPLET_MNEMONIC,
      },
      { pairingSlots: 100 },
    );
    let pairing: Pairing | undefined;
    let failures = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(fc.nat(12), mutation), {
          selector: ([i]) => i,
          minLength: 1,
          maxLength: 5,
        }),
        fc.boolean(),
        async (mutations, pairAgain) => {
          // Mutated answers cannot change the card, but a PIN typed wrong on purpose could:
          // keep it usable by starting over when its counters run low or its slots fill up.
          if (card.state.pinTriesLeft < 3 || card.state.freePairingSlots < 5) {
            card = SimulatedKeycard.initialized(
              {
                pin: PIN,
                puk: PUK,
                duressPin: '975310',
                pairingPassword: DEFAULT_PAIRING_PASSWORD,
                mnemonic: APPLET_MNEMONIC,
              },
              { pairingSlots: 100 },
            );
            pairing = undefined;
          }
          card.reset();
          const channel = mutating(card, new Map(mutations));
          const flow = async () => {
            const session = await KeycardSession.select(channel);
            if (!pairing || pairAgain) pairing = await session.pair(secret);
            await session.openSecureChannel(pairing);
            await session.getStatus();
            await session.verifyPin(PIN);
            await session.exportExtendedPublicKey("m/44'/60'/0'/0");
            await session.sign(new Uint8Array(32).fill(9), "m/44'/60'/0'/0/1");
            await session.getMetadata();
            await attest(session, [TEST_CA.publicKey]);
          };
          let timer: NodeJS.Timeout | undefined;
          const outcome = await Promise.race([
            flow().then(
              () => 'done',
              (error: unknown) => error,
            ),
            new Promise((resolve) => {
              timer = setTimeout(() => resolve('hang'), 5000);
            }),
          ]);
          clearTimeout(timer);
          expect(outcome).not.toBe('hang');
          if (outcome !== 'done') {
            failures += 1;
            expect(isLifeboatError(outcome), String(outcome)).toBe(true);
          }
        },
      ),
      { numRuns: 1700 },
    );
    expect(failures).toBeGreaterThan(0);
  }, 120_000);

  it('fed at least 10,000 malformed or mutated answers in all', () => {
    expect(codecInputs + sessionResponses).toBeGreaterThanOrEqual(10_000);
  });
});
