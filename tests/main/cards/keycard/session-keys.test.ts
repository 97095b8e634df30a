import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { Signature, computeAddress, recoverAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { metadataFromIndices } from '../../../../main/cards/keycard/metadata';
import { APPLET_MNEMONIC, APPLET_SEED, PIN, opened, selected } from './fixtures';

// KeycardTest.java mnemonicTest (protocol digest §11.6).
const MASTER_PUBLIC_KEY =
  '04cc620f846055ed43995391ca5e490c52251ea40453f64a0515bef84c24a653a7c4e02b9de56f66d9ee58dc6b591b534f5a20c0550b2c33a086b90b866cf70799';
const EIP1581_PUBLIC_KEY =
  '04e7370d118461e1ab01f3e86e88c4b0c7b92cecb79c5e320cef73dda912f173beae74df15090b6405a274963c054cdfe6ac7843a302c260390d1fe776008f310e';
const KEY_UID = 'b98373b5f78c88bdd753fe8fc3e3300bc8060d8b723a10ea062ca63554a23e7a';

async function unlocked(setup = {}, options = {}) {
  const context = await opened(setup, options);
  await context.session.verifyPin(PIN);
  return context;
}

describe('LOAD KEY, GENERATE KEY, REMOVE KEY', () => {
  it('reproduces the applet mnemonic vector: key UID, master and EIP-1581 public keys', async () => {
    const { session } = await unlocked();
    expect(bytesToHex(await session.loadSeed(APPLET_SEED()))).toBe(KEY_UID);
    expect(bytesToHex(session.keyUid!)).toBe(KEY_UID);
    expect(bytesToHex(await session.exportPublicKey('m'))).toBe(MASTER_PUBLIC_KEY);
    expect(bytesToHex(await session.exportPublicKey("m/43'/60'/1581'/0'/0"))).toBe(
      EIP1581_PUBLIC_KEY,
    );
  });

  it('loads an extended keypair and checks the key UID the card returns', async () => {
    const { session, card } = await unlocked();
    const root = HDKey.fromMasterSeed(APPLET_SEED());
    const keyUid = await session.loadKey({
      privateKey: root.privateKey!,
      chainCode: root.chainCode!,
    });
    expect(bytesToHex(keyUid)).toBe(KEY_UID);
    expect(card.state.keyUid).toBe(KEY_UID);
    const xpub = await session.exportExtendedPublicKey("m/44'/60'/0'/0");
    const expected = root.derive("m/44'/60'/0'/0");
    expect(bytesToHex(xpub.chainCode)).toBe(bytesToHex(expected.chainCode!));
    expect(bytesToHex(secp256k1.Point.fromBytes(xpub.publicKey).toBytes(true))).toBe(
      bytesToHex(expected.publicKey!),
    );
  });

  it('loads 16..64-byte seeds on 3.2 but only 64-byte ones on 3.1', async () => {
    const seed = randomBytes(16);
    const old = await unlocked();
    await expect(old.session.loadSeed(seed)).rejects.toMatchObject({ code: 'not-supported' });
    const current = await unlocked({}, { version: '3.2' });
    const expected = sha256(
      secp256k1.Point.fromBytes(HDKey.fromMasterSeed(seed).publicKey!).toBytes(false),
    );
    expect(bytesToHex(await current.session.loadSeed(seed))).toBe(bytesToHex(expected));
  });

  it('needs the PIN to load, and refuses an invalid private key before sending', async () => {
    const { session } = await opened();
    const root = HDKey.fromMasterSeed(APPLET_SEED());
    await expect(
      session.loadKey({ privateKey: root.privateKey!, chainCode: root.chainCode! }),
    ).rejects.toMatchObject({ code: 'pin-required' });
    await expect(
      session.loadKey({ privateKey: new Uint8Array(32), chainCode: root.chainCode! }),
    ).rejects.toMatchObject({ code: 'invalid-secret' });
  });

  it('generates a key on the card and removes it', async () => {
    const { session } = await unlocked();
    const keyUid = await session.generateKey();
    expect(keyUid).toHaveLength(32);
    expect(await session.getStatus()).toMatchObject({ keyInitialized: true });
    const master = await session.exportPublicKey('m');
    expect(bytesToHex(sha256(master))).toBe(bytesToHex(keyUid));
    await session.removeKey();
    expect(session.keyUid).toBeUndefined();
    expect(await session.getStatus()).toMatchObject({ keyInitialized: false });
    await expect(session.exportPublicKey('m')).rejects.toMatchObject({ code: 'no-key' });
  });

  it('generates valid BIP-39 phrases of every length from the card', async () => {
    const { session } = await opened();
    for (const checksumBits of [4, 5, 6, 7, 8]) {
      const indices = await session.generateMnemonic(checksumBits);
      expect(indices).toHaveLength(checksumBits * 3);
      expect(validateMnemonic(indices.map((i) => wordlist[i]).join(' '), wordlist)).toBe(true);
    }
    await expect(session.generateMnemonic(9)).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('EXPORT KEY and SIGN', () => {
  it('refuses exports without the PIN, and extended keys inside EIP-1581', async () => {
    const { session } = await opened({ mnemonic: APPLET_MNEMONIC });
    await expect(session.exportPublicKey('m')).rejects.toMatchObject({ code: 'pin-required' });
    await session.verifyPin(PIN);
    await expect(session.exportExtendedPublicKey("m/43'/60'/1581'/0'/0")).rejects.toMatchObject({
      code: 'conditions-not-satisfied',
    });
  });

  it('signs with an inline path; the signature recovers to the independently derived address', async () => {
    const { session, recorded } = await unlocked({ mnemonic: APPLET_MNEMONIC });
    const root = HDKey.fromMasterSeed(APPLET_SEED());
    for (const index of [0, 1, 7]) {
      const path = `m/44'/60'/0'/0/${index}`;
      const expected = computeAddress(`0x${bytesToHex(root.derive(path).publicKey!)}`);
      const hash = randomBytes(32);
      const result = await session.sign(hash, path);
      expect(result.signature65).toHaveLength(65);
      expect(recoverAddress(hash, Signature.from(`0x${bytesToHex(result.signature65)}`))).toBe(
        expected,
      );
      expect(computeAddress(`0x${bytesToHex(result.publicKey)}`)).toBe(expected);
      // P2 = 00 and P1 = derive from master without changing the current path.
      const sign = recorded.commands.at(-1)!;
      expect(bytesToHex(sign.subarray(0, 4))).toBe('80c00100');
    }
    await expect(session.sign(new Uint8Array(31), 'm')).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(session.sign(randomBytes(32), 'm/x')).rejects.toMatchObject({
      code: 'invalid-path',
    });
  });

  it('derives relative to the current key for bare and parent paths', async () => {
    const { session } = await unlocked({ mnemonic: APPLET_MNEMONIC });
    // With the current path at master, "../1" has no parent (6B00) and a bare path is from master.
    await expect(session.exportPublicKey('../1')).rejects.toMatchObject({
      code: 'wrong-parameters',
    });
    expect(bytesToHex(await session.exportPublicKey("44'/60'"))).toBe(
      bytesToHex(await session.exportPublicKey("m/44'/60'")),
    );
  });
});

describe('GET DATA / STORE DATA', () => {
  it('stores and reads the card name and account list, wrapped or plain', async () => {
    const { session, card } = await unlocked();
    expect(await session.getMetadata()).toBeUndefined();
    await session.storeMetadata(metadataFromIndices('Recovery', [0, 1, 2, 9]));
    expect(await session.getMetadata()).toEqual({
      name: 'Recovery',
      ranges: [
        { start: 0, end: 2 },
        { start: 9, end: 9 },
      ],
    });
    const plain = await selected(card);
    expect((await plain.getMetadata())?.name).toBe('Recovery');
  });

  it('needs the PIN to store, and the card refuses more than 127 public bytes', async () => {
    const { session } = await opened();
    await expect(session.storeData('public', Uint8Array.of(1))).rejects.toMatchObject({
      code: 'pin-required',
    });
    await session.verifyPin(PIN);
    await expect(session.storeData('public', new Uint8Array(128))).rejects.toMatchObject({
      code: 'wrong-data',
    });
    await session.storeData('cash', Uint8Array.of(1, 2, 3));
    expect(bytesToHex(await session.getData('cash'))).toBe('010203');
  });
});

describe('FACTORY RESET', () => {
  it('wipes the card, gives it a new instance UID and drops its pairings', async () => {
    const { session, card } = await unlocked({ mnemonic: APPLET_MNEMONIC });
    const oldUid = card.state.instanceUid;
    const pairing = session.pairing!;
    const info = await session.factoryReset();
    expect(info.initialized).toBe(false);
    expect(card.state).toMatchObject({ initialized: false, keyUid: undefined });
    expect(session.keyUid).toBeUndefined();
    expect(session.secureChannelOpen).toBe(false);
    await session.init({
      pin: PIN,
      puk: '999999999999',
      pairingSecret: new Uint8Array(32).fill(1),
      pinRetries: 3,
      pukRetries: 5,
      duressPin: '123123',
    });
    expect(card.state.instanceUid).not.toBe(oldUid);
    await expect(session.openSecureChannel(pairing)).rejects.toMatchObject({
      code: 'pairing-invalid',
    });
  });
});
