// One transaction that is not part of a case (creating a Safe, executing one Safe
// transaction): signed, checked to come from the planned account, sent, and waited for. A
// refusal says why in the person's terms; a reverted transaction is `tx-reverted`.
import { LifeboatError, isLifeboatError } from '../../errors';
import type { ChainConnection } from '../connection';
import type { Receipt } from '../rpc-values';
import { signTransaction, type TxSigner } from '../signer';
import { classifyBroadcastRefusal } from './broadcast-errors';
import { buildTransaction, type TxFields } from './transaction';

export interface SendOptions {
  pollMs?: number;
  /** How long to wait for inclusion before answering `tx-pending`. */
  timeoutMs?: number;
}

export async function sendOnce(
  connection: Pick<ChainConnection, 'network' | 'sendRaw' | 'receipt'>,
  fields: TxFields,
  signer: TxSigner,
  options: SendOptions = {},
): Promise<Receipt> {
  const signed = await signTransaction(buildTransaction(fields), signer);
  const network = connection.network.id;
  try {
    await connection.sendRaw(signed.raw);
  } catch (error) {
    if (!isLifeboatError(error, 'rpc-error')) throw error;
    const refusal = classifyBroadcastRefusal(error.message);
    if (refusal !== 'known') {
      throw new LifeboatError(
        refusal === 'nonce-used'
          ? 'plan-stale'
          : refusal === 'insufficient-funds'
            ? 'insufficient-gas'
            : 'tx-rejected',
        undefined,
        { network },
        { cause: error },
      );
    }
  }
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const receipt = await connection.receipt(signed.hash);
    if (receipt) {
      if (receipt.status === 'reverted') {
        throw new LifeboatError('tx-reverted', undefined, { network, txHash: signed.hash });
      }
      return receipt;
    }
    if (Date.now() > deadline) {
      throw new LifeboatError('tx-pending', undefined, { network, txHash: signed.hash });
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}
