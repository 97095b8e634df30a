// The real Safe v1.5.0 contracts on a local test node: the runtime bytecode of the audited
// build (@safe-global/safe-smart-account 1.5.0's Hardhat artifacts, a dev dependency) put at
// the canonical addresses with hardhat_setCode, exactly as they are deployed on public chains.
import { createRequire } from 'node:module';
import { Interface, hexlify, randomBytes, type InterfaceAbi } from 'ethers';
import {
  SAFE_FALLBACK_HANDLER,
  SAFE_PROXY_FACTORY,
  SAFE_SINGLETON,
} from '../../main/chain/safe/deployments';
import {
  checkedSetup,
  createProxyData,
  predictSafeAddress,
  setupData,
} from '../../main/chain/safe/safe-create';
import type { EvmNode } from './evm-node';

const require = createRequire(import.meta.url);
const ARTIFACTS = '@safe-global/safe-smart-account/build/artifacts/contracts';

interface HardhatArtifact {
  abi: InterfaceAbi;
  bytecode: string;
  deployedBytecode: string;
}

function artifact(file: string): HardhatArtifact {
  return require(`${ARTIFACTS}/${file}`) as HardhatArtifact;
}

export const SAFE_ARTIFACT = artifact('Safe.sol/Safe.json');
export const PROXY_FACTORY_ARTIFACT = artifact(
  'proxies/SafeProxyFactory.sol/SafeProxyFactory.json',
);
export const FALLBACK_HANDLER_ARTIFACT = artifact(
  'handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json',
);
export const SAFE_PROXY_ARTIFACT = artifact('proxies/SafeProxy.sol/SafeProxy.json');

/** The Safe's own ABI, from the audited build rather than from Lifeboat's copy. */
export const SAFE_CONTRACT = new Interface(SAFE_ARTIFACT.abi);

export async function installSafeContracts(node: EvmNode): Promise<void> {
  await node.setCode(SAFE_SINGLETON.address, SAFE_ARTIFACT.deployedBytecode);
  await node.setCode(SAFE_PROXY_FACTORY.address, PROXY_FACTORY_ARTIFACT.deployedBytecode);
  await node.setCode(SAFE_FALLBACK_HANDLER.address, FALLBACK_HANDLER_ARTIFACT.deployedBytecode);
}

/** A view function of a Safe, read through the audited ABI. */
export async function readSafeContract<T>(
  node: EvmNode,
  safe: string,
  fn: string,
  args: unknown[] = [],
): Promise<T> {
  const raw = await node.request<string>('eth_call', [
    { to: safe, data: SAFE_CONTRACT.encodeFunctionData(fn, args) },
    'latest',
  ]);
  return SAFE_CONTRACT.decodeFunctionResult(fn, raw)[0] as T;
}

/**
 * A new Safe with these owners and threshold, deployed through the canonical factory from a
 * node account (the contracts must be installed); returns its address.
 */
export async function deploySafe(
  node: EvmNode,
  owners: readonly string[],
  threshold: number,
): Promise<string> {
  const initializer = setupData(checkedSetup({ owners: [...owners], threshold }));
  const saltNonce = BigInt(hexlify(randomBytes(8)));
  const factory = new Interface(PROXY_FACTORY_ARTIFACT.abi);
  const code = await node.request<string>('eth_call', [
    {
      to: SAFE_PROXY_FACTORY.address,
      data: factory.encodeFunctionData('proxyCreationCode', []),
    },
    'latest',
  ]);
  const address = predictSafeAddress({
    initializer,
    saltNonce,
    proxyCreationCode: factory.decodeFunctionResult('proxyCreationCode', code)[0] as string,
  });
  await node.send({
    to: SAFE_PROXY_FACTORY.address,
    data: createProxyData(initializer, saltNonce),
  });
  if ((await node.request<string>('eth_getCode', [address, 'latest'])) === '0x') {
    throw new Error(`No Safe was deployed at ${address}.`);
  }
  return address;
}
