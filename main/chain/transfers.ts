// One payment from a discovered account (window.lifeboat.transfers: the "send a small amount
// with the card" of a restore). Planned with one fee quote, kept in main behind a planId,
// and signed only on an explicit confirmation; the signed transaction never leaves main
// except to the network.
import { randomUUID } from 'node:crypto';
import { getAddress } from 'ethers';
import type {
  DiscoveryResult,
  TransferPlan,
  TransferReceipt,
  TransferRequest,
} from '../../preload/api';
import { ChainConnection } from './connection';
import { classifyBroadcastRefusal } from './evm/broadcast-errors';
import { assertRecipient, classifyCode } from './destination';
import { balanceOfData, decodeUint, transferData } from './erc20';
import { assertUnderCap, quoteFee } from './fees';
import type { Network } from './networks';
import { explorerTxUrl } from './networks';
import { l1DataFee } from './op-l1-fee';
import { signTransaction, type TxSigner } from './signer';
import { PLAIN_TRANSFER_GAS } from './sweep-plan';
import { buildTransaction, type TxFields } from './evm/transaction';
import { LifeboatError, isLifeboatError } from '../errors';

export interface TransferDeps {
  /** The enabled network with this id, with the person's RPC URLs. */
  network(networkId: string): Network;
  /** What a discovery found, by id (the transfer's source and the account's path). */
  discovery(discoveryId: string): DiscoveryResult;
  signer(discovery: DiscoveryResult, account: { address: string; path: string }): Promise<TxSigner>;
  /** The person's fee cap per gas, if any. */
  feeCap(): bigint | undefined;
  pollMs?: number;
  /** How long `send` waits for inclusion before answering `tx-pending`. */
  inclusionTimeoutMs?: number;
}

interface StoredTransfer {
  view: TransferPlan;
  discoveryId: string;
  path: string;
  fields: TxFields;
  expiresAt: number;
}

/** A plan is a fee quote: after this long it is stale and must be made again. */
const PLAN_TTL_MS = 5 * 60_000;
const PLAN_LIMIT = 100;

function checked(address: string, field: string): string {
  try {
    return getAddress(address);
  } catch {
    throw new LifeboatError('invalid-address', undefined, { field });
  }
}

export class Transfers {
  private readonly plans = new Map<string, StoredTransfer>();

  constructor(private readonly deps: TransferDeps) {}

