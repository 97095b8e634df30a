// A throwaway wallet for chain tests, derived here with @scure and ethers directly (not with
// Lifeboat's own derivation), so expected addresses are computed independently.
import { HDKey } from '@scure/bip32';
import { generateMnemonic, mnemonicToSeedSync } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { Wallet, computeAddress, hexlify } from 'ethers';

export interface TestWallet {
  mnemonic: string;
  seed: Uint8Array;
  /** m/44'/60'/0'/0/index */
  address(index: number): string;
  /** An ethers wallet for m/44'/60'/0'/0/index, to act on the chain outside Lifeboat. */
  signer(index: number): Wallet;
}

export function testWallet(mnemonic = generateMnemonic(wordlist, 128)): TestWallet {
  const seed = mnemonicToSeedSync(mnemonic);
  const root = HDKey.fromMasterSeed(seed);
  const node = (index: number) => root.derive(`m/44'/60'/0'/0/${index}`);
  return {
    mnemonic,
    seed,
    address: (index) => computeAddress(hexlify(node(index).publicKey!)),
    signer: (index) => new Wallet(hexlify(node(index).privateKey!)),
  };
}
