// Reads what the Safe sweep planner needs, in two round trips: the fee quote, the Safe, its
// balances, the destination's code and the executor's balance and nonce; then a gas estimate
// of every transfer as the Safe itself would make it.
import type { AccountView } from '../../../preload/api';
import { readAccountStates } from '../balances';
import type { ChainConnection } from '../connection';
import { classifyCode } from '../destination';
import { transferData } from '../erc20';
import { quoteFee } from '../fees';
import { estimateOrUndefined } from '../sweep-facts';
import type { Token } from '../tokens';
import { readSafe } from './safe-reader';
import type { SafeSweepFacts } from './safe-sweep-plan';

export async function gatherSafeSweepFacts(request: {
  connection: ChainConnection;
  safe: string;
  destination: string;
  executor: AccountView;
  tokens: readonly Token[];
}): Promise<SafeSweepFacts> {
  const { connection, destination, executor, tokens } = request;
  const { network } = connection;
  const [fee, safe, destinationCode, held, payer] = await Promise.all([
    quoteFee(connection),
    readSafe(connection, request.safe),
    connection.code(destination),
    readAccountStates(connection, [request.safe], tokens),
    readAccountStates(connection, [executor.address], []),
  ]);
  const state = held.states[0]!;
  const holdings = tokens
    .map((token, t) => ({ token, balance: state.tokens[t] ?? 0n }))
    .filter((h) => h.balance > 0n);
  const [nativeGasEstimate, ...tokenGas] = await Promise.all([
    state.native > 0n
      ? estimateOrUndefined(connection, {
          from: safe.address,
          to: destination,
          value: state.native,
        })
      : Promise.resolve(undefined),
    ...holdings.map((h) =>
      estimateOrUndefined(connection, {
        from: safe.address,
        to: h.token.address,
        data: transferData(destination, h.balance),
      }),
    ),
  ]);
  const kind = classifyCode(destinationCode);
  return {
    network: {
      id: network.id,
      name: network.name,
      chainId: network.chainId,
      nativeSymbol: network.nativeSymbol,
      decimals: network.decimals,
      feeModel: network.feeModel,
      ...(network.explorer === undefined ? {} : { explorer: network.explorer }),
    },
    fee,
    safe,
    native: state.native,
    nativeGasEstimate,
    tokens: holdings.map((h, t) => ({ ...h, gasEstimate: tokenGas[t] })),
    destination: {
      address: destination,
      kind: kind.kind,
      ...(kind.delegate === undefined ? {} : { delegate: kind.delegate }),
    },
    executor: { account: executor, native: payer.states[0]!.native, nonce: payer.states[0]!.nonce },
  };
}
