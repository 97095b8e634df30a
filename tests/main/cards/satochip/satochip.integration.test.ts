// The Satochip driver end to end over the real PC/SC stack: pcscd with the vpcd virtual
// readers and the simulated Satochip (written from the applet, independently of the driver)
// plugged in as a vpcd card.
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { HDNodeWallet, Signature, computeAddress, recoverAddress } from 'ethers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PcscReaders } from '../../../../main/cards/pcsc/pcsc-readers';
import { factoryResetSatochip } from '../../../../main/cards/satochip/factory-reset';
import { SatochipSession } from '../../../../main/cards/satochip/session';
import { attestToporin } from '../../../../main/cards/toporin/attestation';
import type { ToporinTrust } from '../../../../main/cards/toporin/trust';
import { parseCertificate } from '../../../../main/cards/toporin/x509';
import { isLifeboatError } from '../../../../main/errors';
import { benchReaders } from '../../../support/bench-readers';
import { ensurePcscd, type PcscdHandle } from '../../../support/pcscd';
import { waitFor } from '../../../support/wait';
import {
  SimulatedSatochip,
  TEST_TOPORIN_CA,
  insertIntoReader,
  type InsertedCard,
} from '../../../sim/satochip';

const READER = 'Virtual PCD 00 00';
const PHRASE =
  'void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing screen patrol group space point ten exist slush involve unfold';
const PASSPHRASE = 'lifeboat';
const PIN = '482917';
const PUK = 'orange-kite-42';

// Expectations derived here from the phrase with ethers, independently of the driver.
const EXPECTED = Array.from(
  { length: 5 },
  (_, i) => HDNodeWallet.fromPhrase(PHRASE, PASSPHRASE, `m/44'/60'/0'/0/${i}`).address,
);

const TEST_TRUST: ToporinTrust = {
  roots: [parseCertificate(TEST_TOPORIN_CA.root.certificate).publicKey],
  subCas: {
    satochip: [TEST_TOPORIN_CA.satochip.certificate],
    seedkeeper: [TEST_TOPORIN_CA.seedkeeper.certificate],
  },
};

let pcscd: PcscdHandle;
let readers: PcscReaders;
const inserted: InsertedCard[] = [];
const sessions: SatochipSession[] = [];

async function cardPresent(present: boolean): Promise<void> {
  await waitFor(
    () => {
      const view = readers.snapshot().readers.find((r) => r.name === READER);
      const hasCard = view?.state === 'card-present' || view?.state === 'connected';
      return hasCard === present ? true : undefined;
    },
    5000,
    `${READER} ${present ? 'with' : 'without'} a card`,
  );
}

async function insert(card: SimulatedSatochip): Promise<void> {
  inserted.push(await insertIntoReader(card, READER));
  await cardPresent(true);
}

async function open(): Promise<SatochipSession> {
  const session = await SatochipSession.select(await readers.connect(READER));
  sessions.push(session);
  return session;
}

async function expectCode(work: Promise<unknown>, code: string): Promise<Record<string, unknown>> {
  try {
    await work;
  } catch (error) {
    expect(isLifeboatError(error) ? error.code : error).toBe(code);
    return (error as { details?: Record<string, unknown> }).details ?? {};
  }
  throw new Error(`expected ${code}`);
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders({ retryMs: 200, transmitTimeoutMs: 5000 });
  await readers.start();
  await waitFor(
    () => (readers.snapshot().readers.length === 2 ? true : undefined),
    5000,
    'the virtual readers',
  );
});

afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
  for (const slot of inserted.splice(0)) await slot.remove();
  await cardPresent(false);
});

afterAll(async () => {
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
});

