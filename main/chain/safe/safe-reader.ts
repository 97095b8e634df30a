// What Lifeboat reads of a Safe and of the Safe contracts on a network, every answer checked:
// an address without code, or whose code does not answer like a Safe, is `not-a-safe`; a
// Safe of a version whose hash rules Lifeboat does not implement is `safe-unsupported`; the
// contract's own getTransactionHash must agree with the hash computed here before anyone
// signs it.
import { getAddress, keccak256 } from 'ethers';
import { LifeboatError, isLifeboatError } from '../../errors';
import type { ChainConnection } from '../connection';
import {
  PROXY_FACTORY_ABI,
  SAFE_ABI,
  SAFE_FALLBACK_HANDLER,
  SAFE_PROXY_FACTORY,
  SAFE_SINGLETON,
  SIGNABLE_VERSIONS,
} from './deployments';
import { getTransactionHashData, type SafeTx } from './safe-tx';

export type SafeChain = Pick<ChainConnection, 'network' | 'code' | 'call'>;

export interface SafeState {
  address: string;
  version: string;
  /** In the Safe's own order (`getOwners`), EIP-55. */
  owners: string[];
  threshold: number;
  /** The nonce the next Safe transaction must carry. */
  nonce: number;
}

async function read(chain: Pick<SafeChain, 'call'>, safe: string, fn: string): Promise<unknown> {
  const data = await chain.call({ to: safe, data: SAFE_ABI.encodeFunctionData(fn, []) });
  return SAFE_ABI.decodeFunctionResult(fn, data)[0];
}

export async function readSafe(chain: SafeChain, address: string): Promise<SafeState> {
  const safe = getAddress(address);
  const notASafe = () =>
    new LifeboatError('not-a-safe', undefined, { address: safe, network: chain.network.id });
  if ((await chain.code(safe)) === '0x') throw notASafe();
  let answers: unknown[];
  try {
    answers = await Promise.all(
      ['VERSION', 'getOwners', 'getThreshold', 'nonce'].map((fn) => read(chain, safe, fn)),
    );
  } catch (error) {
    // A contract that reverts, or answers in another shape, is something other than a Safe.
    if (isLifeboatError(error) && error.code !== 'rpc-error') throw error;
    throw notASafe();
  }
  const [version, owners, threshold, nonce] = answers as [string, string[], bigint, bigint];
  if (!SIGNABLE_VERSIONS.includes(version)) {
    throw new LifeboatError('safe-unsupported', undefined, { address: safe, version });
  }
  if (owners.length === 0 || threshold < 1n || threshold > BigInt(owners.length)) {
    throw notASafe();
  }
  if (nonce > BigInt(Number.MAX_SAFE_INTEGER)) throw notASafe();
  return {
    address: safe,
    version,
    owners: owners.map((o) => getAddress(o)),
    threshold: Number(threshold),
    nonce: Number(nonce),
  };
}

/** The Safe's nonce alone: what a pending step checks between polls. */
export async function readSafeNonce(
  chain: Pick<SafeChain, 'network' | 'call'>,
  safe: string,
): Promise<number> {
  let nonce: unknown;
  try {
    nonce = await read(chain, safe, 'nonce');
  } catch (error) {
    if (isLifeboatError(error) && error.code !== 'rpc-error') throw error;
    nonce = undefined;
  }
  if (typeof nonce !== 'bigint' || nonce > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new LifeboatError('rpc-inconsistent', 'The Safe’s nonce could not be read.', {
      network: chain.network.id,
      what: 'Safe nonce',
    });
  }
  return Number(nonce);
}

/**
 * The canonical singleton, factory and fallback handler must hold exactly their published
 * code; otherwise a Safe created here would not be the Safe the person thinks it is.
 */
export async function assertSafeContracts(chain: SafeChain): Promise<void> {
  const contracts = [SAFE_SINGLETON, SAFE_PROXY_FACTORY, SAFE_FALLBACK_HANDLER];
  const codes = await Promise.all(contracts.map((c) => chain.code(c.address)));
  const wrong = contracts.find((c, i) => codes[i] === '0x' || keccak256(codes[i]!) !== c.codeHash);
  if (wrong) {
    throw new LifeboatError('safe-contracts-missing', undefined, {
      network: chain.network.id,
      contract: wrong.name,
      address: wrong.address,
    });
  }
}

/** The creation code of the proxies the factory deploys (an input of the CREATE2 address). */
export async function proxyCreationCode(chain: SafeChain): Promise<string> {
  const data = await chain.call({
    to: SAFE_PROXY_FACTORY.address,
    data: PROXY_FACTORY_ABI.encodeFunctionData('proxyCreationCode', []),
  });
  return PROXY_FACTORY_ABI.decodeFunctionResult('proxyCreationCode', data)[0] as string;
}

/** Refuses to go on unless the Safe computes the same transaction hash as Lifeboat did. */
export async function assertSameHash(
  chain: SafeChain,
  safe: string,
  tx: SafeTx,
  hash: string,
): Promise<void> {
  const data = await chain.call({ to: safe, data: getTransactionHashData(tx) });
  const [theirs] = SAFE_ABI.decodeFunctionResult('getTransactionHash', data) as unknown as [string];
  if (theirs.toLowerCase() !== hash.toLowerCase()) {
    throw new LifeboatError(
      'rpc-inconsistent',
      'The Safe computes another transaction hash than Lifeboat does, so nothing was signed.',
      { network: chain.network.id, what: 'Safe transaction hash' },
    );
  }
}
