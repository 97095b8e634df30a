// The Keycard driver end to end over the real PC/SC stack: pcscd with the vpcd virtual
// readers, the simulated card plugged in as a vpcd card, and the card service on top.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Signature, computeAddress, recoverAddress } from 'ethers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CardService } from '../../../../main/cards/card-service';
import { keyFileSecretBox } from '../../../../main/cards/keycard/key-file-box';
import { FilePairingStore } from '../../../../main/cards/keycard/pairing-store';
import type { PcscReaders } from '../../../../main/cards/pcsc/pcsc-readers';
import { isLifeboatError } from '../../../../main/errors';
import { seedFromRecovery } from '../../../../main/secrets/recovery-input';
import { ensurePcscd, type PcscdHandle } from '../../../support/pcscd';
import { benchReaders } from '../../../support/bench-readers';
import { waitFor } from '../../../support/wait';
import {
  SimulatedKeycard,
  TEST_CA,
  insertIntoReader,
  type InsertedCard,
} from '../../../sim/keycard';

const READER = 'Virtual PCD 00 00';
const OTHER_READER = 'Virtual PCD 00 01';
const PHRASE =
  'void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing screen patrol group space point ten exist slush involve unfold';
const PIN = '482917';
const PUK = '730519284613';
const DURESS_PIN = '164028';
const PAIRING_PASSWORD = 'lifeboat pairing';
const HASH = randomBytes(32);

// Expectations derived here from the phrase, independently of the driver.
const root = HDKey.fromMasterSeed(mnemonicToSeedSync(PHRASE));
const EXPECTED = Array.from({ length: 5 }, (_, i) =>
  computeAddress(`0x${bytesToHex(root.derive(`m/44'/60'/0'/0/${i}`).publicKey!)}`),
);

let pcscd: PcscdHandle;
let readers: PcscReaders;
let service: CardService;
let dataDir: string;
let pairings: FilePairingStore;
const inserted: InsertedCard[] = [];

async function readerState(reader: string, present: boolean): Promise<void> {
  await waitFor(
    () => {
      const view = readers.snapshot().readers.find((r) => r.name === reader);
      const hasCard = view?.state === 'card-present' || view?.state === 'connected';
      return hasCard === present ? true : undefined;
    },
    5000,
    `${reader} ${present ? 'with' : 'without'} a card`,
  );
}

async function insert(card: SimulatedKeycard, reader = READER): Promise<InsertedCard> {
  const slot = await insertIntoReader(card, reader as typeof READER);
  inserted.push(slot);
  await readerState(reader, true);
  return slot;
}

/**
 * The recovery console's flow, resumable from wherever it stopped: set up a blank card,
 * otherwise pair (a stored pairing first) and unlock; load the phrase unless the card has
 * a key; list the first addresses; sign a hash.
 */
async function recoveryFlow(reader = READER) {
  const opened = await service.open(reader);
  const id = opened.sessionId;
  try {
    if (!opened.info.initialized) {
      await service.initialize(id, {
        pin: PIN,
        puk: PUK,
        pairingPassword: PAIRING_PASSWORD,
        duressPin: DURESS_PIN,
      });
    } else {
      await service.pair(id, PAIRING_PASSWORD);
      const outcome = await service.unlock(id, PIN);
      expect(outcome.unlocked).toBe(true);
    }
    if (!service.view(id).status?.keyInitialized) {
      const { seed } = await seedFromRecovery({ lines: [PHRASE], passphrase: '' });
      try {
        await service.importSeed(id, seed);
      } finally {
        seed.fill(0);
      }
    }
    const accounts = await service.accounts(id, { scheme: 'bip44', start: 0, count: 5 });
    const signature = await service.sign(id, HASH, "m/44'/60'/0'/0/0");
    return { accounts, signature, view: service.view(id) };
  } finally {
    await service.close(id);
  }
}

function expectRecovered(result: Awaited<ReturnType<typeof recoveryFlow>>): void {
  expect(result.accounts.map((a) => a.address)).toEqual(EXPECTED);
  expect(result.signature.address).toBe(EXPECTED[0]);
  expect(recoverAddress(HASH, Signature.from(result.signature.signature))).toBe(EXPECTED[0]);
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
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-keycard-'));
  pairings = new FilePairingStore(dataDir, await keyFileSecretBox(dataDir));
  service = new CardService({ readers, pairings, trustedCaKeys: () => [TEST_CA.publicKey] });
});

