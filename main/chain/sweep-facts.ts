// Reads, for one network, everything the pure planner needs: one fee quote, the
// destination's code, balance and nonce, each source's balances, and gas estimates (plus
// the OP-stack L1 data fee) for every transfer the plan may contain. Three round trips at
// most: states, estimates, L1 fees.
import type { AccountView } from '../../preload/api';
import { isLifeboatError } from '../errors';
import { readAccountStates } from './balances';
import type { ChainConnection } from './connection';
import { classifyCode } from './destination';
import { transferData } from './erc20';
import { quoteFee } from './fees';
import { l1DataFee } from './op-l1-fee';
import { PLAIN_TRANSFER_GAS, type NetworkFacts, type SourceFacts } from './sweep-plan';
import { buildTransaction } from './evm/transaction';
import type { Token } from './tokens';

export interface FactsRequest {
  connection: ChainConnection;
  destination: { address: string; canSign: boolean };
  sources: readonly AccountView[];
  tokens: readonly Token[];
}

export async function gatherFacts(request: FactsRequest): Promise<NetworkFacts> {
  const { connection, destination, sources, tokens } = request;
  const { network } = connection;
  const [fee, destinationCode, destinationState, read, sourceCodes] = await Promise.all([
    quoteFee(connection),
    connection.code(destination.address),
    readAccountStates(connection, [destination.address], []),
    readAccountStates(
      connection,
      sources.map((s) => s.address),
      tokens,
    ),
    Promise.all(sources.map((s) => connection.code(s.address))),
  ]);
  const kind = classifyCode(destinationCode);
  const measured = network.feeModel === 'arbitrum';

  const estimates = await Promise.all(
    sources.map(async (account, i) => {
      const state = read.states[i]!;
      const held = tokens
        .map((token, t) => ({ token, balance: state.tokens[t] ?? 0n }))
        .filter((h) => h.balance > 0n);
      const tokenGas = held.map((h) =>
        estimateOrUndefined(connection, {
          from: account.address,
          to: h.token.address,
          data: transferData(destination.address, h.balance),
        }),
      );
      const nativeGas =
        kind.kind === 'eoa' && !measured
          ? Promise.resolve(PLAIN_TRANSFER_GAS)
          : estimateOrUndefined(connection, {
              from: account.address,
              to: destination.address,
              // A value the account can afford; what the receiving code spends does not
              // depend on it for ordinary wallets and contracts.
              value: state.native / 2n,
            });
      const topUpGas =
        sourceCodes[i] === '0x' && !measured
          ? Promise.resolve(PLAIN_TRANSFER_GAS)
          : estimateOrUndefined(connection, {
              from: destination.address,
              to: account.address,
              value: 1n,
            });
      const [nativeGasEstimate, topUpGasEstimate, ...tokenEstimates] = await Promise.all([
        nativeGas,
        topUpGas,
        ...tokenGas,
      ]);
      return { account, state, held, nativeGasEstimate, topUpGasEstimate, tokenEstimates };
    }),
  );

  const l1 = (to: string, value: bigint, data: string, gasLimit: bigint, nonce: number) =>
    network.feeModel === 'op-stack'
      ? l1DataFee(
          connection,
          buildTransaction({
            chainId: network.chainId,
            feeModel: network.feeModel,
            nonce,
            gasLimit,
            maxFeePerGas: fee.maxFeePerGas,
            to,
            value,
            data,
          }).unsignedSerialized,
        )
      : Promise.resolve(0n);

  const sourceFacts: SourceFacts[] = await Promise.all(
    estimates.map(async (e) => {
      const movable = e.held.flatMap((h, t) => {
        const gas = e.tokenEstimates[t];
        return gas === undefined ? [] : [{ ...h, gasEstimate: gas }];
      });
      const refused = e.held.filter((_, t) => e.tokenEstimates[t] === undefined);
      const nativeGas = e.nativeGasEstimate;
      const topUpGas = e.topUpGasEstimate ?? PLAIN_TRANSFER_GAS;
      const [nativeL1Fee, topUpL1Fee, ...tokenL1Fees] = await Promise.all([
        l1(
          destination.address,
          e.state.native,
          '0x',
          nativeGas ?? PLAIN_TRANSFER_GAS,
          e.state.nonce,
        ),
        l1(e.account.address, e.state.native, '0x', topUpGas, destinationState.states[0]!.nonce),
        ...movable.map((h, t) =>
          l1(
            h.token.address,
            0n,
            transferData(destination.address, h.balance),
            h.gasEstimate,
            e.state.nonce + t,
          ),
        ),
      ]);
      return {
        account: e.account,
        native: e.state.native,
        nonce: e.state.nonce,
        tokens: movable.map((h, t) => ({ ...h, l1Fee: tokenL1Fees[t] ?? 0n })),
        refusedTokens: refused,
        nativeGasEstimate: nativeGas,
        nativeL1Fee,
        topUpGasEstimate: topUpGas,
        topUpL1Fee,
      };
    }),
  );

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
    destination: {
      address: destination.address,
      kind: kind.kind,
      ...(kind.delegate === undefined ? {} : { delegate: kind.delegate }),
      native: destinationState.states[0]!.native,
      nonce: destinationState.states[0]!.nonce,
      canSign: destination.canSign,
    },
    sources: sourceFacts,
  };
}

/** A gas estimate, or undefined when the call would revert (the transfer is refused). */
export async function estimateOrUndefined(
  connection: ChainConnection,
  request: Parameters<ChainConnection['estimateGas']>[0],
): Promise<bigint | undefined> {
  try {
    return await connection.estimateGas(request);
  } catch (error) {
    if (isLifeboatError(error, 'rpc-error')) return undefined;
    throw error;
  }
}
