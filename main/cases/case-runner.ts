// Runs a recovery case step by step, persisting each step's state BEFORE the irreversible
// action that follows it (sign → save → broadcast → save → wait → save), so a crash at any
// instant resumes correctly:
//  - a nonce is never signed twice unless the earlier signature provably cannot be included
//    (its fee is below the base fee, or the server refused it for its fee) and the nonce is
//    still free; then the replacement reuses the same nonce, and whichever lands is found;
//  - a signed transaction is only ever re-sent as the identical bytes (same hash);
//  - a used nonce with no receipt for any of our hashes stops the case (`nonce-conflict`).
// Steps run strictly one after another: the native step's value depends on the gas the
// token steps really used, and one pending transaction per account keeps nonces simple.
import type { SweepEvent } from '../../preload/api';
import type { ErrorCode } from '../../preload/errors';
import { classifyBroadcastRefusal } from '../chain/broadcast-errors';
import type { ChainConnection } from '../chain/connection';
import { assertRecipient } from '../chain/destination';
import { balanceOfData, decodeUint } from '../chain/erc20';
import { assertUnderCap, quoteFee, replacementFee } from '../chain/fees';
import { signTransaction, type TxSigner } from '../chain/signer';
import { nativeSweepValue, type PlanStep } from '../chain/sweep-plan';
import { buildTransaction, stepFields } from '../chain/transaction';
import { LifeboatError, isLifeboatError, toErrorData } from '../errors';
import type { Attempt, CaseRecord, StepRecord } from './case-record';
import type { CaseStore } from './case-store';
import { verifyCase } from './case-verify';
import { caseReport, stepView } from './case-views';

export interface RunnerDeps {
  store: CaseStore;
  /** An open, chain-id-checked connection per network of the plan. */
  connection(networkId: string): ChainConnection;
  /** The signer for a step's sender: the source account or the destination (top-up). */
  signer(step: PlanStep): Promise<TxSigner>;
  onEvent?: (event: SweepEvent) => void;
  /** How often to look for receipts and base-fee changes. */
  pollMs?: number;
  /** How long to wait for an included transaction before pausing with `tx-pending`. */
  pendingTimeoutMs?: number;
  /** Pauses the case at the next safe point (every point between two saves is one). */
  signal?: AbortSignal;
}

const DEFAULT_POLL_MS = 2000;
const DEFAULT_PENDING_TIMEOUT_MS = 15 * 60_000;

/** Failures that end a case for good; everything else pauses it for a resume. */
const FATAL: ReadonlySet<ErrorCode> = new Set(['nonce-conflict']);

export async function runCase(caseId: string, deps: RunnerDeps): Promise<CaseRecord> {
  const { store } = deps;
  const lock = store.lock(caseId);
  try {
    const record = store.load(caseId);
    if (record.state === 'finished' || record.state === 'failed') {
      throw new LifeboatError('case-finished', undefined, { caseId });
    }
    const persist = () => {
      lock.assertHeld();
      record.updatedAt = new Date().toISOString();
      store.save(record);
    };
    record.state = 'running';
    delete record.stopped;
    persist();
    store.log(caseId, { event: 'run' });
    try {
      const runner = new StepRunner(record, deps, persist);
      for (const step of record.plan.steps) await runner.drive(step);
      record.verification = await verifyCase(record, deps.connection);
      const failed = record.steps.some((s) => s.state === 'failed');
      record.state = failed ? 'failed' : 'finished';
      record.finishedAt = new Date().toISOString();
      persist();
      store.log(caseId, { event: record.state });
      const report = caseReport(record);
      store.writeReport(caseId, report, report.text);
      deps.onEvent?.({ type: 'finished', caseId, report });
      return record;
    } catch (error) {
      const data = toErrorData(error);
      record.stopped = {
        code: data.code,
        message: data.message,
        at: new Date().toISOString(),
        ...(data.details === undefined ? {} : { details: data.details }),
      };
      record.state = FATAL.has(data.code) ? 'failed' : 'paused';
      persist();
      store.log(caseId, { event: record.state, code: data.code });
      deps.onEvent?.({
        type: record.state === 'failed' ? 'failed' : 'paused',
        caseId,
        error: data,
      });
      return record;
    }
  } finally {
    lock.release();
  }
}

