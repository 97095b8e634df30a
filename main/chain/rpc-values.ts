// Checks on what an RPC server returns. A server is untrusted input: any value of the wrong
// shape becomes `rpc-inconsistent` instead of a NaN or a silent zero in a balance.
import { z } from 'zod';
import { LifeboatError } from '../errors';

const quantitySchema = z.string().regex(/^0x[0-9a-fA-F]{1,64}$/);
const dataSchema = z.string().regex(/^0x([0-9a-fA-F]{2})*$/);
const hashSchema = z.string().regex(/^0x[0-9a-fA-F]{64}$/);

function inconsistent(what: string): LifeboatError {
  return new LifeboatError('rpc-inconsistent', `The RPC server sent an invalid ${what}.`, { what });
}

export function quantity(raw: unknown, what: string): bigint {
  const parsed = quantitySchema.safeParse(raw);
  if (!parsed.success) throw inconsistent(what);
  return BigInt(parsed.data);
}

export function smallQuantity(raw: unknown, what: string): number {
  const value = quantity(raw, what);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw inconsistent(what);
  return Number(value);
}

export function hexData(raw: unknown, what: string): string {
  const parsed = dataSchema.safeParse(raw);
  if (!parsed.success) throw inconsistent(what);
  return parsed.data.toLowerCase();
}

export function txHash(raw: unknown, what: string): string {
  const parsed = hashSchema.safeParse(raw);
  if (!parsed.success) throw inconsistent(what);
  return parsed.data.toLowerCase();
}

export interface BlockHeader {
  number: number;
  hash: string;
  /** Absent on chains without EIP-1559. */
  baseFeePerGas: bigint | undefined;
}

const blockSchema = z.object({
  number: quantitySchema,
  hash: hashSchema,
  baseFeePerGas: quantitySchema.optional().nullable(),
});

export function blockHeader(raw: unknown): BlockHeader {
  const parsed = blockSchema.safeParse(raw);
  if (!parsed.success) throw inconsistent('block');
  const { number, hash, baseFeePerGas } = parsed.data;
  return {
    number: Number(BigInt(number)),
    hash: hash.toLowerCase(),
    baseFeePerGas: baseFeePerGas == null ? undefined : BigInt(baseFeePerGas),
  };
}

/** A block's number and its time (Unix seconds), for telling how fresh a server is. */
export function blockTime(raw: unknown): { number: number; timestamp: number } {
  const parsed = z.object({ number: quantitySchema, timestamp: quantitySchema }).safeParse(raw);
  if (!parsed.success) throw inconsistent('block');
  const number = BigInt(parsed.data.number);
  const timestamp = BigInt(parsed.data.timestamp);
  if (number > BigInt(Number.MAX_SAFE_INTEGER) || timestamp > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw inconsistent('block');
  }
  return { number: Number(number), timestamp: Number(timestamp) };
}

export interface Receipt {
  transactionHash: string;
  blockNumber: number;
  blockHash: string;
  status: 'success' | 'reverted';
  gasUsed: bigint;
  effectiveGasPrice: bigint | undefined;
  /** OP-stack receipts report the L1 data fee they charged. */
  l1Fee: bigint | undefined;
}

const receiptSchema = z.object({
  transactionHash: hashSchema,
  blockNumber: quantitySchema,
  blockHash: hashSchema,
  status: z.enum(['0x0', '0x1']),
  gasUsed: quantitySchema,
  effectiveGasPrice: quantitySchema.optional().nullable(),
  l1Fee: quantitySchema.optional().nullable(),
});

/** A receipt, or null for "not included yet". */
export function receipt(raw: unknown, expectedHash: string): Receipt | null {
  if (raw === null) return null;
  const parsed = receiptSchema.safeParse(raw);
  if (!parsed.success) throw inconsistent('transaction receipt');
  const r = parsed.data;
  if (r.transactionHash.toLowerCase() !== expectedHash.toLowerCase()) {
    throw inconsistent('transaction receipt');
  }
  return {
    transactionHash: r.transactionHash.toLowerCase(),
    blockNumber: Number(BigInt(r.blockNumber)),
    blockHash: r.blockHash.toLowerCase(),
    status: r.status === '0x1' ? 'success' : 'reverted',
    gasUsed: BigInt(r.gasUsed),
    effectiveGasPrice: r.effectiveGasPrice == null ? undefined : BigInt(r.effectiveGasPrice),
    l1Fee: r.l1Fee == null ? undefined : BigInt(r.l1Fee),
  };
}
