// Malformed and mutated card answers, fed to every Seedkeeper codec directly and to the
// session over the simulated Seedkeeper: each must end in a result or a typed LifeboatError, never
// another exception and never a hang. At least 10,000 spoiled answers in all.
import { concatBytes, hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSecretHeader } from '../../../../main/cards/seedkeeper/header';
import { decodeSecret, encodeSecret } from '../../../../main/cards/seedkeeper/secret-layouts';
import { SeedkeeperSession } from '../../../../main/cards/seedkeeper/session';
import {
  ToporinSecureChannel,
  deriveChannelKeys,
} from '../../../../main/cards/toporin/secure-channel';
import { parseStatus } from '../../../../main/cards/toporin/status';
import { split } from '../../../../main/secrets/slip39';
import { SECRET_TYPE, SimulatedSeedkeeper, simulatorChannel } from '../../../sim/seedkeeper';
import { anyBytes, mutated, mutating, mutation, typed, typedAsync } from '../toporin/fuzz-support';

const PIN = '1234';
const RUNS = 1500;
const SESSION_RUNS = 600;
const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
let spoiled = 0;

const HEADER = hexToBytes('0001100101000000deadbeef0100034142 43'.replace(/ /g, ''));
const STATUS = hexToBytes('00020001050301000101010100');
const channel = new ToporinSecureChannel(deriveChannelKeys(new Uint8Array(32)));

describe('Seedkeeper codec fuzzing', async () => {
  const bip39 = (await encodeSecret({ kind: 'bip39', phrase: PHRASE, passphrase: 'x' })).bytes;
  const share = (
    await encodeSecret({
      kind: 'slip39-share',
      share: (
        await split(new Uint8Array(16).fill(5), {
          groupThreshold: 1,
          groups: [{ threshold: 1, count: 1 }],
        })
      )[0]![0]!,
    })
  ).bytes;
  const legacy = concatBytes(
    Uint8Array.of(PHRASE.length),
    new TextEncoder().encode(PHRASE),
    Uint8Array.of(0),
  );
  const codecs: [string, (bytes: Uint8Array) => unknown, Uint8Array][] = [
    ['secret headers', parseSecretHeader, HEADER],
    ['BIP-39 v2 secrets', (b) => decodeSecret(0x10, 0x01, b), bip39],
    ['raw seeds', (b) => decodeSecret(0x10, 0x00, b), bip39.subarray(0, 65)],
    ['legacy mnemonics', (b) => decodeSecret(0x30, 0x00, b), legacy],
    ['SLIP-39 shares', (b) => decodeSecret(0x50, 0x00, b), share],
    ['status', parseStatus, STATUS],
    ['encrypted answers', (b) => channel.unwrap(b), new Uint8Array(50)],
  ];

  it.each(codecs)('%s: every input gives a value or a typed error', (_, decode, seed) => {
    fc.assert(
      fc.property(fc.oneof(anyBytes, mutated(seed), mutated(seed)), (bytes) => {
        spoiled += 1;
        typed(() => decode(bytes));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('Seedkeeper session fuzzing over the simulated card', () => {
  it(
    'ends every flow with a result or a typed error, never a hang',
    { timeout: 240_000 },
    async () => {
      const card = SimulatedSeedkeeper.initialized({
        pin: PIN,
        puk: '12345678',
        pinTries: 15,
        pukTries: 5,
        secrets: [
          {
            type: SECRET_TYPE.MASTER_SEED,
            label: 'Seed',
            data: concatBytes(Uint8Array.of(32), new Uint8Array(32).fill(9)),
          },
        ],
      });
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.tuple(fc.nat(16), mutation), {
            selector: ([i]) => i,
            minLength: 1,
            maxLength: 5,
          }),
          async (mutations) => {
            const plan = new Map(mutations);
            await typedAsync(
              (async () => {
                const session = await SeedkeeperSession.select(
                  mutating(simulatorChannel(card), plan, () => (spoiled += 1)),
                );
                try {
                  await session.verifyPin(PIN);
                  const headers = await session.listSecrets();
                  const seed = headers.find((header) => header.label === 'Seed');
                  if (seed) await session.readSecret(seed.id);
                  const ref = await session.storeSecret(
                    { kind: 'masterseed', seed: new Uint8Array(16).fill(3) },
                    { label: 'Temp' },
                  );
                  await session.deleteSecret(ref.id);
                  await session.getMemory();
                } finally {
                  await session.close();
                }
              })(),
            );
          },
        ),
        { numRuns: SESSION_RUNS },
      );
      expect(card.state.pinTriesLeft).toBeGreaterThan(0);
    },
  );
});

afterAll(() => {
  expect(spoiled).toBeGreaterThanOrEqual(10_000);
});
