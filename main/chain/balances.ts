// Reads native balance, nonce and token balances of many addresses on one network in as few
// round trips as possible: with Multicall3 every balance rides in a few eth_calls, otherwise
// one call per balance, all in JSON-RPC batches. Nonces always need their own calls.
import { LifeboatError } from '../errors';
import type { ChainConnection } from './connection';
import { balanceOfData, decodeDecimals, decodeSymbol, decodeUint, ERC20 } from './erc20';
import {
  aggregate3Data,
  decodeAggregate3,
  ethBalanceCall,
  MULTICALL3_ADDRESS,
  MULTICALL_CHUNK,
  type SubCall,
} from './multicall';
import type { Token } from './tokens';

export interface AccountState {
  address: string;
  native: bigint;
  nonce: number;
  /** Aligned with the token list that was read. */
  tokens: bigint[];
}

export interface StatesRead {
  states: AccountState[];
  /** Tokens whose balanceOf could not be read on this network (no code, or not ERC-20). */
  unreadableTokens: string[];
}

export async function readAccountStates(
  connection: ChainConnection,
  addresses: readonly string[],
  tokens: readonly Token[],
): Promise<StatesRead> {
  const nonces = Promise.all(addresses.map((a) => connection.nonce(a)));
  const balances = connection.multicall
    ? readWithMulticall(connection, addresses, tokens)
    : readWithBatch(connection, addresses, tokens);
  const [nonceList, read] = await Promise.all([nonces, balances]);
  const unreadable = new Set<string>();
  const states = addresses.map((address, i) => {
    const row = read[i]!;
    return {
      address,
      native: row.native,
      nonce: nonceList[i]!,
      tokens: row.tokens.map((balance, t) => {
        if (balance === undefined) unreadable.add(tokens[t]!.address);
        return balance ?? 0n;
      }),
    };
  });
  return { states, unreadableTokens: [...unreadable] };
}

interface BalanceRow {
  native: bigint;
  tokens: (bigint | undefined)[];
}

async function readWithMulticall(
  connection: ChainConnection,
  addresses: readonly string[],
  tokens: readonly Token[],
): Promise<BalanceRow[]> {
  const calls: SubCall[] = addresses.flatMap((a) => [
    ethBalanceCall(a),
    ...tokens.map((t) => ({ target: t.address, callData: balanceOfData(a) })),
  ]);
  const answers = await multicall(connection, calls);
  const stride = 1 + tokens.length;
  return addresses.map((_, i) => {
    const native = decodeUint(answers[i * stride] ?? '');
    if (native === undefined) {
      throw new LifeboatError('rpc-inconsistent', 'Multicall3 returned an invalid balance.', {
        network: connection.network.id,
        what: 'balance',
      });
    }
    return {
      native,
      tokens: tokens.map((_, t) => decodeUint(answers[i * stride + 1 + t] ?? '')),
    };
  });
}

/** Runs sub-calls through Multicall3 in chunks, all chunks in one JSON-RPC batch. */
async function multicall(
  connection: ChainConnection,
  calls: readonly SubCall[],
): Promise<(string | undefined)[]> {
  const chunks: SubCall[][] = [];
  for (let i = 0; i < calls.length; i += MULTICALL_CHUNK) {
    chunks.push(calls.slice(i, i + MULTICALL_CHUNK));
  }
  const results = await Promise.all(
    chunks.map(async (chunk) => {
      const data = await connection.call({ to: MULTICALL3_ADDRESS, data: aggregate3Data(chunk) });
      const decoded = decodeAggregate3(data, chunk.length);
      if (!decoded) {
        throw new LifeboatError('rpc-inconsistent', 'Multicall3 returned an unreadable answer.', {
          network: connection.network.id,
          what: 'multicall result',
        });
      }
      return decoded;
    }),
  );
  return results.flat();
}

async function readWithBatch(
  connection: ChainConnection,
  addresses: readonly string[],
  tokens: readonly Token[],
): Promise<BalanceRow[]> {
  return Promise.all(
    addresses.map(async (address) => {
      const [native, ...tokenBalances] = await Promise.all([
        connection.balance(address),
        ...tokens.map((t) => tokenCall(connection, t.address, balanceOfData(address))),
      ]);
      return {
        native: native as bigint,
        tokens: (tokenBalances as (string | undefined)[]).map((d) =>
          d === undefined ? undefined : decodeUint(d),
        ),
      };
    }),
  );
}

/** A read call to a token; a revert means "not readable here", not a broken server. */
async function tokenCall(
  connection: ChainConnection,
  to: string,
  data: string,
): Promise<string | undefined> {
  try {
    return await connection.call({ to, data });
  } catch (error) {
    if (error instanceof LifeboatError && error.code === 'rpc-error') return undefined;
    throw error;
  }
}

export interface TokensRead {
  tokens: Token[];
  /** Addresses that do not answer like an ERC-20 token on this network. */
  notTokens: string[];
}

/** Reads symbol and decimals of tokens the person added by address. */
export async function readTokenInfo(
  connection: ChainConnection,
  addresses: readonly string[],
): Promise<TokensRead> {
  const symbolData = ERC20.encodeFunctionData('symbol');
  const decimalsData = ERC20.encodeFunctionData('decimals');
  let answers: (string | undefined)[];
  if (connection.multicall) {
    answers = await multicall(
      connection,
      addresses.flatMap((a) => [
        { target: a, callData: symbolData },
        { target: a, callData: decimalsData },
      ]),
    );
  } else {
    answers = await Promise.all(
      addresses.flatMap((a) => [
        tokenCall(connection, a, symbolData),
        tokenCall(connection, a, decimalsData),
      ]),
    );
  }
  const tokens: Token[] = [];
  const notTokens: string[] = [];
  addresses.forEach((address, i) => {
    const decimals = decodeDecimals(answers[2 * i + 1] ?? '');
    if (decimals === undefined) {
      notTokens.push(address);
      return;
    }
    tokens.push({ address, symbol: decodeSymbol(answers[2 * i] ?? '0x', address), decimals });
  });
  return { tokens, notTokens };
}

/** One asset of one account, read again: what a finished sweep really left behind. */
export async function readAssetBalance(
  connection: Pick<ChainConnection, 'network' | 'balance' | 'call'>,
  asset: { account: string; asset: string },
): Promise<bigint> {
  if (asset.asset === 'native') return connection.balance(asset.account);
  const balance = decodeUint(
    await connection.call({ to: asset.asset, data: balanceOfData(asset.account) }),
  );
  if (balance === undefined) {
    throw new LifeboatError('rpc-inconsistent', 'A token balance could not be read back.', {
      network: connection.network.id,
      what: 'token balance',
    });
  }
  return balance;
}
