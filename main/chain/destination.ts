// What receives the sweep. Only an address without code is guaranteed to accept a plain
// 21000-gas transfer; a contract, or an account delegated to code by EIP-7702, runs code on
// receipt, so its gas use must be estimated and the sweep cannot promise exactly zero.
import { getAddress } from 'ethers';

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
