import { secp256k1 } from '@noble/curves/secp256k1.js';
import { mnemonicToSeedSync } from '@scure/bip39';
import { HDNodeWallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import {
  deriveAccounts,
  deriveAddress,
  derivePrivateKey,
  keyUidFromPublicKey,
  keyUidFromSeed,
  masterKeyMaterial,
  parsePath,
  SCHEMES,
  schemePath,
  walletPreview,
} from '../../../main/secrets/derivation';
import { bytes, hex } from './vectors';

// Hardhat's well-known development mnemonic and its published accounts.
const HARDHAT = 'test test test test test test test test test test test junk';
const hardhatSeed = mnemonicToSeedSync(HARDHAT, '');

describe('derivation', () => {
  it('gives the Keycard key UID of the applet test vector (KeycardTest.java mnemonicTest)', () => {
    const seed = mnemonicToSeedSync(
      'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will',
      '',
    );
    const master = masterKeyMaterial(seed);
    expect(hex(master.publicKey)).toBe(
      '04cc620f846055ed43995391ca5e490c52251ea40453f64a0515bef84c24a653a7c4e02b9de56f66d9ee58dc6b591b534f5a20c0550b2c33a086b90b866cf70799',
    );
    expect(keyUidFromSeed(seed)).toBe(
      'b98373b5f78c88bdd753fe8fc3e3300bc8060d8b723a10ea062ca63554a23e7a',
    );
    expect(keyUidFromPublicKey(master.publicKey)).toBe(keyUidFromSeed(seed));
  });

  it('gives the master key and chain code of BIP-32 test vector 1 (what LOAD KEY sends)', () => {
    const master = masterKeyMaterial(bytes('000102030405060708090a0b0c0d0e0f'));
    expect(hex(master.privateKey)).toBe(
      'e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35',
    );
    expect(hex(master.chainCode)).toBe(
      '873dff81c02f525623fd1fe5167eac3a55a049de3d314bb42ee227ffed37d508',
    );
    expect(master.publicKey).toHaveLength(65);
    expect(hex(secp256k1.Point.fromBytes(master.publicKey).toBytes(true))).toBe(
      '0339a36013301597daef41fbe593a02cc513d0b55527ec2df1050e2e8ff49c85c2',
    );
  });

  it('derives the published Hardhat accounts under BIP-44', () => {
    expect(deriveAccounts(hardhatSeed, 'bip44', 0, 3)).toEqual([
      { index: 0, path: "m/44'/60'/0'/0/0", address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' },
      { index: 1, path: "m/44'/60'/0'/0/1", address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' },
      { index: 2, path: "m/44'/60'/0'/0/2", address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' },
    ]);
    expect(hex(derivePrivateKey(hardhatSeed, "m/44'/60'/0'/0/0"))).toBe(
      'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
    );
    expect(walletPreview(hardhatSeed).addresses).toEqual(
      deriveAccounts(hardhatSeed, 'bip44', 0, 5).map((a) => a.address),
    );
  });

  it('follows the Ledger Live and Ledger legacy paths (checked against ethers)', () => {
    expect(SCHEMES).toEqual(['bip44', 'ledger-live', 'legacy']);
    expect(schemePath('ledger-live', 3)).toBe("m/44'/60'/3'/0/0");
    expect(schemePath('legacy', 3)).toBe("m/44'/60'/0'/3");
    expect(schemePath('bip44', 3)).toBe("m/44'/60'/0'/0/3");
    for (const scheme of SCHEMES) {
      for (const account of deriveAccounts(hardhatSeed, scheme, 5, 2)) {
        expect(account.path).toBe(schemePath(scheme, account.index));
        expect(account.address).toBe(HDNodeWallet.fromPhrase(HARDHAT, '', account.path).address);
      }
    }
  });

  it('derives custom paths, including the master key itself', () => {
    expect(deriveAddress(hardhatSeed, " m/44'/60'/0'/0/1 ")).toBe(
      '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    );
    const root = HDNodeWallet.fromSeed(hardhatSeed);
    expect(deriveAddress(hardhatSeed, 'm')).toBe(root.address);
    expect(hex(derivePrivateKey(hardhatSeed, 'm'))).toBe(root.privateKey.slice(2));
  });

  it('refuses bad paths, indexes and seeds with typed errors', () => {
    for (const path of ["m/44'/60'/x", '44/60', "m/44''", 'm/2147483648', 'm//0', '']) {
      expect(() => parsePath(path)).toThrow(expect.objectContaining({ code: 'invalid-path' }));
    }
    expect(parsePath("m/2147483647'")).toBe("m/2147483647'");
    expect(() => schemePath('bip44', -1)).toThrow(
      expect.objectContaining({ code: 'invalid-path' }),
    );
    expect(() => schemePath('bip44', 1.5)).toThrow(
      expect.objectContaining({ code: 'invalid-path' }),
    );
    expect(() => deriveAccounts(hardhatSeed, 'bip44', 0, 1001)).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
    for (const length of [15, 65]) {
      expect(() => keyUidFromSeed(new Uint8Array(length))).toThrow(
        expect.objectContaining({ code: 'invalid-secret' }),
      );
    }
    expect(() => keyUidFromPublicKey(new Uint8Array(33))).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });
});
