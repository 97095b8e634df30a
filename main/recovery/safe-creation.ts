// Creating a Safe: the owners (cards and rebuilt wallets by their first account, or plain
// addresses) and the threshold are checked, the address the factory will give the Safe is
// computed and shown with the fee before anything is signed, and after the deployment the
// contract's own getOwners and getThreshold must say exactly what was planned.
import { randomBytes, randomUUID } from 'node:crypto';
import { getAddress } from 'ethers';
import type { SafeCreatePlan, SafeCreateRequest, SourceRef } from '../../preload/api';
import { ceilDiv } from '../chain/fees';
import { SAFE_PROXY_FACTORY } from '../chain/safe/deployments';
import {
  assertSafeContracts,
  proxyCreationCode,
  readSafe,
  type SafeState,
} from '../chain/safe/safe-reader';
import {
  checkedSetup,
  createProxyData,
  predictSafeAddress,
  setupData,
} from '../chain/safe/safe-create';
import { sendOnce } from '../chain/evm/send-once';
import type { TxFields } from '../chain/evm/transaction';
import { LifeboatError } from '../errors';
import { firstAccount } from '../sources/owner-signer';
import type { SafeContext } from './safe-context';

interface StoredCreation {
  view: SafeCreatePlan;
  payer: SourceRef;
  payerPath: string;
  fields: TxFields;
  expiresAt: number;
}

/** A plan carries a fee quote: after this long it is made again. */
const PLAN_TTL_MS = 10 * 60_000;
const GAS_MARGIN_PERCENT = 20n;

export class SafeCreation {
  private readonly plans = new Map<string, StoredCreation>();

  constructor(private readonly context: SafeContext) {}

  async plan(request: SafeCreateRequest): Promise<SafeCreatePlan> {
    this.forgetExpired();
    const owners = await Promise.all(request.owners.map((owner) => this.ownerAddress(owner)));
    const setup = checkedSetup({ owners, threshold: request.threshold });
    const payerAccess = await this.context.access(request.payer);
    const payer = await firstAccount(payerAccess);
    return this.context.on(request.networkId, async (connection) => {
      await assertSafeContracts(connection);
      const initializer = setupData(setup);
      const saltNonce = BigInt(`0x${randomBytes(8).toString('hex')}`);
      const address = predictSafeAddress({
        initializer,
        saltNonce,
        proxyCreationCode: await proxyCreationCode(connection),
      });
      const data = createProxyData(initializer, saltNonce);
      const [code, fee, nonce, balance, estimate] = await Promise.all([
        connection.code(address),
        this.context.fee(connection),
        connection.nonce(payer.address),
        connection.balance(payer.address),
        connection.estimateGas({ from: payer.address, to: SAFE_PROXY_FACTORY.address, data }),
      ]);
      if (code !== '0x') throw new LifeboatError('safe-exists', undefined, { address });
      const gasLimit = ceilDiv(estimate * (100n + GAS_MARGIN_PERCENT), 100n);
      const maxCost = gasLimit * fee.maxFeePerGas;
      if (balance < maxCost) {
        throw new LifeboatError(
          'insufficient-gas',
          `The account that pays for the creation, ${payer.address}, holds too little ${connection.network.nativeSymbol}.`,
          { network: connection.network.id, account: payer.address, needed: maxCost.toString() },
        );
      }
      const view: SafeCreatePlan = {
        planId: randomUUID(),
        networkId: connection.network.id,
        address,
        owners: setup.owners,
        threshold: setup.threshold,
        payer: payer.address,
        fee: {
          maxFeePerGas: fee.maxFeePerGas.toString(),
          maxPriorityFeePerGas: fee.maxPriorityFeePerGas.toString(),
          gasLimit: gasLimit.toString(),
          maxCost: maxCost.toString(),
        },
      };
      this.plans.set(view.planId, {
        view,
        payer: request.payer,
        payerPath: payer.path,
        fields: {
          chainId: connection.network.chainId,
          feeModel: connection.network.feeModel,
          nonce,
          gasLimit,
          maxFeePerGas: fee.maxFeePerGas,
          to: SAFE_PROXY_FACTORY.address,
          value: 0n,
          data,
        },
        expiresAt: Date.now() + PLAN_TTL_MS,
      });
      return view;
    });
  }

  /** Deploys the planned Safe and checks it on chain; the Safe is remembered. */
  async create(planId: string): Promise<SafeState & { networkId: string }> {
    this.forgetExpired();
    const stored = this.plans.get(planId);
    if (!stored)
      throw new LifeboatError('not-found', 'That plan is no longer available. Plan it again.');
    this.plans.delete(planId);
    const { view } = stored;
    const access = await this.context.access(stored.payer);
    const signer = await access.signer({ address: view.payer, path: stored.payerPath });
    return this.context.on(view.networkId, async (connection) => {
      await sendOnce(connection, stored.fields, signer, this.context.sendOptions);
      const safe = await readSafe(connection, view.address);
      const sameOwners =
        safe.owners.length === view.owners.length &&
        safe.owners.every((o, i) => o === view.owners[i]);
      if (!sameOwners || safe.threshold !== view.threshold) {
        throw new LifeboatError(
          'rpc-inconsistent',
          'The new Safe does not report the owners and threshold it was created with.',
          { network: view.networkId, what: 'Safe owners' },
        );
      }
      this.context.deps.remembered.remember({ networkId: view.networkId, address: safe.address });
      return { ...safe, networkId: view.networkId };
    });
  }

  private async ownerAddress(owner: SafeCreateRequest['owners'][number]): Promise<string> {
    if (owner.kind === 'address') {
      try {
        return getAddress(owner.address.trim());
      } catch {
        throw new LifeboatError('invalid-address', undefined, {
          field: 'owners',
          address: owner.address,
        });
      }
    }
    return (await firstAccount(await this.context.access(owner))).address;
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [id, plan] of this.plans) if (plan.expiresAt <= now) this.plans.delete(id);
  }
}