describe('Satochip over pcscd + vpcd', () => {
  it('sets up a blank card, loads a phrase’s seed, lists its addresses and signs', async () => {
    await insert(new SimulatedSatochip({ withCertificate: 'none' }));
    const session = await open();
    expect(session.status).toMatchObject({ setupDone: false, needsSecureChannel: true });
    await session.setup({ pin: PIN, puk: PUK, pinTries: 3, pukTries: 2 });
    expect(session.status).toMatchObject({ setupDone: true, pinTries: 3, pukTries: 2 });
    await session.verifyPin(PIN);
    await session.importSeed(mnemonicToSeedSync(PHRASE, PASSPHRASE));

    // Addresses from the card's extended public key, derived locally.
    const parent = await session.exportExtendedPublicKey("m/44'/60'/0'/0");
    const node = new HDKey({
      publicKey: secp256k1.Point.fromBytes(parent.publicKey).toBytes(true),
      chainCode: parent.chainCode,
    });
    const addresses = EXPECTED.map((_, i) =>
      computeAddress(`0x${bytesToHex(node.deriveChild(i).publicKey!)}`),
    );
    expect(addresses).toEqual(EXPECTED);

    for (const index of [0, 3]) {
      const hash = randomBytes(32);
      const signed = await session.sign(hash, `m/44'/60'/0'/0/${index}`);
      expect(recoverAddress(hash, Signature.from(`0x${bytesToHex(signed.signature65)}`))).toBe(
        EXPECTED[index],
      );
    }

    // A card never personalised reads "no certificate", whatever the trust.
    expect((await attestToporin(session, TEST_TRUST)).verdict).toBe('no-certificate');
  });

  it('counts wrong PINs down one try per entry, blocks, and unblocks with the PUK', async () => {
    const card = SimulatedSatochip.initialized(
      { pin: PIN, puk: PUK, pinTries: 3, pukTries: 2, mnemonic: PHRASE, passphrase: PASSPHRASE },
      { withCertificate: 'none' },
    );
    await insert(card);
    const session = await open();
    expect((await session.getStatus()).pinTries).toBe(3);
    for (const left of [2, 1]) {
      const before = card.state.apduCount;
      expect(await expectCode(session.verifyPin('000000'), 'wrong-pin')).toMatchObject({
        triesLeft: left,
      });
      // One VERIFY PIN reached the card (plus the channel opening, the first time).
      expect(card.state.apduCount - before).toBeLessThanOrEqual(left === 2 ? 2 : 1);
      expect(card.state.pinTriesLeft).toBe(left);
      expect((await session.getStatus()).pinTries).toBe(left);
    }
    expect(await expectCode(session.verifyPin('000000'), 'pin-blocked')).toMatchObject({
      triesLeft: 0,
    });
    await expectCode(session.verifyPin(PIN), 'pin-blocked');
    expect(card.state.pinTriesLeft).toBe(0);

    expect(await expectCode(session.unblockPin('wrong-puk'), 'wrong-puk')).toMatchObject({
      triesLeft: 1,
    });
    await session.unblockPin(PUK);
    expect((await session.getStatus()).pinTries).toBe(3);
    await session.verifyPin(PIN);
    const hash = randomBytes(32);
    const signed = await session.sign(hash, "m/44'/60'/0'/0/1");
    expect(recoverAddress(hash, Signature.from(`0x${bytesToHex(signed.signature65)}`))).toBe(
      EXPECTED[1],
    );
  });

  it('proves genuineness against the trusted chain, and only against it', async () => {
    await insert(
      SimulatedSatochip.initialized(
        { pin: PIN, puk: PUK, mnemonic: PHRASE },
        { withCertificate: 'test-ca' },
      ),
    );
    const session = await open();
    await session.verifyPin(PIN);
    expect((await attestToporin(session, TEST_TRUST)).verdict).toBe('genuine');
    // The built-in trust is Toporin's production chain, which did not issue the test card.
    expect((await attestToporin(session)).verdict).toBe('unknown-issuer');
  });

  it('calls a certificate under look-alike authorities an unknown issuer', async () => {
    await insert(
      SimulatedSatochip.initialized(
        { pin: PIN, puk: PUK, mnemonic: PHRASE },
        { withCertificate: 'untrusted' },
      ),
    );
    const session = await open();
    await session.verifyPin(PIN);
    expect((await attestToporin(session, TEST_TRUST)).verdict).toBe('unknown-issuer');
  });

  it('factory-resets through five power cycles of the reader', async () => {
    const card = SimulatedSatochip.initialized(
      { pin: PIN, puk: PUK, mnemonic: PHRASE },
      { withCertificate: 'none' },
    );
    await insert(card);
    const rounds: number[] = [];
    const blank = await factoryResetSatochip(
      () => readers.connect(READER),
      (n) => rounds.push(n),
    );
    sessions.push(blank);
    expect(rounds).toEqual([1, 2, 3, 4, 5]);
    expect(blank.status.setupDone).toBe(false);
    expect(card.state.setUp).toBe(false);
  });
});
