// The canonical Safe v1.5.0 contracts, as @safe-global/safe-deployments publishes them: the
// singleton every new Safe delegates to, the proxy factory that creates it at a predictable
// address, and the fallback handler it is set up with. Their code hashes are what a network
// must hold at those addresses before Lifeboat creates a Safe there.
import { Interface, type InterfaceAbi } from 'ethers';
import fallbackHandlerJson from '@safe-global/safe-deployments/dist/assets/v1.5.0/compatibility_fallback_handler.json';
import factoryJson from '@safe-global/safe-deployments/dist/assets/v1.5.0/safe_proxy_factory.json';
import safeJson from '@safe-global/safe-deployments/dist/assets/v1.5.0/safe.json';

export interface CanonicalContract {
  name: string;
  address: string;
  codeHash: string;
}

interface DeploymentJson {
  contractName: string;
  deployments: { canonical: { address: string; codeHash: string } };
  abi: unknown;
}

function canonical(json: DeploymentJson): CanonicalContract {
  return {
    name: json.contractName,
    address: json.deployments.canonical.address,
    codeHash: json.deployments.canonical.codeHash,
  };
}

export const SAFE_VERSION = '1.5.0';
export const SAFE_SINGLETON = canonical(safeJson);
export const SAFE_PROXY_FACTORY = canonical(factoryJson);
export const SAFE_FALLBACK_HANDLER = canonical(fallbackHandlerJson);

export const SAFE_ABI = new Interface(safeJson.abi as InterfaceAbi);
export const PROXY_FACTORY_ABI = new Interface(factoryJson.abi as InterfaceAbi);

/**
 * The versions whose transaction hash and signature rules Lifeboat implements: since 1.3.0
 * the EIP-712 domain is {chainId, verifyingContract} and the SafeTx type has not changed.
 */
export const SIGNABLE_VERSIONS: readonly string[] = ['1.3.0', '1.4.1', '1.5.0'];
