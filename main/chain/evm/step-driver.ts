// The EVM side of running a sweep step: nonces, fees and their replacements, and what the
// chain says happened to a signed transaction. The persisted step loop (cases/step-loop.ts)
// decides when each of these runs and saves what they return before anything irreversible
// follows, so nothing here writes to disk or keeps state beyond the signers it resolved.
//  - a nonce is signed again only to replace an attempt that provably cannot be included (its
//    fee is below the base fee, or the server refused it for its fee) while the nonce is
//    still free; whichever attempt lands is found by its receipt;
//  - a used nonce with no receipt for any of our hashes is `nonce-conflict`;
//  - nothing is signed above the fee cap the person accepted (`fee-cap-exceeded`);
//  - a Safe step is sent only while the Safe's nonce still is the one its owners signed for:
//    once another Safe transaction has used it, the step is `safe-nonce-conflict`.
import { LifeboatError, isLifeboatError } from '../../errors';
import type { ChainConnection } from '../connection';
import { assertRecipient } from '../destination';
import { balanceOfData, decodeUint } from '../erc20';
import { assertUnderCap, quoteFee, replacementFee } from '../fees';
import { signTransaction, type TxSigner } from '../signer';
import {
  nativeSweepValue,
  stepWaits,
  type PlanStep,
  type StepWaits,
  type SweepPlan,
} from '../sweep-plan';
import { readSafeNonce } from '../safe/safe-reader';
import { classifyBroadcastRefusal } from './broadcast-errors';
import { buildTransaction, stepFields } from './transaction';

export type AttemptReason = 'initial' | 'fee-rise' | 'fee-refused';

/** One signature of a step: the bytes that can be sent, and what they move. */
export interface EvmAttempt {
  hash: string;
  raw: string;
  nonce: number;
  maxFeePerGas: bigint;
  /** The amount this signature moves (the native value is recomputed per fee). */
  amount: bigint;
  signedAt: string;
  broadcastAt?: string;
  /** Why it was signed: the first signature, or a replacement at the same nonce. */
  reason: AttemptReason;
}

export interface EvmInclusion {
  hash: string;
  blockNumber: number;
  blockHash: string;
  status: 'success' | 'reverted';
  gasUsed: bigint;
  effectiveGasPrice?: bigint;
  l1Fee?: bigint;
}

/** What the driver reads and sends through: a checked connection to one network. */
export type EvmChain = Pick<
  ChainConnection,
  | 'network'
  | 'nonce'
  | 'balance'
  | 'call'
  | 'latestBlock'
  | 'blockNumber'
  | 'receipt'
  | 'sendRaw'
  | 'gasPrice'
  | 'maxPriorityFee'
>;

export type Reconciled = { kind: 'included'; inclusion: EvmInclusion } | { kind: 'pending' };

export type SendOutcome =
  | { kind: 'sent' }
  /** The attempt cannot be included as it is: sign the same nonce again, higher. */
  | { kind: 'replace'; reason: AttemptReason }
  /** The server says the nonce is used: look again later (our receipt, or a conflict). */
  | { kind: 'later' };

export type Depth =
  { kind: 'reorged' } | { kind: 'deep'; confirmations: number; reverted: boolean };

export interface EvmDriverDeps {
  plan: SweepPlan;
  /** The open, chain-id-checked connection of a network of the plan. */
  chain(networkId: string): EvmChain;
  /** The signer of a step's sender: the source account, or the destination for a top-up. */
  signer(step: PlanStep): Promise<TxSigner>;
  /** True once another step of the case is recorded on chain (included, final or not). */
  isOnChain(index: number): boolean;
  /**
   * For a Safe step: its owners' signatures, each verified, packed in the order the Safe
   * takes them (`signatures-missing` while too few owners have signed).
   */
  safeSignatures?(step: PlanStep): Promise<string>;
}

export class EvmStepDriver {
  private readonly signers = new Map<string, Promise<TxSigner>>();

