// A Safe transaction and its EIP-712 hash (`safeTxHash`), the 32 bytes every owner signs.
// Lifeboat only makes plain calls with no gas refund: operation CALL and every payment field
// zero, so the Safe itself never pays for gas (the account that executes does) and a failed
// inner call makes the whole execution revert instead of burning the Safe's nonce.
import { TypedDataEncoder, ZeroAddress, getAddress } from 'ethers';
import { SAFE_ABI } from './deployments';

export interface SafeTx {
  to: string;
  value: bigint;
  data: string;
  /** 0 = CALL; Lifeboat never delegate-calls. */
  operation: 0;
  safeTxGas: bigint;
  baseGas: bigint;
  gasPrice: bigint;
  gasToken: string;
  refundReceiver: string;
  nonce: number;
}

const SAFE_TX_TYPES = {
  SafeTx: [
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'data', type: 'bytes' },
    { name: 'operation', type: 'uint8' },
    { name: 'safeTxGas', type: 'uint256' },
    { name: 'baseGas', type: 'uint256' },
    { name: 'gasPrice', type: 'uint256' },
    { name: 'gasToken', type: 'address' },
    { name: 'refundReceiver', type: 'address' },
    { name: 'nonce', type: 'uint256' },
  ],
};

/** A call from the Safe that refunds no gas to anyone. */
export function plainSafeTx(call: {
  to: string;
  value: bigint;
  data: string;
  nonce: number;
}): SafeTx {
  return {
    to: getAddress(call.to),
    value: call.value,
    data: call.data,
    operation: 0,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: ZeroAddress,
    refundReceiver: ZeroAddress,
    nonce: call.nonce,
  };
}

/** The hash the Safe checks signatures against: EIP-712 with domain {chainId, verifyingContract}. */
export function safeTxHash(chainId: number, safe: string, tx: SafeTx): string {
  return TypedDataEncoder.hash({ chainId, verifyingContract: getAddress(safe) }, SAFE_TX_TYPES, tx);
}

/** Calldata of execTransaction with the packed owner signatures. */
export function execTransactionData(tx: SafeTx, signatures: string): string {
  return SAFE_ABI.encodeFunctionData('execTransaction', [
    tx.to,
    tx.value,
    tx.data,
    tx.operation,
    tx.safeTxGas,
    tx.baseGas,
    tx.gasPrice,
    tx.gasToken,
    tx.refundReceiver,
    signatures,
  ]);
}

/** Calldata of getTransactionHash, for checking the local hash against the contract's own. */
export function getTransactionHashData(tx: SafeTx): string {
  return SAFE_ABI.encodeFunctionData('getTransactionHash', [
    tx.to,
    tx.value,
    tx.data,
    tx.operation,
    tx.safeTxGas,
    tx.baseGas,
    tx.gasPrice,
    tx.gasToken,
    tx.refundReceiver,
    tx.nonce,
  ]);
}
