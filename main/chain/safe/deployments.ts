// The canonical Safe v1.5.0 contracts, as @safe-global/safe-deployments publishes them: the
// singleton every new Safe delegates to, the proxy factory that creates it at a predictable
// address, and the fallback handler it is set up with. Their code hashes are what a network
// must hold at those addresses before Lifeboat creates a Safe there.
import {
  getCompatibilityFallbackHandlerDeployments,
  getProxyFactoryDeployments,
  getSafeSingletonDeployments,
  type DeploymentFilter,
  type SingletonDeploymentV2,
} from '@safe-global/safe-deployments';
import { Interface, type InterfaceAbi } from 'ethers';

export interface CanonicalContract {
  name: string;
  address: string;
  codeHash: string;
}

export const SAFE_VERSION = '1.5.0';

/** Read through the package's accessors (plain `require`s of its JSON, in every loader). */
function released(
  get: (filter: DeploymentFilter) => SingletonDeploymentV2 | undefined,
): SingletonDeploymentV2 & { canonical: CanonicalContract } {
  const deployment = get({ version: SAFE_VERSION, released: true });
  const canonical = deployment?.deployments.canonical;
  if (!deployment || !canonical) {
    throw new Error(`@safe-global/safe-deployments has no canonical Safe ${SAFE_VERSION}`);
  }
  return {
    ...deployment,
    canonical: { name: deployment.contractName, ...canonical },
  };
}

const singleton = released(getSafeSingletonDeployments);
const factory = released(getProxyFactoryDeployments);

export const SAFE_SINGLETON = singleton.canonical;
export const SAFE_PROXY_FACTORY = factory.canonical;
export const SAFE_FALLBACK_HANDLER = released(getCompatibilityFallbackHandlerDeployments).canonical;

export const SAFE_ABI = new Interface(singleton.abi as InterfaceAbi);
export const PROXY_FACTORY_ABI = new Interface(factory.abi as InterfaceAbi);

/**
 * The versions whose transaction hash and signature rules Lifeboat implements: since 1.3.0
 * the EIP-712 domain is {chainId, verifyingContract} and the SafeTx type has not changed.
 */
export const SIGNABLE_VERSIONS: readonly string[] = ['1.3.0', '1.4.1', '1.5.0'];