  constructor(private readonly deps: EvmDriverDeps) {}

  /** What a step waits for before it is signed, and before it is sent (see stepWaits). */
  waits(index: number): StepWaits {
    return stepWaits(this.deps.plan, index);
  }

  /**
   * The first signature of a step. The sender's nonce on chain must lie between the nonces
   * of its steps already recorded on chain and this step's own: above it, another
   * transaction took the nonce; below, the server reports an older state than it did.
   */
  async sign(index: number): Promise<EvmAttempt> {
    const step = this.step(index);
    const chain = this.deps.chain(step.networkId);
    const chainNonce = await chain.nonce(step.from);
    if (chainNonce > step.nonce) throw nonceConflict(step, chainNonce);
    if (chainNonce < this.nonceFloor(step)) {
      throw new LifeboatError(
        'rpc-inconsistent',
        'The RPC server reports an older state of the account than earlier steps produced.',
        { network: step.networkId, what: 'nonce' },
      );
    }
    if (step.safe) this.assertSafeNonceFree(step, await readSafeNonce(chain, step.safe.address));
    const { network, fee } = this.networkOf(step);
    let maxFee = fee.quote.maxFeePerGas;
    if (network.feeModel !== 'legacy') {
      const block = await chain.latestBlock();
      if ((block.baseFeePerGas ?? 0n) > maxFee) {
        maxFee = replacementFee(maxFee, await quoteFee(chain));
      }
    }
    return this.signAt(step, maxFee, 'initial');
  }

  /** Signs the same nonce again: enough for the base fee now, and the bump nodes require. */
  async replace(
    index: number,
    attempts: readonly EvmAttempt[],
    reason: AttemptReason,
  ): Promise<EvmAttempt> {
    const step = this.step(index);
    const previous = attempts.at(-1)!;
    const maxFee = replacementFee(
      previous.maxFeePerGas,
      await quoteFee(this.deps.chain(step.networkId)),
    );
    return this.signAt(step, maxFee, reason);
  }

  /**
   * What happened to a signed step. The nonce is read BEFORE the receipts: a nonce that
   * moves on because our transaction was just included then always shows up as a receipt,
   * never as a conflict.
   */
  async reconcile(index: number, attempts: readonly EvmAttempt[]): Promise<Reconciled> {
    const step = this.step(index);
    const chain = this.deps.chain(step.networkId);
    const [chainNonce, safeNonce] = await Promise.all([
      chain.nonce(step.from),
      step.safe ? readSafeNonce(chain, step.safe.address) : Promise.resolve(undefined),
    ]);
    const receipts = await Promise.all(attempts.map((a) => chain.receipt(a.hash)));
    const hit = receipts.find((r) => r !== null);
    if (hit) {
      return {
        kind: 'included',
        inclusion: {
          hash: hit.transactionHash,
          blockNumber: hit.blockNumber,
          blockHash: hit.blockHash,
          status: hit.status,
          gasUsed: hit.gasUsed,
          ...(hit.effectiveGasPrice === undefined
            ? {}
            : { effectiveGasPrice: hit.effectiveGasPrice }),
          ...(hit.l1Fee === undefined ? {} : { l1Fee: hit.l1Fee }),
        },
      };
    }
    if (chainNonce > step.nonce) throw nonceConflict(step, chainNonce);
    if (step.safe && safeNonce! > step.safe.nonce) throw safeNonceConflict(step, safeNonce!);
    return { kind: 'pending' };
  }