  async plan(request: TransferRequest): Promise<TransferPlan> {
    this.forgetExpired();
    const discovery = this.deps.discovery(request.discoveryId);
    const from = checked(request.from, 'from');
    const to = checked(request.to, 'to');
    assertRecipient(to, [from], 'to');
    const account = discovery.accounts.find((a) => a.address === from);
    if (!account) {
      throw new LifeboatError('not-found', 'That account was not found by this discovery.', {
        field: 'from',
      });
    }
    const asset = account.balances
      .find((b) => b.networkId === request.networkId)
      ?.assets.find((a) => a.asset.toLowerCase() === request.asset.toLowerCase());
    if (!asset) {
      throw new LifeboatError('invalid-input', 'This account holds nothing of that asset there.', {
        field: 'asset',
      });
    }
    const max = request.amount === 'max';
    const asked = max ? undefined : BigInt(request.amount);
    if (asked === 0n) {
      throw new LifeboatError('invalid-input', 'The amount must be more than zero.', {
        field: 'amount',
      });
    }
    const network = this.deps.network(request.networkId);
    const connection = await ChainConnection.open(network);
    try {
      const native = asset.asset === 'native';
      const [quote, nonce, balance, code, tokenBalance] = await Promise.all([
        quoteFee(connection),
        connection.nonce(from),
        connection.balance(from),
        connection.code(to),
        native
          ? Promise.resolve(undefined)
          : connection.call({ to: asset.asset, data: balanceOfData(from) }).then(decodeUint),
      ]);
      const cap = this.deps.feeCap();
      if (cap !== undefined) assertUnderCap(quote.maxFeePerGas, cap, network.id);
      // "Max" moves all of a token, or all of the coin less the fee. The fee is found with the
      // whole balance as the value: no smaller value needs more gas or more L1 data.
      const held = native ? balance : (tokenBalance ?? 0n);
      const provisional = asked ?? held;
      const callFor = (value: bigint) =>
        native
          ? { from, to, value, data: '0x' }
          : { from, to: asset.asset, value: 0n, data: transferData(to, value) };
      const gasLimit =
        native && classifyCode(code).kind === 'eoa'
          ? PLAIN_TRANSFER_GAS
          : await connection.estimateGas(callFor(provisional));
      const fieldsFor = (value: bigint): TxFields => ({
        chainId: network.chainId,
        feeModel: network.feeModel,
        nonce,
        gasLimit,
        maxFeePerGas: quote.maxFeePerGas,
        ...callFor(value),
      });
      const l1Fee =
        network.feeModel === 'op-stack'
          ? await l1DataFee(connection, buildTransaction(fieldsFor(provisional)).unsignedSerialized)
          : undefined;
      const maxCost = gasLimit * quote.maxFeePerGas + (l1Fee ?? 0n);
      const amount = asked ?? (native ? held - maxCost : held);
      if (max && amount <= 0n) {
        throw native
          ? new LifeboatError('insufficient-gas', undefined, { network: network.id })
          : new LifeboatError('invalid-input', 'This account holds none of it now.', {
              field: 'amount',
            });
      }
      const fields = fieldsFor(amount);
      if (held < amount) {
        throw new LifeboatError('invalid-input', 'That is more than this account holds.', {
          field: 'amount',
        });
      }
      if (balance < maxCost + (native ? amount : 0n)) {
        throw new LifeboatError('insufficient-gas', undefined, { network: network.id });
      }
      const view: TransferPlan = {
        planId: randomUUID(),
        networkId: network.id,
        from,
        to,
        asset: asset.asset,
        symbol: asset.symbol,
        decimals: asset.decimals,
        amount: amount.toString(),
        fee: {
          maxFeePerGas: quote.maxFeePerGas.toString(),
          maxPriorityFeePerGas: quote.maxPriorityFeePerGas.toString(),
          gasLimit: gasLimit.toString(),
          maxCost: maxCost.toString(),
          ...(l1Fee === undefined ? {} : { l1Fee: l1Fee.toString() }),
        },
      };
      if (this.plans.size >= PLAN_LIMIT) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(view.planId, {
        view,
        discoveryId: request.discoveryId,
        path: account.path,
        fields,
        expiresAt: Date.now() + PLAN_TTL_MS,
      });
      return view;
    } finally {
      connection.close();
    }
  }

  /** Signs with the source, broadcasts, and waits for the transaction to be included. */
  async send(planId: string): Promise<TransferReceipt> {
    this.forgetExpired();
    const stored = this.plans.get(planId);
    if (!stored)
      throw new LifeboatError('not-found', 'That payment plan is no longer valid. Plan it again.');
    this.plans.delete(planId);
    const discovery = this.deps.discovery(stored.discoveryId);
    const signer = await this.deps.signer(discovery, {
      address: stored.view.from,
      path: stored.path,
    });
    const signed = await signTransaction(buildTransaction(stored.fields), signer);
    const network = this.deps.network(stored.view.networkId);
    const connection = await ChainConnection.open(network);
    try {
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
            { network: network.id },
            { cause: error },
          );
        }
      }
      const receipt = await this.included(connection, signed.hash);
      if (receipt.status === 'reverted') {
        throw new LifeboatError('tx-reverted', undefined, { txHash: signed.hash });
      }
      const explorerUrl = explorerTxUrl(network, signed.hash);
      return {
        txHash: signed.hash,
        blockNumber: receipt.blockNumber,
        ...(explorerUrl === undefined ? {} : { explorerUrl }),
      };
    } finally {
      connection.close();
    }
  }

  private async included(connection: ChainConnection, hash: string) {
    const deadline = Date.now() + (this.deps.inclusionTimeoutMs ?? 120_000);
    for (;;) {
      const receipt = await connection.receipt(hash);
      if (receipt) return receipt;
      if (Date.now() > deadline) throw new LifeboatError('tx-pending', undefined, { txHash: hash });
      await new Promise((r) => setTimeout(r, this.deps.pollMs ?? 500));
    }
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [id, plan] of this.plans) if (plan.expiresAt <= now) this.plans.delete(id);
  }
}
