// Malformed and mutated card answers, fed to every Satochip codec directly and to the
// session over the simulated Satochip: each must end in a result or a typed LifeboatError, never
// another exception and never a hang. At least 10,000 spoiled answers in all.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExtendedKey } from '../../../../main/cards/satochip/extended-key';
import { SatochipSession } from '../../../../main/cards/satochip/session';
import { attestToporin, checkChain } from '../../../../main/cards/toporin/attestation';
import { parseDerSignature } from '../../../../main/cards/toporin/der-signature';
import {
  ToporinSecureChannel,
  deriveChannelKeys,
  parseChannelOpening,
} from '../../../../main/cards/toporin/secure-channel';
import { parseStatus } from '../../../../main/cards/toporin/status';
import { parseCertificate } from '../../../../main/cards/toporin/x509';
import { SimulatedSatochip, TEST_TOPORIN_CA, simulatorChannel } from '../../../sim/satochip';
import { CARD_CERTIFICATE, TEST_TRUST } from '../toporin/fixtures';
import { anyBytes, mutated, mutating, mutation, typed, typedAsync } from '../toporin/fuzz-support';

const PIN = '1234';
const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const SIM_TRUST = {
  roots: [parseCertificate(TEST_TOPORIN_CA.root.certificate).publicKey],
  subCas: { satochip: [TEST_TOPORIN_CA.satochip.certificate], seedkeeper: [] },
};
// Signature checks make two codecs slow; the cheap ones take more runs.
const RUNS = 1800;
const SLOW_RUNS = 600;
const SESSION_RUNS = 600;
let spoiled = 0;

const sign = (key: Uint8Array, message: Uint8Array) =>
  secp256k1.sign(message, key, { format: 'der' });
const authentikey = secp256k1.utils.randomSecretKey();
const key = secp256k1.utils.randomSecretKey();
const selfSigned = (() => {
  const part = concatBytes(
    new Uint8Array(32).fill(7),
    Uint8Array.of(0, 32),
    secp256k1.getPublicKey(key, false).subarray(1, 33),
  );
  const s1 = sign(key, part);
  const signed = concatBytes(part, Uint8Array.of(0, s1.length), s1);
  const s2 = sign(authentikey, signed);
  return concatBytes(signed, Uint8Array.of(0, s2.length), s2);
})();
const OPENING = selfSigned.subarray(32);
const STATUS = hexToBytes('000c0006050301010001010100');
const DER = sign(key, randomBytes(32));
const channel = new ToporinSecureChannel(deriveChannelKeys(new Uint8Array(32)));
const WRAPPED = concatBytes(new Uint8Array(16), Uint8Array.of(0, 32), new Uint8Array(32));

describe('Satochip codec fuzzing', () => {
  const codecs: [string, (bytes: Uint8Array) => unknown, Uint8Array, number][] = [
    ['status', parseStatus, STATUS, RUNS],
    ['channel openings', parseChannelOpening, OPENING, SLOW_RUNS],
    [
      'extended keys',
      (b) => parseExtendedKey(b, secp256k1.getPublicKey(authentikey, false)),
      selfSigned,
      SLOW_RUNS,
    ],
    ['DER signatures', parseDerSignature, DER, RUNS],
    ['certificates', parseCertificate, CARD_CERTIFICATE, RUNS],
    ['certificate chains', (b) => checkChain(b, 'satochip', TEST_TRUST), CARD_CERTIFICATE, RUNS],
    ['encrypted answers', (b) => channel.unwrap(b), WRAPPED, RUNS],
  ];

  it.each(codecs)('%s: every input gives a value or a typed error', (_, decode, seed, runs) => {
    fc.assert(
      fc.property(fc.oneof(anyBytes, mutated(seed), mutated(seed)), (bytes) => {
        spoiled += 1;
        typed(() => decode(bytes));
      }),
      { numRuns: runs },
    );
  });
});

describe('Satochip session fuzzing over the simulated card', () => {
  it(
    'ends every flow with a result or a typed error, never a hang',
    { timeout: 240_000 },
    async () => {
      const card = SimulatedSatochip.initialized(
        { pin: PIN, puk: '12345678', pinTries: 15, pukTries: 5, mnemonic: PHRASE },
        { withCertificate: 'test-ca' },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.tuple(fc.nat(14), mutation), {
            selector: ([i]) => i,
            minLength: 1,
            maxLength: 5,
          }),
          async (mutations) => {
            const plan = new Map(mutations);
            await typedAsync(
              (async () => {
                const session = await SatochipSession.select(
                  mutating(simulatorChannel(card), plan, () => (spoiled += 1)),
                );
                try {
                  await session.verifyPin(PIN);
                  await session.exportExtendedPublicKey("m/44'/60'/0'/0");
                  await session.sign(randomBytes(32), "m/44'/60'/0'/0/1");
                  await attestToporin(session, SIM_TRUST);
                  await session.getLabel();
                } finally {
                  await session.close();
                }
              })(),
            );
          },
        ),
        { numRuns: SESSION_RUNS },
      );
      // Spoiled answers never reach the card: it still opens with its PIN.
      expect(card.state.pinTriesLeft).toBeGreaterThan(0);
    },
  );
});

afterAll(() => {
  expect(spoiled).toBeGreaterThanOrEqual(10_000);
});
