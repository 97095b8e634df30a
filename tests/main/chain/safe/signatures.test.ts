// Owner signatures as the Safe takes them: each recovered to an owner before it counts,
// strictly ascending by owner address, exactly the threshold, v = 27/28.
import { describe, expect, it } from 'vitest';
import { Wallet, dataSlice, getAddress, hexlify, randomBytes } from 'ethers';
import {
  packSignatures,
  recoverSigner,
  verifyOwnerSignature,
  type OwnerSignature,
} from '../../../../main/chain/safe/signatures';

const hash = hexlify(randomBytes(32));
const wallets = Array.from({ length: 4 }, () => new Wallet(hexlify(randomBytes(32))));
const owners = wallets.slice(0, 3).map((w) => w.address);

function signed(wallet: Wallet, digest = hash): OwnerSignature {
  return { owner: wallet.address, signature: wallet.signingKey.sign(digest).serialized };
}

describe('packSignatures', () => {
  it('orders by owner address whatever the order of signing, and takes the threshold', () => {
    const given = [signed(wallets[2]!), signed(wallets[0]!), signed(wallets[1]!)];
    const packed = packSignatures(hash, given, owners, 2);
    expect((packed.length - 2) / 2).toBe(130);
    const sorted = [...owners].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const first = recoverSigner(hash, dataSlice(packed, 0, 65));
    const second = recoverSigner(hash, dataSlice(packed, 65, 130));
    expect([first, second]).toEqual(sorted.slice(0, 2));
    for (const offset of [64, 129])
      expect([27, 28]).toContain(Number(dataSlice(packed, offset, offset + 1)));
  });

  it('counts an owner once, and says how many are missing', () => {
    const one = signed(wallets[0]!);
    expect(() => packSignatures(hash, [one, one], owners, 2)).toThrow(
      expect.objectContaining({ code: 'signatures-missing', details: { have: 1, need: 2 } }),
    );
  });

  it('refuses a signature of someone who is not an owner', () => {
    expect(() =>
      packSignatures(hash, [signed(wallets[3]!), signed(wallets[0]!)], owners, 2),
    ).toThrow(expect.objectContaining({ code: 'not-an-owner' }));
  });
});

describe('verifyOwnerSignature', () => {
  it('refuses a signature made by another key than the owner it claims', () => {
    const forged = { owner: owners[0]!, signature: signed(wallets[1]!).signature };
    expect(() => verifyOwnerSignature(hash, forged, owners)).toThrow(
      expect.objectContaining({ code: 'signature-invalid' }),
    );
  });

  it('refuses a signature of another transaction', () => {
    const other = signed(wallets[0]!, hexlify(randomBytes(32)));
    expect(() => verifyOwnerSignature(hash, other, owners)).toThrow(
      expect.objectContaining({ code: 'signature-invalid' }),
    );
  });

  it('refuses every v but 27 and 28 (the Safe reads others as other kinds of signature)', () => {
    const good = signed(wallets[0]!).signature;
    for (const v of ['00', '01', '1f', '20']) {
      expect(() => recoverSigner(hash, `${good.slice(0, -2)}${v}`)).toThrow(
        expect.objectContaining({ code: 'signature-invalid' }),
      );
    }
    expect(recoverSigner(hash, good)).toBe(getAddress(owners[0]!));
  });
});
