// The Safe transaction hash against an independent reconstruction of the contract's own
// assembly (Safe.sol 1.5.0, getTransactionHash), with the type hashes copied from its source,
// and execTransaction's calldata read back through the audited build's ABI.
import { describe, expect, it } from 'vitest';
import { AbiCoder, ZeroAddress, concat, getAddress, hexlify, keccak256, randomBytes } from 'ethers';
import {
  execTransactionData,
  getTransactionHashData,
  plainSafeTx,
  safeTxHash,
  type SafeTx,
} from '../../../../main/chain/safe/safe-tx';
import { SAFE_CONTRACT } from '../../../support/safe-contracts';

const DOMAIN_SEPARATOR_TYPEHASH =
  '0x47e79534a245952e8b16893a336b85a3d9ea9fa8c573f3d803afb92a79469218';
const SAFE_TX_TYPEHASH = '0xbb8310d486368db6bd6f849402fdd73ad53d316b5a4b2644ad6efe0f941286d8';

function contractHash(chainId: number, safe: string, tx: SafeTx): string {
  const abi = AbiCoder.defaultAbiCoder();
  const domain = keccak256(
    abi.encode(['bytes32', 'uint256', 'address'], [DOMAIN_SEPARATOR_TYPEHASH, chainId, safe]),
  );
  const struct = keccak256(
    abi.encode(
      [
        'bytes32',
        'address',
        'uint256',
        'bytes32',
        'uint8',
        'uint256',
        'uint256',
        'uint256',
        'address',
        'address',
        'uint256',
      ],
      [
        SAFE_TX_TYPEHASH,
        tx.to,
        tx.value,
        keccak256(tx.data),
        tx.operation,
        tx.safeTxGas,
        tx.baseGas,
        tx.gasPrice,
        tx.gasToken,
        tx.refundReceiver,
        tx.nonce,
      ],
    ),
  );
  return keccak256(concat(['0x1901', domain, struct]));
}

const address = () => getAddress(hexlify(randomBytes(20)));

describe('safeTxHash', () => {
  it('equals the contract’s own computation for payments, calls and owner changes', () => {
    const safe = address();
    const cases: SafeTx[] = [
      plainSafeTx({ to: address(), value: 10n ** 18n, data: '0x', nonce: 0 }),
      plainSafeTx({ to: address(), value: 0n, data: hexlify(randomBytes(68)), nonce: 7 }),
      plainSafeTx({ to: safe, value: 0n, data: hexlify(randomBytes(100)), nonce: 123_456 }),
    ];
    for (const tx of cases) {
      for (const chainId of [1, 10, 31337]) {
        expect(safeTxHash(chainId, safe, tx)).toBe(contractHash(chainId, safe, tx));
      }
    }
  });

  it('binds the chain, the Safe and the nonce: a signature is good for one transaction only', () => {
    const safe = address();
    const tx = plainSafeTx({ to: address(), value: 1n, data: '0x', nonce: 3 });
    const hash = safeTxHash(1, safe, tx);
    expect(safeTxHash(10, safe, tx)).not.toBe(hash);
    expect(safeTxHash(1, address(), tx)).not.toBe(hash);
    expect(safeTxHash(1, safe, { ...tx, nonce: 4 })).not.toBe(hash);
  });

  it('makes plain calls that refund no gas', () => {
    const tx = plainSafeTx({ to: address(), value: 5n, data: '0x', nonce: 1 });
    expect(tx).toMatchObject({
      operation: 0,
      safeTxGas: 0n,
      baseGas: 0n,
      gasPrice: 0n,
      gasToken: ZeroAddress,
      refundReceiver: ZeroAddress,
    });
  });
});

describe('calldata', () => {
  it('execTransaction carries the transaction and the signatures, as the audited ABI reads them', () => {
    const tx = plainSafeTx({ to: address(), value: 42n, data: '0xabcdef', nonce: 9 });
    const signatures = hexlify(randomBytes(130));
    const decoded = SAFE_CONTRACT.decodeFunctionData(
      'execTransaction',
      execTransactionData(tx, signatures),
    );
    expect([...decoded]).toEqual([
      tx.to,
      42n,
      '0xabcdef',
      0n,
      0n,
      0n,
      0n,
      ZeroAddress,
      ZeroAddress,
      signatures,
    ]);
  });

  it('getTransactionHash asks with the nonce the owners sign', () => {
    const tx = plainSafeTx({ to: address(), value: 1n, data: '0x', nonce: 77 });
    const decoded = SAFE_CONTRACT.decodeFunctionData(
      'getTransactionHash',
      getTransactionHashData(tx),
    );
    expect(decoded[9]).toBe(77n);
  });
});
