// The widely held tokens discovery looks for on each network without being told, plus the
// person's own additions. Deliberately short: every listed token is one more read per address.
// Each entry names where its address, symbol and decimals come from; they were read from
// those lists by hand (Uniswap's default token list 22.21.0 as published on npm, Circle's
// USDC address table, CoW Protocol's token list for Gnosis).
import { getAddress } from 'ethers';
import { LifeboatError } from '../errors';

export interface Token {
  /** EIP-55 contract address. */
  address: string;
  symbol: string;
  decimals: number;
}

export interface BundledToken extends Token {
  /** The list the entry was read from. */
  source: string;
}

const UNISWAP = 'Uniswap Labs default token list 22.21.0 (npm @uniswap/default-token-list)';
const CIRCLE_TESTNET = 'Circle: USDC contract addresses, testnet table (developers.circle.com)';
const COW = 'CoW Protocol token list (github.com/cowprotocol/token-lists, CowSwap.json)';

const uniswap = (address: string, symbol: string, decimals: number): BundledToken => ({
  address,
  symbol,
  decimals,
  source: UNISWAP,
});

const BUNDLED: Readonly<Record<number, readonly BundledToken[]>> = {
  1: [
    uniswap('0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', 'USDC', 6),
    uniswap('0xdAC17F958D2ee523a2206206994597C13D831ec7', 'USDT', 6),
    uniswap('0x6B175474E89094C44Da98b954EedeAC495271d0F', 'DAI', 18),
    uniswap('0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', 'WETH', 18),
    uniswap('0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599', 'WBTC', 8),
  ],
  11155111: [
    {
      address: '0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238',
      symbol: 'USDC',
      decimals: 6,
      source: CIRCLE_TESTNET,
    },
    uniswap('0xfFf9976782d46CC05630D1f6eBAb18b2324d6B14', 'WETH', 18),
  ],
  137: [
    uniswap('0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359', 'USDC', 6),
    uniswap('0xc2132D05D31c914a87C6611C10748AEb04B58e8F', 'USDT', 6),
    uniswap('0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063', 'DAI', 18),
    uniswap('0x7ceB23fD6bC0adD59E62ac25578270cFf1b9f619', 'WETH', 18),
  ],
  42161: [
    uniswap('0xaf88d065e77c8cC2239327C5EDb3A432268e5831', 'USDC', 6),
    uniswap('0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9', 'USDT0', 6),
    uniswap('0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1', 'DAI', 18),
    uniswap('0x82aF49447D8a07e3bd95BD0d56f35241523fBab1', 'WETH', 18),
    uniswap('0x2f2a2543B76A4166549F7aaB2e75Bef0aefC5B0f', 'WBTC', 8),
  ],
  10: [
    uniswap('0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85', 'USDC', 6),
    uniswap('0x94b008aA00579c1307B0EF2c499aD98a8ce58e58', 'USDT', 6),
    uniswap('0x01bFF41798a0BcF287b996046Ca68b395DbC1071', 'USDT0', 6),
    uniswap('0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1', 'DAI', 18),
    uniswap('0x4200000000000000000000000000000000000006', 'WETH', 18),
  ],
  8453: [
    uniswap('0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913', 'USDC', 6),
    uniswap('0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb', 'DAI', 18),
    uniswap('0x4200000000000000000000000000000000000006', 'WETH', 18),
  ],
  56: [
    uniswap('0x55d398326f99059fF775485246999027B3197955', 'USDT', 18),
    uniswap('0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d', 'USDC', 18),
    uniswap('0x1AF3F329e8BE154074D8769D1FFa4eE058B1DBc3', 'DAI', 18),
    uniswap('0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c', 'WBNB', 18),
  ],
  100: [
    {
      address: '0xDDAfbb505ad214D7b80b1f830fcCc89B60fb7A83',
      symbol: 'USDC',
      decimals: 6,
      source: COW,
    },
    {
      address: '0xe91D153E0b41518A2Ce8Dd3D7944Fa863463a97d',
      symbol: 'WXDAI',
      decimals: 18,
      source: COW,
    },
    {
      address: '0x6A023CCd1ff6F2045C3309768eAd9E68F978f6e1',
      symbol: 'WETH',
      decimals: 18,
      source: COW,
    },
  ],
  43114: [
    uniswap('0xB97EF9Ef8734C71904D8002F8b6Bc66Dd9c48a6E', 'USDC', 6),
    uniswap('0x9702230A8Ea53601f5cD2dc00fDBc13d4dF4A8c7', 'USDT', 6),
    uniswap('0xB31f66AA3C1e785363F0875A1B74E27b85FD66c7', 'WAVAX', 18),
  ],
};

/** The bundled entries with their sources, as the console lists them. */
export function bundledTokenEntries(chainId: number): readonly BundledToken[] {
  return BUNDLED[chainId] ?? [];
}

export function bundledTokens(chainId: number): readonly Token[] {
  return (BUNDLED[chainId] ?? []).map(({ address, symbol, decimals }) => ({
    address,
    symbol,
    decimals,
  }));
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
