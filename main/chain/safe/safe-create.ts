// A new Safe, before it exists: its setup call (owners, threshold, the canonical fallback
// handler; no modules, no payment), the factory call that deploys it, and the address the
// factory will give it. CREATE2 makes that address a pure function of the factory, the
// salt (the setup call's hash and a salt nonce) and the proxy's creation code with the
// singleton appended, so it can be shown and confirmed before anything is sent.
import {
  AbiCoder,
  ZeroAddress,
  concat,
  getAddress,
  getCreate2Address,
  keccak256,
  solidityPackedKeccak256,
} from 'ethers';
import { LifeboatError } from '../../errors';
import {
  PROXY_FACTORY_ABI,
  SAFE_ABI,
  SAFE_FALLBACK_HANDLER,
  SAFE_PROXY_FACTORY,
  SAFE_SINGLETON,
} from './deployments';
import { SENTINEL_OWNERS, assertThreshold } from './owners';

export interface SafeSetup {
  owners: string[];
  threshold: number;
}

/** The owners as the Safe will list them, checked the way its setup checks them. */
export function checkedSetup(setup: SafeSetup): SafeSetup {
  const owners = setup.owners.map((owner) => {
    try {
      return getAddress(owner);
    } catch {
      throw new LifeboatError('invalid-address', undefined, { field: 'owners', address: owner });
    }
  });
  if (owners.length === 0) {
    throw new LifeboatError('invalid-input', 'A Safe needs at least one owner.', {
      field: 'owners',
    });
  }
  const seen = new Set<string>();
  for (const owner of owners) {
    if (owner === ZeroAddress || owner === SENTINEL_OWNERS) {
      throw new LifeboatError('invalid-address', `${owner} cannot own a Safe.`, {
        field: 'owners',
        address: owner,
      });
    }
    if (seen.has(owner)) {
      throw new LifeboatError('duplicate-owner', undefined, { address: owner });
    }
    seen.add(owner);
  }
  assertThreshold(setup.threshold, owners.length);
  return { owners, threshold: setup.threshold };
}

/** Safe.setup with the canonical fallback handler, no module call and no payment. */
export function setupData(setup: SafeSetup): string {
  return SAFE_ABI.encodeFunctionData('setup', [
    setup.owners,
    setup.threshold,
    ZeroAddress,
    '0x',
    SAFE_FALLBACK_HANDLER.address,
    ZeroAddress,
    0n,
    ZeroAddress,
  ]);
}

/** SafeProxyFactory.createProxyWithNonce(singleton, initializer, saltNonce). */
export function createProxyData(initializer: string, saltNonce: bigint): string {
  return PROXY_FACTORY_ABI.encodeFunctionData('createProxyWithNonce', [
    SAFE_SINGLETON.address,
    initializer,
    saltNonce,
  ]);
}

/**
 * Where the factory will deploy the Safe: CREATE2 from the factory, with salt
 * keccak256(keccak256(initializer) ‖ saltNonce) and init code = the proxy's creation code
 * followed by the singleton address as a 32-byte word.
 */
export function predictSafeAddress(request: {
  initializer: string;
  saltNonce: bigint;
  proxyCreationCode: string;
}): string {
  const salt = solidityPackedKeccak256(
    ['bytes32', 'uint256'],
    [keccak256(request.initializer), request.saltNonce],
  );
  const initCode = concat([
    request.proxyCreationCode,
    AbiCoder.defaultAbiCoder().encode(['address'], [SAFE_SINGLETON.address]),
  ]);
  return getCreate2Address(SAFE_PROXY_FACTORY.address, salt, keccak256(initCode));
}
