// Public RPC endpoints Lifeboat can offer for each preset network, reviewed by hand. Each is
// documented as public by its own provider: the chain's documentation for the chain's own
// endpoint, or chainlist's source (DefiLlama/chainlist, constants/extraRpcs.js, read at
// commit 0962062) where providers list their endpoints with their logging statement. Only
// entries there marked `tracking: "none"` were taken from it. Nothing here is contacted until
// the person ticks it.
import type { PublicEndpoint } from '../../preload/api';

const CHAINLIST = 'chainlist: DefiLlama/chainlist constants/extraRpcs.js';

/** The provider says it keeps no logs that link requests to people (chainlist's "none"). */
const publicNode = (url: string): PublicEndpoint => ({
  provider: 'PublicNode (Allnodes)',
  url,
  source: `${CHAINLIST}, tracking "none"`,
  tracking: 'none',
});

const oneRpc = (url: string): PublicEndpoint => ({
  provider: '1RPC (Automata)',
  url,
  source: `${CHAINLIST}, tracking "none"`,
  tracking: 'none',
});

const dRpc = (url: string): PublicEndpoint => ({
  provider: 'dRPC',
  url,
  source: `${CHAINLIST}, tracking "none"`,
  tracking: 'none',
});

/** A chain's own endpoint, from the chain's documentation; it states nothing about logging. */
const official = (provider: string, url: string, docs: string): PublicEndpoint => ({
  provider,
  url,
  source: docs,
  tracking: 'unstated',
});

export const PUBLIC_ENDPOINTS: Readonly<Record<string, readonly PublicEndpoint[]>> = {
  ethereum: [
    publicNode('https://ethereum-rpc.publicnode.com'),
    dRpc('https://eth.drpc.org'),
    oneRpc('https://public.1rpc.io/eth'),
  ],
  sepolia: [
    publicNode('https://ethereum-sepolia-rpc.publicnode.com'),
    oneRpc('https://public.1rpc.io/sepolia'),
  ],
  polygon: [
    official('Polygon', 'https://polygon-rpc.com', `${CHAINLIST} (Polygon's own endpoint)`),
    publicNode('https://polygon-bor-rpc.publicnode.com'),
    dRpc('https://polygon.drpc.org'),
  ],
  arbitrum: [
    official(
      'Arbitrum (Offchain Labs)',
      'https://arb1.arbitrum.io/rpc',
      'docs.arbitrum.io: RPC endpoints and providers',
    ),
    publicNode('https://arbitrum-one-rpc.publicnode.com'),
    dRpc('https://arbitrum.drpc.org'),
  ],
  optimism: [
    official('Optimism', 'https://mainnet.optimism.io', `${CHAINLIST} (OP Mainnet's own endpoint)`),
    publicNode('https://optimism-rpc.publicnode.com'),
    dRpc('https://optimism.drpc.org'),
  ],
  base: [
    official('Base', 'https://mainnet.base.org', `${CHAINLIST} (Base's own endpoint)`),
    publicNode('https://base-rpc.publicnode.com'),
    dRpc('https://base.drpc.org'),
  ],
  bnb: [
    official(
      'BNB Chain',
      'https://bsc-dataseed.bnbchain.org',
      'docs.bnbchain.org: BNB Smart Chain JSON-RPC endpoints',
    ),
    publicNode('https://bsc-rpc.publicnode.com'),
    dRpc('https://bsc.drpc.org'),
  ],
  gnosis: [
    official(
      'Gnosis',
      'https://rpc.gnosischain.com',
      'docs.gnosischain.com: RPC providers (free starter RPC)',
    ),
    publicNode('https://gnosis-rpc.publicnode.com'),
    dRpc('https://gnosis.drpc.org'),
  ],
  avalanche: [
    official(
      'Avalanche (Ava Labs)',
      'https://api.avax.network/ext/bc/C/rpc',
      'build.avax.network: C-Chain RPC (public API node)',
    ),
    publicNode('https://avalanche-c-chain-rpc.publicnode.com'),
    dRpc('https://avalanche.drpc.org'),
  ],
};

export function publicEndpoints(networkId: string): readonly PublicEndpoint[] {
  return PUBLIC_ENDPOINTS[networkId] ?? [];
}