  /** Sends the latest attempt, unless the base fee has already passed its fee. */
  async send(index: number, attempts: readonly EvmAttempt[]): Promise<SendOutcome> {
    const step = this.step(index);
    const chain = this.deps.chain(step.networkId);
    const latest = attempts.at(-1)!;
    if ((await this.feeRise(step, latest)) !== undefined) {
      return { kind: 'replace', reason: 'fee-rise' };
    }
    try {
      const reported = await chain.sendRaw(latest.raw);
      if (reported.toLowerCase() !== latest.hash) {
        throw new LifeboatError(
          'rpc-inconsistent',
          'The RPC server reported another hash for the transaction it was sent.',
          { network: step.networkId, what: 'transaction hash' },
        );
      }
    } catch (error) {
      if (!isLifeboatError(error, 'rpc-error')) throw error;
      const message = String(error.details?.rpcMessage ?? '');
      switch (classifyBroadcastRefusal(message)) {
        case 'known':
          break;
        case 'fee-too-low':
          return { kind: 'replace', reason: 'fee-refused' };
        case 'nonce-used':
          return { kind: 'later' };
        case 'insufficient-funds':
          throw new LifeboatError('insufficient-gas', undefined, { step: step.index });
        default:
          throw new LifeboatError(
            'tx-rejected',
            `The network refused step ${step.index + 1}: ${message}`,
            { step: step.index, hash: latest.hash },
          );
      }
    }
    return { kind: 'sent' };
  }

  /** While an attempt waits: the reason to replace it, if the base fee has passed its fee. */
  async stale(index: number, attempts: readonly EvmAttempt[]): Promise<AttemptReason | undefined> {
    return this.feeRise(this.step(index), attempts.at(-1)!);
  }

  /** How deep an inclusion is now, or that a reorganisation dropped or moved it. */
  async depth(index: number, inclusion: EvmInclusion): Promise<Depth> {
    const chain = this.deps.chain(this.step(index).networkId);
    const [head, receipt] = await Promise.all([chain.blockNumber(), chain.receipt(inclusion.hash)]);
    if (!receipt || receipt.blockHash !== inclusion.blockHash) return { kind: 'reorged' };
    return {
      kind: 'deep',
      confirmations: head - inclusion.blockNumber + 1,
      reverted: inclusion.status === 'reverted',
    };
  }

  private async feeRise(step: PlanStep, latest: EvmAttempt): Promise<AttemptReason | undefined> {
    if (this.networkOf(step).network.feeModel === 'legacy') return undefined;
    const block = await this.deps.chain(step.networkId).latestBlock();
    return (block.baseFeePerGas ?? 0n) > latest.maxFeePerGas ? 'fee-rise' : undefined;
  }

  private async signAt(
    step: PlanStep,
    maxFeePerGas: bigint,
    reason: AttemptReason,
  ): Promise<EvmAttempt> {
    const { network, fee } = this.networkOf(step);
    assertRecipient(step.to, [step.from], 'destination');
    assertUnderCap(maxFeePerGas, fee.cap, network.id);
    const chain = this.deps.chain(step.networkId);
    const amount = await this.amountFor(chain, step, maxFeePerGas);
    const signatures = step.safe ? await this.safeSignaturesOf(step) : undefined;
    const tx = buildTransaction(
      stepFields(step, network.feeModel, amount, maxFeePerGas, signatures),
    );
    const signed = await signTransaction(tx, await this.signerFor(step));
    return {
      hash: signed.hash,
      raw: signed.raw,
      nonce: step.nonce,
      maxFeePerGas,
      amount,
      signedAt: new Date().toISOString(),
      reason,
    };
  }

  /**
   * Tokens move the planned amount (checked against the balance, so a changed balance stops
   * the case instead of reverting on chain); the native coin moves everything but its fee,
   * from the balance its token steps really left.
   */
  private async amountFor(chain: EvmChain, step: PlanStep, maxFeePerGas: bigint): Promise<bigint> {
    if (step.kind === 'top-up') return step.amount;
    if (step.safe) return this.safeAmount(chain, step);
    if (step.kind === 'token') {
      const balance = decodeUint(
        await chain.call({ to: step.asset, data: balanceOfData(step.from) }),
      );
      if (balance === undefined || balance < step.amount) {
        throw new LifeboatError('plan-stale', undefined, { step: step.index, asset: step.asset });
      }
      return step.amount;
    }
    const value = nativeSweepValue(await chain.balance(step.from), step, maxFeePerGas);
    if (value < 0n) throw new LifeboatError('insufficient-gas', undefined, { step: step.index });
    return value;
  }

