// What receives the sweep. Only an address without code is guaranteed to accept a plain
// 21000-gas transfer; a contract, or an account delegated to code by EIP-7702, runs code on
// receipt, so its gas use must be estimated and the sweep cannot promise exactly zero. Some
// addresses never receive funds at all: they would be lost, or are the sender itself.
import { getAddress } from 'ethers';
import { LifeboatError } from '../errors';

export type DestinationKind = 'eoa' | 'contract' | 'delegated';

/** EIP-7702 delegation designator: 0xef0100 followed by the 20-byte delegate address. */
const DELEGATION_PREFIX = '0xef0100';

export interface DestinationCode {
  kind: DestinationKind;
  /** The code an EIP-7702 account delegates to. */
  delegate?: string;
}

export function classifyCode(code: string): DestinationCode {
  const hex = code.toLowerCase();
  if (hex === '0x') return { kind: 'eoa' };
  if (hex.startsWith(DELEGATION_PREFIX) && hex.length === DELEGATION_PREFIX.length + 40) {
    return { kind: 'delegated', delegate: getAddress(`0x${hex.slice(DELEGATION_PREFIX.length)}`) };
  }
  return { kind: 'contract' };
}

/** Why an address may not receive funds. */
export type RefusedRecipient = 'zero' | 'reserved' | 'burn' | 'source';

/**
 * Addresses below 0x…010000 are the zero address, the precompiles and the range reserved for
 * more of them: a transfer there is lost, or runs out of gas and loses its fee.
 */
const RESERVED_BELOW = 0x1_0000n;
const BURN_ADDRESS = '0x000000000000000000000000000000000000dead';

export function refusedRecipient(
  address: string,
  senders: readonly string[],
): RefusedRecipient | undefined {
  const value = BigInt(address);
  if (value === 0n) return 'zero';
  // Inside the reserved range too, but named for what people know it as.
  if (address.toLowerCase() === BURN_ADDRESS) return 'burn';
  if (value < RESERVED_BELOW) return 'reserved';
  if (senders.some((s) => s.toLowerCase() === address.toLowerCase())) return 'source';
  return undefined;
}

const REFUSAL_TEXT: Record<RefusedRecipient, string> = {
  zero: 'is the zero address: whatever is sent there is lost',
  reserved: 'is a reserved system address (a precompile), not an account',
  burn: 'is the well-known burn address: whatever is sent there is lost',
  source: 'is the account the funds come from',
};

/** Throws `destination-refused` unless `address` may receive funds from `senders`. */
export function assertRecipient(address: string, senders: readonly string[], field: string): void {
  const reason = refusedRecipient(address, senders);
  if (reason === undefined) return;
  throw new LifeboatError('destination-refused', `${address} ${REFUSAL_TEXT[reason]}.`, {
    field,
    reason,
    address,
  });
}
