// Unsigned transactions for plan steps, assembled by ethers. Typed (EIP-1559) transactions
// carry maxPriorityFeePerGas = maxFeePerGas (see fees.ts); legacy networks get a type-0
// transaction with an EIP-155 chain id.
import { Transaction } from 'ethers';
import { transferData } from '../erc20';
import type { FeeModel } from '../networks';
import type { PlanStep } from '../sweep-plan';

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
 * recipient in the data; the native coin and a top-up go straight to the recipient.
 */
export function stepFields(
  step: PlanStep,
  feeModel: FeeModel,
  amount: bigint,
  maxFeePerGas: bigint,
): TxFields {
  const base = {
    chainId: step.chainId,
    feeModel,
    nonce: step.nonce,
    gasLimit: step.gasLimit,
    maxFeePerGas,
  };
  return step.kind === 'token'
    ? { ...base, to: step.asset, value: 0n, data: transferData(step.to, amount) }
    : { ...base, to: step.to, value: amount, data: '0x' };
}