  /**
   * What a Safe moves is fixed by the transaction its owners signed; the Safe must still
   * hold it, or the execution would revert.
   */
  private async safeAmount(chain: EvmChain, step: PlanStep): Promise<bigint> {
    const holder = step.safe!.address;
    const balance =
      step.kind === 'native'
        ? await chain.balance(holder)
        : decodeUint(await chain.call({ to: step.asset, data: balanceOfData(holder) }));
    if (balance === undefined || balance < step.amount) {
      throw new LifeboatError('plan-stale', undefined, { step: step.index, asset: step.asset });
    }
    return step.amount;
  }

  private async safeSignaturesOf(step: PlanStep): Promise<string> {
    if (!this.deps.safeSignatures) throw new LifeboatError('signatures-missing');
    return this.deps.safeSignatures(step);
  }

  /**
   * The Safe's nonce must not have passed the step's own (another Safe transaction took it),
   * nor lie below what its steps already on chain produced.
   */
  private assertSafeNonceFree(step: PlanStep, safeNonce: number): void {
    const safe = step.safe!;
    if (safeNonce > safe.nonce) throw safeNonceConflict(step, safeNonce);
    let floor = 0;
    for (const other of this.deps.plan.steps) {
      if (other.safe?.address === safe.address && other.safe.nonce < safe.nonce) {
        if (this.deps.isOnChain(other.index)) floor = Math.max(floor, other.safe.nonce + 1);
      }
    }
    if (safeNonce < floor) {
      throw new LifeboatError(
        'rpc-inconsistent',
        'The RPC server reports an older state of the Safe than earlier steps produced.',
        { network: step.networkId, what: 'Safe nonce' },
      );
    }
  }

  /** The lowest nonce the chain can report for the sender: past its steps already on chain. */
  private nonceFloor(step: PlanStep): number {
    let floor = 0;
    for (const other of this.deps.plan.steps) {
      const same =
        other.networkId === step.networkId && other.from.toLowerCase() === step.from.toLowerCase();
      if (same && other.nonce < step.nonce && this.deps.isOnChain(other.index)) {
        floor = Math.max(floor, other.nonce + 1);
      }
    }
    return floor;
  }

  private signerFor(step: PlanStep): Promise<TxSigner> {
    const key = `${step.signer}|${step.from.toLowerCase()}`;
    let signer = this.signers.get(key);
    if (!signer) {
      signer = this.deps.signer(step).then((resolved) => {
        if (resolved.address.toLowerCase() !== step.from.toLowerCase()) {
          throw new LifeboatError(
            'signer-mismatch',
            'The key offered for signing belongs to another account than the one planned.',
            { expected: step.from, offered: resolved.address },
          );
        }
        return resolved;
      });
      this.signers.set(key, signer);
    }
    return signer;
  }

  private step(index: number): PlanStep {
    const step = this.deps.plan.steps[index];
    if (!step) throw new LifeboatError('case-corrupt', undefined, { step: index });
    return step;
  }

  private networkOf(step: PlanStep) {
    const network = this.deps.plan.networks.find((n) => n.id === step.networkId);
    const fee = this.deps.plan.fees.find((f) => f.networkId === step.networkId);
    if (!network || !fee) throw new LifeboatError('case-corrupt', undefined, { step: step.index });
    return { network, fee };
  }
}

function safeNonceConflict(step: PlanStep, safeNonce: number): LifeboatError {
  return new LifeboatError('safe-nonce-conflict', undefined, {
    step: step.index,
    safe: step.safe!.address,
    nonce: step.safe!.nonce,
    safeNonce,
  });
}

function nonceConflict(step: PlanStep, chainNonce: number): LifeboatError {
  return new LifeboatError('nonce-conflict', undefined, {
    step: step.index,
    account: step.from,
    nonce: step.nonce,
    chainNonce,
  });
}
