// The few widely held tokens discovery looks for on each network without being told, plus the
// person's own additions. Deliberately short: every listed token is one more call per address.
import { getAddress } from 'ethers';
import { LifeboatError } from '../errors';

export interface Token {
  /** EIP-55 contract address. */
  address: string;
  symbol: string;
  decimals: number;
}

const BUNDLED: Readonly<Record<number, readonly Token[]>> = {
  1: [
    { address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', symbol: 'USDC', decimals: 6 },
    { address: '0xdAC17F958D2ee523a2206206994597C13D831ec7', symbol: 'USDT', decimals: 6 },
    { address: '0x6B175474E89094C44Da98b954EedeAC495271d0F', symbol: 'DAI', decimals: 18 },
    { address: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', symbol: 'WETH', decimals: 18 },
  ],
  11155111: [
    { address: '0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238', symbol: 'USDC', decimals: 6 },
  ],
  137: [
    { address: '0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359', symbol: 'USDC', decimals: 6 },
    { address: '0xc2132D05D31c914a87C6611C10748AEb04B58e8F', symbol: 'USDT', decimals: 6 },
  ],
  42161: [
    { address: '0xaf88d065e77c8cC2239327C5EDb3A432268e5831', symbol: 'USDC', decimals: 6 },
    { address: '0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9', symbol: 'USDT', decimals: 6 },
  ],
  10: [{ address: '0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85', symbol: 'USDC', decimals: 6 }],
  8453: [{ address: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913', symbol: 'USDC', decimals: 6 }],
  56: [
    { address: '0x55d398326f99059fF775485246999027B3197955', symbol: 'USDT', decimals: 18 },
    { address: '0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d', symbol: 'USDC', decimals: 18 },
  ],
  100: [{ address: '0xDDAfbb505ad214D7b80b1f830fcCc89B60fb7A83', symbol: 'USDC', decimals: 6 }],
  43114: [
    { address: '0xB97EF9Ef8734C71904D8002F8b6Bc66Dd9c48a6E', symbol: 'USDC', decimals: 6 },
    { address: '0x9702230A8Ea53601f5cD2dc00fDBc13d4dF4A8c7', symbol: 'USDT', decimals: 6 },
  ],
};

export function bundledTokens(chainId: number): readonly Token[] {
  return BUNDLED[chainId] ?? [];
}

/** Checks and normalises a token contract address typed by a person. */
export function tokenAddress(input: string): string {
  try {
    return getAddress(input.trim());
  } catch {
    throw new LifeboatError('invalid-address', `"${input}" is not a valid token address.`, {
      field: 'tokens',
    });
  }
}

/** The bundled list for a chain followed by the person's tokens, without duplicates. */
export function tokenList(chainId: number, extra: readonly Token[] = []): Token[] {
  const seen = new Set<string>();
  const list: Token[] = [];
  for (const token of [...bundledTokens(chainId), ...extra]) {
    const key = token.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    list.push({ ...token, address: getAddress(token.address) });
  }
  return list;
}