type Reconciled =
  { kind: 'included'; hash: string } | { kind: 'free' } | { kind: 'conflict'; chainNonce: number };

class StepRunner {
  private readonly signers = new Map<string, TxSigner>();

  constructor(
    private readonly record: CaseRecord,
    private readonly deps: RunnerDeps,
    private readonly persist: () => void,
  ) {}

  async drive(step: PlanStep): Promise<void> {
    const state = this.record.steps[step.index];
    if (!state) throw new LifeboatError('case-corrupt', undefined, { caseId: this.record.caseId });
    const connection = this.deps.connection(step.networkId);
    let waitingSince: number | undefined;
    for (;;) {
      if (this.deps.signal?.aborted) throw new LifeboatError('cancelled');
      switch (state.state) {
        case 'confirmed':
        case 'failed':
          return;
        case 'planned':
          await this.signFirst(connection, step, state);
          break;
        case 'signed':
        case 'broadcast': {
          const found = await this.reconcile(connection, step, state);
          if (found.kind === 'included') {
            await this.recordInclusion(connection, state, found.hash);
            break;
          }
          if (found.kind === 'conflict') throw nonceConflict(step, found.chainNonce);
          if (state.state === 'signed') {
            await this.broadcastLatest(connection, step, state);
            waitingSince = Date.now();
            break;
          }
          waitingSince ??= Date.now();
          await this.waitOrReplace(connection, step, state, waitingSince);
          break;
        }
        case 'included':
          await this.confirm(connection, step, state);
          break;
      }
    }
  }

  private event(step: StepRecord, extra: Record<string, string | number | boolean | null> = {}) {
    this.deps.store.log(this.record.caseId, { event: step.state, step: step.index, ...extra });
    this.deps.onEvent?.({ type: 'step', caseId: this.record.caseId, step: stepView(step) });
  }

  private async signerFor(step: PlanStep): Promise<TxSigner> {
    const key = `${step.signer}|${step.from.toLowerCase()}`;
    let signer = this.signers.get(key);
    if (!signer) {
      signer = await this.deps.signer(step);
      if (signer.address.toLowerCase() !== step.from.toLowerCase()) {
        throw new LifeboatError(
          'signer-mismatch',
          'The key offered for signing belongs to another account than the one planned.',
          { expected: step.from, offered: signer.address },
        );
      }
      this.signers.set(key, signer);
    }
    return signer;
  }

  private networkOf(step: PlanStep) {
    const network = this.record.plan.networks.find((n) => n.id === step.networkId);
    const fee = this.record.plan.fees.find((f) => f.networkId === step.networkId);
    if (!network || !fee)
      throw new LifeboatError('case-corrupt', undefined, { caseId: this.record.caseId });
    return { network, fee };
  }

  /** The first signature of a step, with the plan's fee unless the base fee has passed it. */
  private async signFirst(connection: ChainConnection, step: PlanStep, state: StepRecord) {
    const chainNonce = await connection.nonce(step.from);
    if (chainNonce > step.nonce) throw nonceConflict(step, chainNonce);
    if (chainNonce < step.nonce) {
      throw new LifeboatError(
        'rpc-inconsistent',
        'The RPC server reports an older state of the account than earlier steps produced.',
        { network: step.networkId, what: 'nonce' },
      );
    }
    const { network, fee } = this.networkOf(step);
    let maxFee = fee.quote.maxFeePerGas;
    if (network.feeModel !== 'legacy') {
      const block = await connection.latestBlock();
      if ((block.baseFeePerGas ?? 0n) > maxFee) {
        maxFee = replacementFee(maxFee, await quoteFee(connection));
      }
    }
    await this.sign(connection, step, state, maxFee, 'initial');
  }

