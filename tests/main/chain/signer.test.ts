import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { Transaction, Wallet, getBytes, hexlify, toBeHex } from 'ethers';
import { cardSigner } from '../../../main/chain/card-signer';
import { keySigner } from '../../../main/chain/key-signer';
import { signTransaction, type TxSigner } from '../../../main/chain/signer';
import { buildTransaction } from '../../../main/chain/evm/transaction';

// A fixed test key (the first Hardhat development account), nothing secret.
const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const wallet = new Wallet(KEY);
const N = secp256k1.Point.CURVE().n;

const fields = {
  chainId: 10,
  nonce: 3,
  gasLimit: 21_000n,
  maxFeePerGas: 2_000_000_000n,
  to: '0x000000000000000000000000000000000000dEaD',
  value: 12345n,
  data: '0x',
};

function withKey(): TxSigner {
  return keySigner(wallet.address, async (use) => use(getBytes(KEY)));
}

describe('signTransaction', () => {
  it('produces the same bytes as ethers’ own wallet for a typed transaction', async () => {
    const tx = buildTransaction({ ...fields, feeModel: 'eip1559' });
    expect(tx.maxPriorityFeePerGas).toBe(tx.maxFeePerGas);
    const signed = await signTransaction(tx, withKey());
    expect(signed.raw).toBe(await wallet.signTransaction(tx));
    expect(Transaction.from(signed.raw).from).toBe(wallet.address);
    expect(signed.hash).toBe(Transaction.from(signed.raw).hash);
  });

  it('signs legacy transactions with an EIP-155 chain id', async () => {
    const tx = buildTransaction({ ...fields, feeModel: 'legacy' });
    const signed = await signTransaction(tx, withKey());
    const parsed = Transaction.from(signed.raw);
    expect(parsed.type).toBe(0);
    expect(parsed.chainId).toBe(10n);
    expect(parsed.gasPrice).toBe(fields.maxFeePerGas);
    expect(signed.raw).toBe(await wallet.signTransaction(tx));
  });

  it('folds a high-S signature to low S, as nodes require', async () => {
    const tx = buildTransaction({ ...fields, feeModel: 'eip1559' });
    const honest = withKey();
    const highS: TxSigner = {
      address: wallet.address,
      signDigest: async (digest) => {
        const sig = await honest.signDigest(digest);
        return { r: sig.r, s: N - sig.s, yParity: sig.yParity === 0 ? 1 : 0 };
      },
    };
    const signed = await signTransaction(tx, highS);
    expect(signed.raw).toBe(await wallet.signTransaction(tx));
  });

  it('refuses a signature by another key than the planned one', async () => {
    const other = Wallet.createRandom();
    const wrong = keySigner(wallet.address, async (use) => use(getBytes(other.privateKey)));
    await expect(
      signTransaction(buildTransaction({ ...fields, feeModel: 'eip1559' }), wrong),
    ).rejects.toMatchObject({ code: 'signer-mismatch', details: { signedBy: other.address } });
  });
});

describe('cardSigner', () => {
  it('turns a card signature r ‖ s ‖ v into a transaction signature', async () => {
    const tx = buildTransaction({ ...fields, feeModel: 'eip1559' });
    const card = cardSigner(
      { address: wallet.address, path: "m/44'/60'/0'/0/0" },
      async (hash, path) => {
        expect(path).toBe("m/44'/60'/0'/0/0");
        const sig = secp256k1.Signature.fromBytes(
          secp256k1.sign(hash, getBytes(KEY), { prehash: false, format: 'recovered' }),
          'recovered',
        );
        return {
          signature: `${toBeHex(sig.r, 32)}${toBeHex(sig.s, 32).slice(2)}${(27 + sig.recovery!).toString(16)}`,
        };
      },
    );
    const signed = await signTransaction(tx, card);
    expect(signed.raw).toBe(await wallet.signTransaction(tx));
  });

  it('refuses a malformed card signature', async () => {
    for (const signature of ['0x1234', `0x${'11'.repeat(64)}1d`, hexlify(new Uint8Array(65))]) {
      const card = cardSigner({ address: wallet.address, path: 'm' }, async () => ({ signature }));
      await expect(card.signDigest(new Uint8Array(32))).rejects.toMatchObject({
        code: 'signature-invalid',
      });
    }
  });
});
