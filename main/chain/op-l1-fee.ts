// OP-stack chains charge every transaction an L1 data fee on top of gas, taken from the
// sender's balance. The GasPriceOracle predeploy computes it from the unsigned transaction
// bytes (it adds the signature's size itself).
import { Interface } from 'ethers';
import { LifeboatError } from '../errors';
import type { ChainConnection } from './connection';
import { decodeUint } from './erc20';

const GAS_PRICE_ORACLE = '0x420000000000000000000000000000000000000F';
const ORACLE = new Interface(['function getL1Fee(bytes data) view returns (uint256)']);

export async function l1DataFee(connection: ChainConnection, unsignedTx: string): Promise<bigint> {
  const answer = await connection.call({
    to: GAS_PRICE_ORACLE,
    data: ORACLE.encodeFunctionData('getL1Fee', [unsignedTx]),
  });
  const fee = decodeUint(answer);
  if (fee === undefined) {
    throw new LifeboatError(
      'rpc-inconsistent',
      `${connection.network.name} did not report its L1 data fee.`,
      { network: connection.network.id, what: 'L1 fee' },
    );
  }
  return fee;
}
