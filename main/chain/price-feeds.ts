// Chainlink price feeds (USD) for the native coin and the bundled tokens of each preset
// network, reviewed by hand. Addresses are the feeds' proxy contracts as Chainlink lists them
// on docs.chain.link (Data Feeds → Price Feed Contract Addresses), read from the feed tables
// Chainlink Labs publishes in its npm package @chainlink/mcp-server 0.0.1-alpha.17. A wrapped
// coin is priced with its coin's feed, WBTC with BTC / USD and USDT0 with USDT / USD; the pair
// is shown beside every value, so a person sees which price was used.
import { getAddress } from 'ethers';

export interface PriceFeed {
  /** `native`, or the token's EIP-55 address. */
  asset: string;
  /** The feed's pair as Chainlink names it. */
  pair: string;
  /** The feed's proxy contract. */
  feed: string;
  source: string;
}

export type PriceFeedBook = Readonly<Record<number, readonly PriceFeed[]>>;

const docs = (network: string) =>
  `Chainlink Data Feeds, ${network} (docs.chain.link/data-feeds/price-feeds/addresses)`;

function feeds(
  network: string,
  entries: readonly [asset: string, pair: string, feed: string][],
): PriceFeed[] {
  return entries.map(([asset, pair, feed]) => ({
    asset: asset === 'native' ? asset : getAddress(asset),
    pair,
    feed: getAddress(feed),
    source: docs(network),
  }));
}

const ETH_MAINNET_ETH_USD = '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419';