  private async sign(
    connection: ChainConnection,
    step: PlanStep,
    state: StepRecord,
    maxFeePerGas: bigint,
    reason: Attempt['reason'],
  ) {
    const { network, fee } = this.networkOf(step);
    assertRecipient(step.to, [step.from], 'destination');
    assertUnderCap(maxFeePerGas, fee.cap, network.id);
    const amount = await this.amountFor(connection, step, maxFeePerGas, state);
    const tx = buildTransaction(stepFields(step, network.feeModel, amount, maxFeePerGas));
    const signed = await signTransaction(tx, await this.signerFor(step));
    state.attempts.push({
      hash: signed.hash,
      raw: signed.raw,
      nonce: step.nonce,
      maxFeePerGas,
      amount,
      signedAt: new Date().toISOString(),
      reason,
    });
    state.state = 'signed';
    this.persist();
    this.event(state, {
      hash: signed.hash,
      nonce: step.nonce,
      maxFeePerGas: maxFeePerGas.toString(),
      reason,
    });
  }

  /**
   * Tokens move the planned amount (checked against the balance, so a changed balance stops
   * the case instead of reverting on chain); the native coin moves everything but its fee.
   */
  private async amountFor(
    connection: ChainConnection,
    step: PlanStep,
    maxFeePerGas: bigint,
    state: StepRecord,
  ): Promise<bigint> {
    if (step.kind === 'top-up') return step.amount;
    if (step.kind === 'token') {
      const balance = decodeUint(
        await connection.call({ to: step.asset, data: balanceOfData(step.from) }),
      );
      if (balance === undefined || balance < step.amount) {
        throw new LifeboatError('plan-stale', undefined, {
          step: step.index,
          asset: step.asset,
        });
      }
      return step.amount;
    }
    const value = nativeSweepValue(await connection.balance(step.from), step, maxFeePerGas);
    if (value < 0n) {
      throw new LifeboatError('insufficient-gas', undefined, {
        step: step.index,
        attempts: state.attempts.length,
      });
    }
    return value;
  }

  /**
   * Finds out what happened to a signed step. The nonce is read BEFORE the receipts: a
   * nonce that moves on because our transaction was just included then always shows up as
   * a receipt, never as a conflict.
   */
  private async reconcile(
    connection: ChainConnection,
    step: PlanStep,
    state: StepRecord,
  ): Promise<Reconciled> {
    const chainNonce = await connection.nonce(step.from);
    const receipts = await Promise.all(state.attempts.map((a) => connection.receipt(a.hash)));
    const hit = receipts.find((r) => r !== null);
    if (hit) return { kind: 'included', hash: hit.transactionHash };
    return chainNonce > step.nonce ? { kind: 'conflict', chainNonce } : { kind: 'free' };
  }

  private async broadcastLatest(connection: ChainConnection, step: PlanStep, state: StepRecord) {
    const latest = state.attempts.at(-1)!;
    const { network } = this.networkOf(step);
    if (network.feeModel !== 'legacy') {
      const block = await connection.latestBlock();
      if ((block.baseFeePerGas ?? 0n) > latest.maxFeePerGas) {
        await this.replace(connection, step, state, 'fee-rise');
        return;
      }
    }
    try {
      const reported = await connection.sendRaw(latest.raw);
      if (reported.toLowerCase() !== latest.hash) {
        throw new LifeboatError(
          'rpc-inconsistent',
          'The RPC server reported another hash for the transaction it was sent.',
          { network: step.networkId, what: 'transaction hash' },
        );
      }
    } catch (error) {
      if (!isLifeboatError(error, 'rpc-error')) throw error;
      const refusal = classifyBroadcastRefusal(String(error.details?.rpcMessage ?? ''));
      if (refusal === 'fee-too-low') {
        await this.replace(connection, step, state, 'fee-refused');
        return;
      }
      if (refusal === 'nonce-used') {
        // The next reconcile finds our receipt, or a conflict once the server's state catches up.
        await sleep(this.deps.pollMs ?? DEFAULT_POLL_MS);
        return;
      }
      if (refusal === 'insufficient-funds') {
        throw new LifeboatError('insufficient-gas', undefined, { step: step.index });
      }
      if (refusal !== 'known') {
        throw new LifeboatError(
          'tx-rejected',
          `The network refused step ${step.index + 1}: ${String(error.details?.rpcMessage ?? '')}`,
          {
            step: step.index,
            hash: latest.hash,
          },
        );
      }
    }
    latest.broadcastAt ??= new Date().toISOString();
    state.state = 'broadcast';
    this.persist();
    this.event(state, { hash: latest.hash });
  }

