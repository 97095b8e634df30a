// Unsigned transactions for plan steps, assembled by ethers. Typed (EIP-1559) transactions
// carry maxPriorityFeePerGas = maxFeePerGas (see fees.ts); legacy networks get a type-0
// transaction with an EIP-155 chain id.
import { Transaction } from 'ethers';
import { LifeboatError } from '../../errors';
import { transferData } from '../erc20';
import type { FeeModel } from '../networks';
import { execTransactionData, plainSafeTx, type SafeTx } from '../safe/safe-tx';
import type { PlanStep, SafeExecution } from '../sweep-plan';

export interface TxFields {
  chainId: number;
  feeModel: FeeModel;
  nonce: number;
  gasLimit: bigint;
  maxFeePerGas: bigint;
  to: string;
  value: bigint;
  data: string;
}

export function buildTransaction(fields: TxFields): Transaction {
  const common = {
    chainId: BigInt(fields.chainId),
    nonce: fields.nonce,
    gasLimit: fields.gasLimit,
    to: fields.to,
    value: fields.value,
    data: fields.data,
  };
  return fields.feeModel === 'legacy'
    ? Transaction.from({ ...common, type: 0, gasPrice: fields.maxFeePerGas })
    : Transaction.from({
        ...common,
        type: 2,
        maxFeePerGas: fields.maxFeePerGas,
        maxPriorityFeePerGas: fields.maxFeePerGas,
      });
}

/**
 * The transaction a step sends: a token transfer goes to the token contract with the
 * recipient in the data; the native coin and a top-up go straight to the recipient; a Safe
 * step goes to the Safe, carrying its transaction and the owners' packed signatures.
 */
export function stepFields(
  step: PlanStep,
  feeModel: FeeModel,
  amount: bigint,
  maxFeePerGas: bigint,
  safeSignatures?: string,
): TxFields {
  const base = {
    chainId: step.chainId,
    feeModel,
    nonce: step.nonce,
    gasLimit: step.gasLimit,
    maxFeePerGas,
  };
  if (step.safe) {
    if (safeSignatures === undefined) throw new LifeboatError('signatures-missing');
    return {
      ...base,
      to: step.safe.address,
      value: 0n,
      data: execTransactionData(safeTxOf(step.safe), safeSignatures),
    };
  }
  return step.kind === 'token'
    ? { ...base, to: step.asset, value: 0n, data: transferData(step.to, amount) }
    : { ...base, to: step.to, value: amount, data: '0x' };
}

/** The Safe transaction a Safe step carries. */
export function safeTxOf(safe: SafeExecution): SafeTx {
  return plainSafeTx(safe);
}