export const PRICE_FEEDS: PriceFeedBook = {
  1: feeds('Ethereum Mainnet', [
    ['native', 'ETH / USD', ETH_MAINNET_ETH_USD],
    [
      '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
      'USDC / USD',
      '0x8fFfFfd4AfB6115b954Bd326cbe7B4BA576818f6',
    ],
    [
      '0xdAC17F958D2ee523a2206206994597C13D831ec7',
      'USDT / USD',
      '0x3E7d1eAB13ad0104d2750B8863b489D65364e32D',
    ],
    [
      '0x6B175474E89094C44Da98b954EedeAC495271d0F',
      'DAI / USD',
      '0xAed0c38402a5d19df6E4c03F4E2DceD6e29c1ee9',
    ],
    ['0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', 'ETH / USD', ETH_MAINNET_ETH_USD],
    [
      '0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599',
      'BTC / USD',
      '0xF4030086522a5bEEa4988F8cA5B36dbC97BeE88c',
    ],
  ]),
  11155111: feeds('Sepolia Testnet', [
    ['native', 'ETH / USD', '0x694AA1769357215DE4FAC081bf1f309aDC325306'],
    [
      '0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238',
      'USDC / USD',
      '0xA2F78ab2355fe2f984D808B5CeE7FD0A93D5270E',
    ],
    [
      '0xfFf9976782d46CC05630D1f6eBAb18b2324d6B14',
      'ETH / USD',
      '0x694AA1769357215DE4FAC081bf1f309aDC325306',
    ],
  ]),
  137: feeds('Polygon Mainnet', [
    ['native', 'MATIC / USD', '0xAB594600376Ec9fD91F8e885dADF0CE036862dE0'],
    [
      '0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359',
      'USDC / USD',
      '0xfE4A8cc5b5B2366C1B58Bea3858e81843581b2F7',
    ],
    [
      '0xc2132D05D31c914a87C6611C10748AEb04B58e8F',
      'USDT / USD',
      '0x0A6513e40db6EB1b165753AD52E80663aeA50545',
    ],
    [
      '0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063',
      'DAI / USD',
      '0x4746DeC9e833A82EC7C2C1356372CcF2cfcD2F3D',
    ],
    [
      '0x7ceB23fD6bC0adD59E62ac25578270cFf1b9f619',
      'ETH / USD',
      '0xF9680D99D6C9589e2a93a78A04A279e509205945',
    ],
  ]),
  42161: feeds('Arbitrum Mainnet', [
    ['native', 'ETH / USD', '0x639Fe6ab55C921f74e7fac1ee960C0B6293ba612'],
    [
      '0xaf88d065e77c8cC2239327C5EDb3A432268e5831',
      'USDC / USD',
      '0x50834F3163758fcC1Df9973b6e91f0F0F0434aD3',
    ],
    [
      '0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9',
      'USDT / USD',
      '0x3f3f5dF88dC9F13eac63DF89EC16ef6e7E25DdE7',
    ],
    [
      '0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1',
      'DAI / USD',
      '0xc5C8E77B397E531B8EC06BFb0048328B30E9eCfB',
    ],
    [
      '0x82aF49447D8a07e3bd95BD0d56f35241523fBab1',
      'ETH / USD',
      '0x639Fe6ab55C921f74e7fac1ee960C0B6293ba612',
    ],
    [
      '0x2f2a2543B76A4166549F7aaB2e75Bef0aefC5B0f',
      'BTC / USD',
      '0x6ce185860a4963106506C203335A2910413708e9',
    ],
  ]),
  10: feeds('OP Mainnet', [
    ['native', 'ETH / USD', '0x13e3Ee699D1909E989722E753853AE30b17e08c5'],
    [
      '0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85',
      'USDC / USD',
      '0x16a9FA2FDa030272Ce99B29CF780dFA30361E0f3',
    ],
    [
      '0x94b008aA00579c1307B0EF2c499aD98a8ce58e58',
      'USDT / USD',
      '0xECef79E109e997bCA29c1c0897ec9d7b03647F5E',
    ],
    [
      '0x01bFF41798a0BcF287b996046Ca68b395DbC1071',
      'USDT / USD',
      '0xECef79E109e997bCA29c1c0897ec9d7b03647F5E',
    ],
    [
      '0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1',
      'DAI / USD',
      '0x8dBa75e83DA73cc766A7e5a0ee71F656BAb470d6',
    ],
    [
      '0x4200000000000000000000000000000000000006',
      'ETH / USD',
      '0x13e3Ee699D1909E989722E753853AE30b17e08c5',
    ],
  ]),
  8453: feeds('Base Mainnet', [
    ['native', 'ETH / USD', '0x71041dddad3595F9CEd3DcCFBe3D1F4b0a16Bb70'],
    [
      '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913',
      'USDC / USD',
      '0x7e860098F58bBFC8648a4311b374B1D669a2bc6B',
    ],
    [
      '0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb',
      'DAI / USD',
      '0x591e79239a7d679378eC8c847e5038150364C78F',
    ],
    [
      '0x4200000000000000000000000000000000000006',
      'ETH / USD',
      '0x71041dddad3595F9CEd3DcCFBe3D1F4b0a16Bb70',
    ],
  ]),
  56: feeds('BNB Chain Mainnet', [
    ['native', 'BNB / USD', '0x0567F2323251f0Aab15c8dFb1967E4e8A7D42aeE'],
    [
      '0x55d398326f99059fF775485246999027B3197955',
      'USDT / USD',
      '0xB97Ad0E74fa7d920791E90258A6E2085088b4320',
    ],
    [
      '0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d',
      'USDC / USD',
      '0x51597f405303C4377E36123cBc172b13269EA163',
    ],
    [
      '0x1AF3F329e8BE154074D8769D1FFa4eE058B1DBc3',
      'DAI / USD',
      '0x132d3C0B1D2cEa0BC552588063bdBb210FDeecfA',
    ],
    [
      '0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c',
      'BNB / USD',
      '0x0567F2323251f0Aab15c8dFb1967E4e8A7D42aeE',
    ],
  ]),
  100: feeds('Gnosis Chain Mainnet', [
    ['native', 'DAI / USD', '0x678df3415fc31947dA4324eC63212874be5a82f8'],
    [
      '0xDDAfbb505ad214D7b80b1f830fcCc89B60fb7A83',
      'USDC / USD',
      '0x26C31ac71010aF62E6B486D1132E266D6298857D',
    ],
    [
      '0xe91D153E0b41518A2Ce8Dd3D7944Fa863463a97d',
      'DAI / USD',
      '0x678df3415fc31947dA4324eC63212874be5a82f8',
    ],
    [
      '0x6A023CCd1ff6F2045C3309768eAd9E68F978f6e1',
      'ETH / USD',
      '0xa767f745331D267c7751297D982b050c93985627',
    ],
  ]),
  43114: feeds('Avalanche Mainnet', [
    ['native', 'AVAX / USD', '0x0A77230d17318075983913bC2145DB16C7366156'],
    [
      '0xB97EF9Ef8734C71904D8002F8b6Bc66Dd9c48a6E',
      'USDC / USD',
      '0xF096872672F44d6EBA71458D74fe67F9a77a23B9',
    ],
    [
      '0x9702230A8Ea53601f5cD2dc00fDBc13d4dF4A8c7',
      'USDT / USD',
      '0xEBE676ee90Fe1112671f19b6B7459bC678B67e8a',
    ],
    [
      '0xB31f66AA3C1e785363F0875A1B74E27b85FD66c7',
      'AVAX / USD',
      '0x0A77230d17318075983913bC2145DB16C7366156',
    ],
  ]),
};

/** The feed for an asset of a chain, if one is known. */
export function feedFor(
  book: PriceFeedBook,
  chainId: number,
  asset: string,
): PriceFeed | undefined {
  const key = asset === 'native' ? asset : asset.toLowerCase();
  return book[chainId]?.find(
    (f) => (f.asset === 'native' ? f.asset : f.asset.toLowerCase()) === key,
  );
}
