// Multicall3 (deployed at the same address on most EVM chains): many read calls in one
// eth_call. Used where its address has code; discovery falls back to plain batches elsewhere.
import { Interface } from 'ethers';

export const MULTICALL3_ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11';

const MULTICALL3 = new Interface([
  'function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable returns ((bool success, bytes returnData)[] returnData)',
  'function getEthBalance(address addr) view returns (uint256 balance)',
]);

export interface SubCall {
  target: string;
  callData: string;
}

/** Sub-calls per eth_call: keeps each call well under common RPC gas and size limits. */
export const MULTICALL_CHUNK = 300;

export function aggregate3Data(calls: readonly SubCall[]): string {
  return MULTICALL3.encodeFunctionData('aggregate3', [
    calls.map((c) => ({ target: c.target, allowFailure: true, callData: c.callData })),
  ]);
}

/** Each sub-call's return data, or undefined where that sub-call failed. */
export function decodeAggregate3(
  data: string,
  expected: number,
): (string | undefined)[] | undefined {
  try {
    const [results] = MULTICALL3.decodeFunctionResult('aggregate3', data) as unknown as [
      { success: boolean; returnData: string }[],
    ];
    if (results.length !== expected) return undefined;
    return results.map((r) => (r.success ? r.returnData : undefined));
  } catch {
    return undefined;
  }
}

export function ethBalanceCall(account: string): SubCall {
  return {
    target: MULTICALL3_ADDRESS,
    callData: MULTICALL3.encodeFunctionData('getEthBalance', [account]),
  };
}
