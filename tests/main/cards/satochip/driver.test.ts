// The Satochip behind the card-family seam, over the independent simulator in process: picked
// by SELECT, its rules as data, genuineness only once unlocked, a wallet loaded from a seed,
// its key UID after the PIN, and the PIN model (current PIN to change; unblock keeps it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { HDNodeWallet, Signature, recoverAddress } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveAddresses } from '../../../../main/cards/addresses';
import { cardDrivers } from '../../../../main/cards/drivers';
import { FamilyRegistry, type CardSession } from '../../../../main/cards/family';
import { keyFileSecretBox } from '../../../../main/cards/keycard/key-file-box';
import { FilePairingStore } from '../../../../main/cards/keycard/pairing-store';
import { isLifeboatError } from '../../../../main/errors';
import { SimulatedSatochip, TEST_TOPORIN_CA, simulatorChannel } from '../../../sim/satochip';

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const PIN = 'correct horse';
const PUK = 'battery staple';

const seed = mnemonicToSeedSync(PHRASE);
const master = HDKey.fromMasterSeed(seed);
const KEY_UID = bytesToHex(sha256(secp256k1.Point.fromBytes(master.publicKey!).toBytes(false)));
const ADDRESSES = [0, 1, 2].map(
  (i) => HDNodeWallet.fromPhrase(PHRASE, '', `m/44'/60'/0'/0/${i}`).address,
);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-satochip-driver-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function open(card: SimulatedSatochip, trusted: string[] = []): Promise<CardSession> {
  const pairings = new FilePairingStore(dir, await keyFileSecretBox(dir));
  const registry = new FamilyRegistry(cardDrivers({ pairings, trustedCaKeys: () => trusted }));
  return registry.open(simulatorChannel(card), {
    reconnect: async () => simulatorChannel(card),
  });
}

