// The gas limit of an execTransaction, worked out before the owners sign (a real estimate
// needs their signatures). The inner call's own estimate, made from the Safe, already holds
// the 21000 of a transaction; around it the Safe reads its state, hashes, checks one
// signature per owner needed (ecrecover and an owner lookup), bumps its nonce (a fresh
// storage slot costs 22100 the first time) and pays for the longer calldata. Unused gas
// costs nothing: the sender pays for the gas used, so the margin is generous.
import { ceilDiv } from '../fees';

const SAFE_OVERHEAD_GAS = 45_000n;
const PER_SIGNATURE_GAS = 9_000n;
/** Calldata of execTransaction besides the inner data and the signatures (ten words, padding). */
const FIXED_CALLDATA_BYTES = 4n + 32n * 12n;
const CALLDATA_GAS_PER_BYTE = 16n;
const MARGIN_PERCENT = 25n;

export function execGasLimit(innerGas: bigint, threshold: number, dataBytes: number): bigint {
  const calldata =
    (FIXED_CALLDATA_BYTES + BigInt(dataBytes) + 65n * BigInt(threshold) + 31n) *
    CALLDATA_GAS_PER_BYTE;
  const base = innerGas + SAFE_OVERHEAD_GAS + PER_SIGNATURE_GAS * BigInt(threshold) + calldata;
  return ceilDiv(base * (100n + MARGIN_PERCENT), 100n);
}