afterEach(async () => {
  await service.closeAll();
  for (const slot of inserted.splice(0)) await slot.remove();
  // The next test must not mistake this card, still being reported, for its own.
  await readerState(READER, false);
  await readerState(OTHER_READER, false);
});

afterAll(async () => {
  await service?.dispose();
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('Keycard over pcscd + vpcd', () => {
  it('takes a blank card through init, pairing, PIN and loading to addresses and a signature', async () => {
    const card = new SimulatedKeycard();
    await insert(card);
    const opened = await service.open(READER);
    expect(opened.info.initialized).toBe(false);
    expect((await service.identify(opened.sessionId)).verdict).toBe('genuine');
    await service.close(opened.sessionId);

    const first = await recoveryFlow();
    expectRecovered(first);
    expect(first.view.info.keyUid).toBe(
      bytesToHex(sha256(secp256k1.Point.fromBytes(root.publicKey!).toBytes(false))),
    );
    expect(card.state).toMatchObject({
      initialized: true,
      pinTriesLeft: 3,
      pukTriesLeft: 5,
      freePairingSlots: 4,
    });

    // A second run reuses the stored pairing: no new slot is taken.
    expectRecovered(await recoveryFlow());
    expect(card.state.freePairingSlots).toBe(4);
  });

  it('reports wrong PINs as 63C2/63C1/63C0 = 2/1/0 tries left, then unblocks with the PUK', async () => {
    const card = SimulatedKeycard.initialized({
      pin: PIN,
      puk: PUK,
      duressPin: DURESS_PIN,
      pairingPassword: PAIRING_PASSWORD,
    });
    await insert(card);
    const { sessionId } = await service.open(READER);
    const paired = await service.pair(sessionId, PAIRING_PASSWORD);
    expect(paired.status).toEqual({ pinTries: 3, pukTries: 5, keyInitialized: false });
    for (const triesLeft of [2, 1, 0]) {
      const error: unknown = await service
        .withSession(sessionId, (s) => s.verifyPin('000000'))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: triesLeft === 0 ? 'pin-blocked' : 'wrong-pin',
        details: { sw: `63c${triesLeft}`, triesLeft },
      });
    }
    expect(await service.unlock(sessionId, PIN)).toEqual({ unlocked: false, pinTries: 0 });
    expect(await service.unblock(sessionId, '000000000000', '111111')).toEqual({
      unblocked: false,
      pukTries: 4,
    });
    const unblocked = await service.unblock(sessionId, PUK, '111111');
    expect(unblocked.unblocked && unblocked.session.status).toEqual({
      pinTries: 3,
      pukTries: 5,
      keyInitialized: false,
    });
    expect(unblocked.unblocked && unblocked.session.unlocked).toBe(true);
    await service.close(sessionId);
    const again = await service.open(READER);
    await service.pair(again.sessionId);
    expect((await service.unlock(again.sessionId, '111111')).unlocked).toBe(true);
  });

  it('says clearly when the pairing slots are full', async () => {
    const card = SimulatedKeycard.initialized(
      { pin: PIN, puk: PUK, duressPin: DURESS_PIN, pairingPassword: PAIRING_PASSWORD },
      { pairingSlots: 1 },
    );
    await insert(card);
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-other-'));
    const otherComputer = new CardService({
      readers,
      pairings: new FilePairingStore(otherDir, await keyFileSecretBox(otherDir)),
      trustedCaKeys: () => [],
    });
    try {
      const theirs = await otherComputer.open(READER);
      await otherComputer.pair(theirs.sessionId, PAIRING_PASSWORD);
      await otherComputer.close(theirs.sessionId);
    } finally {
      await otherComputer.dispose();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
    const { sessionId } = await service.open(READER);
    const error: unknown = await service.pair(sessionId, PAIRING_PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'no-pairing-slots' });
    expect((error as Error).message).toMatch(/no free pairing slots/);
  });

  it('serves two cards in the two readers at once', async () => {
    const a = SimulatedKeycard.initialized({
      pin: PIN,
      puk: PUK,
      duressPin: DURESS_PIN,
      pairingPassword: PAIRING_PASSWORD,
      mnemonic: PHRASE,
    });
    const b = SimulatedKeycard.initialized({
      pin: PIN,
      puk: PUK,
      duressPin: DURESS_PIN,
      pairingPassword: PAIRING_PASSWORD,
    });
    await insert(a, READER);
    await insert(b, OTHER_READER);
    // Two opens of one reader at once share one session instead of colliding.
    const [openA, openAgain] = await Promise.all([service.open(READER), service.open(READER)]);
    expect(openAgain.sessionId).toBe(openA.sessionId);
    await service.close(openA.sessionId);
    const [resultA, resultB] = await Promise.all([
      recoveryFlow(READER),
      recoveryFlow(OTHER_READER),
    ]);
    expectRecovered(resultA);
    expectRecovered(resultB);
    const [infoA, infoB] = [resultA.view.info, resultB.view.info];
    expect(
      infoA.family === 'keycard' &&
        infoB.family === 'keycard' &&
        infoA.instanceUid !== infoB.instanceUid,
    ).toBe(true);
  });

  it('recovers with a 3.2 card’s ephemeral pairing, leaving its free slots as they were', async () => {
    const card = SimulatedKeycard.initialized(
      {
        pin: PIN,
        puk: PUK,
        duressPin: DURESS_PIN,
        pairingPassword: PAIRING_PASSWORD,
        mnemonic: PHRASE,
      },
      { version: '3.2' },
    );
    await insert(card);
    expect(card.state.freePairingSlots).toBe(10);
    expectRecovered(await recoveryFlow());
    expect(card.state.freePairingSlots).toBe(10);
    expect(await pairings.get(card.state.instanceUid)).toBeUndefined();
    // Again, as after losing the phone a second time: still no slot taken.
    expectRecovered(await recoveryFlow());
    expect(card.state.freePairingSlots).toBe(10);

    // A pairing kept for this computer on purpose is used when it exists.
    const { sessionId } = await service.open(READER);
    await service.pair(sessionId, PAIRING_PASSWORD, { remember: true });
    await service.close(sessionId);
    expect(card.state.freePairingSlots).toBe(9);
    expect(await pairings.get(card.state.instanceUid)).toBeDefined();
    expectRecovered(await recoveryFlow());
    expect(card.state.freePairingSlots).toBe(9);
  });

  it('keeps a card’s pairing when another card in the other reader reports its UID', async () => {
    const setup = { pin: PIN, puk: PUK, duressPin: DURESS_PIN, pairingPassword: PAIRING_PASSWORD };
    const victim = SimulatedKeycard.initialized({ ...setup, mnemonic: PHRASE });
    await insert(victim, READER);
    expectRecovered(await recoveryFlow(READER));
    expect(victim.state.freePairingSlots).toBe(4);
    const saved = await pairings.get(victim.state.instanceUid);

    const impostor = SimulatedKeycard.initialized(setup, {
      instanceUid: Uint8Array.from(Buffer.from(victim.state.instanceUid, 'hex')),
    });
    await insert(impostor, OTHER_READER);
    const fake = await service.open(OTHER_READER);
    expect(fake.info).toMatchObject({ instanceUid: victim.state.instanceUid });
    await service.pair(fake.sessionId, PAIRING_PASSWORD);
    await service.close(fake.sessionId);

    expect(await pairings.get(victim.state.instanceUid, saved?.cardKey)).toEqual(saved);
    expectRecovered(await recoveryFlow(READER));
    // The victim used its saved pairing: no new slot was taken.
    expect(victim.state.freePairingSlots).toBe(4);
  });

  it('survives the card being pulled at every step of the flow, then carries on after re-insertion', async () => {
    const probe = new SimulatedKeycard();
    await insert(probe);
    const before = probe.state.apduCount;
    expectRecovered(await recoveryFlow());
    const steps = probe.state.apduCount - before;
    expect(steps).toBeGreaterThan(10);
    for (const slot of inserted.splice(0)) await slot.remove();
    await readerState(READER, false);

    for (let k = 1; k <= steps; k += 1) {
      const card = new SimulatedKeycard();
      const slot = await insert(card);
      card.faults = { removeBeforeAnswerOfApdu: k };
      const error: unknown = await recoveryFlow().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isLifeboatError(error, 'card-removed'), `APDU ${k}: ${String(error)}`).toBe(true);
      await readerState(READER, false);
      const stored = card.state.initialized
        ? await pairings.get(card.state.instanceUid)
        : undefined;
      const freeSlots = card.state.freePairingSlots;
      await slot.reinsert();
      await readerState(READER, true);
      expectRecovered(await recoveryFlow());
      // A pairing stored before the card was pulled is reused: no slot is taken again.
      if (stored) expect(card.state.freePairingSlots, `APDU ${k}`).toBe(freeSlots);
      await slot.remove();
      inserted.splice(inserted.indexOf(slot), 1);
      await readerState(READER, false);
    }
  });
});