  private async replace(
    connection: ChainConnection,
    step: PlanStep,
    state: StepRecord,
    reason: Attempt['reason'],
  ) {
    const previous = state.attempts.at(-1)!;
    const maxFee = replacementFee(previous.maxFeePerGas, await quoteFee(connection));
    await this.sign(connection, step, state, maxFee, reason);
  }

  /** Waits one poll; replaces the transaction if the base fee has risen above its maxFee. */
  private async waitOrReplace(
    connection: ChainConnection,
    step: PlanStep,
    state: StepRecord,
    since: number,
  ) {
    const timeout = this.deps.pendingTimeoutMs ?? DEFAULT_PENDING_TIMEOUT_MS;
    if (Date.now() - since > timeout) {
      throw new LifeboatError('tx-pending', undefined, {
        step: step.index,
        hash: state.attempts.at(-1)!.hash,
      });
    }
    await sleep(this.deps.pollMs ?? DEFAULT_POLL_MS);
    const { network } = this.networkOf(step);
    if (network.feeModel === 'legacy') return;
    const block = await connection.latestBlock();
    const latest = state.attempts.at(-1)!;
    if ((block.baseFeePerGas ?? 0n) > latest.maxFeePerGas) {
      // Re-check before signing again: it may have been included in the meantime.
      const found = await this.reconcile(connection, step, state);
      if (found.kind === 'free') await this.replace(connection, step, state, 'fee-rise');
    }
  }

  private async recordInclusion(connection: ChainConnection, state: StepRecord, hash: string) {
    const receipt = await connection.receipt(hash);
    if (!receipt) return;
    state.included = {
      hash: receipt.transactionHash,
      blockNumber: receipt.blockNumber,
      blockHash: receipt.blockHash,
      status: receipt.status,
      gasUsed: receipt.gasUsed,
      ...(receipt.effectiveGasPrice === undefined
        ? {}
        : { effectiveGasPrice: receipt.effectiveGasPrice }),
      ...(receipt.l1Fee === undefined ? {} : { l1Fee: receipt.l1Fee }),
    };
    state.state = 'included';
    this.persist();
    this.event(state, { hash, blockNumber: receipt.blockNumber, status: receipt.status });
  }

  private async confirm(connection: ChainConnection, step: PlanStep, state: StepRecord) {
    const included = state.included!;
    const [head, receipt] = await Promise.all([
      connection.blockNumber(),
      connection.receipt(included.hash),
    ]);
    if (!receipt || receipt.blockHash !== included.blockHash) {
      // A reorganisation dropped or moved it: back to "signed", the identical bytes go again.
      delete state.included;
      state.state = 'signed';
      this.persist();
      this.event(state, { hash: included.hash, reorg: true });
      return;
    }
    const confirmations = head - included.blockNumber + 1;
    if (confirmations !== state.confirmations) {
      state.confirmations = confirmations;
      this.persist();
    }
    if (confirmations < this.record.confirmations) {
      await sleep(this.deps.pollMs ?? DEFAULT_POLL_MS);
      return;
    }
    if (included.status === 'reverted') {
      state.state = 'failed';
      state.error = {
        code: 'tx-reverted',
        message: `Step ${step.index + 1} was included but failed; it moved nothing.`,
        at: new Date().toISOString(),
      };
    } else {
      state.state = 'confirmed';
    }
    this.persist();
    this.event(state, { hash: included.hash, confirmations: state.confirmations });
  }
}

function nonceConflict(step: PlanStep, chainNonce: number): LifeboatError {
  return new LifeboatError('nonce-conflict', undefined, {
    step: step.index,
    account: step.from,
    nonce: step.nonce,
    chainNonce,
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