async function failure(work: Promise<unknown>): Promise<{ code: string; details: unknown }> {
  try {
    await work;
  } catch (error) {
    if (isLifeboatError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('a Satochip behind the seam', () => {
  it('is picked by SELECT and says what it is and what it takes, with no pairing', async () => {
    const session = await open(new SimulatedSatochip());
    expect(session.family).toBe('satochip');
    expect(session.info).toMatchObject({
      family: 'satochip',
      initialized: false,
      version: '0.12-0.6',
      rules: {
        pin: { minLength: 4, maxLength: 16, alphabet: 'any' },
        puk: { minLength: 4, maxLength: 16, alphabet: 'any' },
        pairing: false,
        changePinAsksCurrent: true,
        unblockSetsPin: false,
        pukExhausted: 'locked',
      },
    });
    expect(session.info.capabilities).toEqual(
      expect.arrayContaining(['attest', 'accounts', 'sign', 'import-seed', 'factory-reset']),
    );
    expect(session.info.capabilities).not.toContain('generate-key');
    expect(session.info.capabilities).not.toContain('unpair');
    expect(session.keys).toBeDefined();
    expect(session.backupSecrets).toBeUndefined();
  });

  it('says genuineness is checked after unlocking, then checks it against an added issuer key', async () => {
    const card = new SimulatedSatochip();
    const session = await open(card, [TEST_TOPORIN_CA.satochip.publicKey]);
    const before = card.state.apduCount;
    expect(await session.attest()).toMatchObject({ verdict: 'needs-unlock' });
    expect(card.state.apduCount).toBe(before);

    await session.setUp({ pin: PIN, puk: PUK, pinRetries: 4, pukRetries: 2 });
    expect(session.unlocked).toBe(true);
    expect(await session.status()).toEqual({ pinTries: 4, pukTries: 2, keyInitialized: false });
    const verdict = await session.attest();
    expect(verdict.verdict).toBe('genuine');
    expect(verdict.caPublicKey).toBe(
      bytesToHex(secp256k1.Point.fromHex(TEST_TOPORIN_CA.satochip.publicKey).toBytes(true)),
    );
  });

  it('without the issuer key, an unlocked test card is of an unknown issuer, never genuine', async () => {
    const session = await open(new SimulatedSatochip());
    await session.setUp({ pin: PIN, puk: PUK });
    expect((await session.attest()).verdict).toBe('unknown-issuer');
    const bare = await open(new SimulatedSatochip({ withCertificate: 'none' }));
    await bare.setUp({ pin: PIN, puk: PUK });
    expect((await bare.attest()).verdict).toBe('no-certificate');
  });

  it('loads a seed, reports its key UID, lists the addresses and signs with them', async () => {
    const session = await open(new SimulatedSatochip());
    await session.setUp({ pin: PIN, puk: PUK });
    const keyUid = await session.keys!.importSeed(seed);
    expect(bytesToHex(keyUid)).toBe(KEY_UID);
    expect(session.info).toMatchObject({ keyUid: KEY_UID, keyLoaded: true });
    const derived = await deriveAddresses(session.keys!, 'bip44', { count: 3 });
    expect(derived.map((a) => a.address)).toEqual(ADDRESSES);
    const digest = randomBytes(32);
    const signed = await session.keys!.sign(digest, "m/44'/60'/0'/0/1");
    const recovered = recoverAddress(digest, Signature.from(`0x${bytesToHex(signed.signature65)}`));
    expect(recovered).toBe(ADDRESSES[1]);
    expect(await failure(session.keys!.importSeed(seed))).toMatchObject({ code: 'key-present' });
  });

  it('holds a wallet whose key UID it shows only once the PIN is verified', async () => {
    const card = SimulatedSatochip.initialized({ pin: PIN, puk: PUK, mnemonic: PHRASE });
    const session = await open(card);
    expect(session.info).toMatchObject({ initialized: true, keyLoaded: true });
    expect(session.info.keyUid).toBeUndefined();
    expect(await session.connect()).toEqual({ pinTries: 5, pukTries: 1, keyInitialized: true });
    await session.verifyPin(PIN);
    expect(session.info.keyUid).toBe(KEY_UID);
  });

  it('changes the PIN only with the current one, and unblocks without a new PIN', async () => {
    const card = SimulatedSatochip.initialized({
      pin: PIN,
      puk: PUK,
      pinTries: 2,
      pukTries: 2,
      mnemonic: PHRASE,
    });
    const session = await open(card);
    await session.connect();
    await session.verifyPin(PIN);
    expect(await failure(session.changePin('new pin 1'))).toMatchObject({ code: 'invalid-input' });
    await session.changePin('new pin 1', PIN);
    expect(await failure(session.verifyPin(PIN))).toMatchObject({
      code: 'wrong-pin',
      details: expect.objectContaining({ triesLeft: 1 }),
    });
    expect(await failure(session.verifyPin(PIN))).toMatchObject({ code: 'pin-blocked' });
    expect(await failure(session.unblockPin(PUK, 'x1x1x1'))).toMatchObject({
      code: 'invalid-input',
    });
    expect(await failure(session.unblockPin('wrong puk'))).toMatchObject({
      code: 'wrong-puk',
      details: expect.objectContaining({ triesLeft: 1 }),
    });
    await session.unblockPin(PUK);
    expect((await session.status()).pinTries).toBe(2);
    await session.verifyPin('new pin 1');
    expect(session.unlocked).toBe(true);
  });

  it('is factory reset through five power-ups of the card, and is blank afterwards', async () => {
    const card = SimulatedSatochip.initialized({ pin: PIN, puk: PUK, mnemonic: PHRASE });
    const session = await open(card);
    await session.factoryReset();
    expect(session.info).toMatchObject({ family: 'satochip', initialized: false });
    expect(session.info.keyLoaded).toBeUndefined();
    expect(card.state).toMatchObject({ setUp: false, seeded: false });
    await session.setUp({ pin: PIN, puk: PUK });
    expect(session.unlocked).toBe(true);
  });
});
