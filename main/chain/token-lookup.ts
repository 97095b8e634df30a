// A token the person adds by address: what the chain says it is. An address without code is
// refused outright (a typo, or a token of another network), and so is code that does not
// answer `decimals()` like an ERC-20 token; otherwise symbol and decimals come from the chain.
import { LifeboatError } from '../errors';
import { readTokenInfo } from './balances';
import { ChainConnection } from './connection';
import type { Network } from './networks';
import { tokenAddress, type Token } from './tokens';

export async function lookUpToken(network: Network, address: string): Promise<Token> {
  const checked = tokenAddress(address);
  const connection = await ChainConnection.open(network);
  try {
    const [code, read] = await Promise.all([
      connection.code(checked),
      readTokenInfo(connection, [checked]),
    ]);
    if (code === '0x') {
      throw new LifeboatError(
        'not-a-token',
        `There is no contract at ${checked} on ${network.name}.`,
        { field: 'address', reason: 'no-code', network: network.id },
      );
    }
    const [token] = read.tokens;
    if (!token) {
      throw new LifeboatError(
        'not-a-token',
        `The contract at ${checked} on ${network.name} does not answer like an ERC-20 token.`,
        { field: 'address', reason: 'not-erc20', network: network.id },
      );
    }
    return token;
  } finally {
    connection.close();
  }
}
