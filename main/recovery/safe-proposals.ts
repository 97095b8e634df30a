// One Safe transaction at a time: a payment from the Safe or a change of its owners. It is
// built and its hash computed here and checked against the Safe's own, held in main while
// the owners sign one after another (one reader is enough: each card is brought in turn),
// every signature recovered to an owner before it is kept, and finally sent by a payer who
// pays the gas. Signatures are kept per owner: an owner who signs again is not asked twice.
import { randomUUID } from 'node:crypto';
import { getAddress } from 'ethers';
import type {
  SafeAction,
  SafeProposalView,
  SafeSignatures,
  SourceRef,
  TransferReceipt,
} from '../../preload/api';
import { readAccountStates } from '../chain/balances';
import type { ChainConnection } from '../chain/connection';
import { assertRecipient } from '../chain/destination';
import { transferData } from '../chain/erc20';
import { sendOnce } from '../chain/evm/send-once';
import { ceilDiv } from '../chain/fees';
import { explorerTxUrl } from '../chain/networks';
import { ownerChangeCall } from '../chain/safe/owners';
import { assertSameHash, readSafe, readSafeNonce, type SafeState } from '../chain/safe/safe-reader';
import { execTransactionData, plainSafeTx, safeTxHash, type SafeTx } from '../chain/safe/safe-tx';
import {
  packSignatures,
  verifyOwnerSignature,
  type OwnerSignature,
} from '../chain/safe/signatures';
import { tokenList } from '../chain/tokens';
import { LifeboatError, isLifeboatError } from '../errors';
import { firstAccount, ownerSigner } from '../sources/owner-signer';
import type { SafeContext } from './safe-context';

interface Proposal {
  view: Omit<SafeProposalView, 'signatures'>;
  tx: SafeTx;
  owners: string[];
  threshold: number;
  signatures: OwnerSignature[];
}

const GAS_MARGIN_PERCENT = 25n;
const KEPT = 32;

export class SafeProposals {
  private readonly proposals = new Map<string, Proposal>();

  constructor(private readonly context: SafeContext) {}

  has(proposalId: string): boolean {
    return this.proposals.has(proposalId);
  }

  /** The proposals still waiting for one Safe, oldest first. */
  pendingFor(networkId: string, safe: string): SafeProposalView[] {
    return [...this.proposals.values()]
      .filter((p) => p.view.networkId === networkId && p.view.safe === getAddress(safe))
      .map((p) => this.view(p));
  }

  async propose(networkId: string, address: string, action: SafeAction): Promise<SafeProposalView> {
    return this.context.on(networkId, async (connection) => {
      const safe = await readSafe(connection, address);
      const built = await this.build(connection, safe, action);
      const tx = plainSafeTx({ ...built.call, nonce: safe.nonce });
      const hash = safeTxHash(connection.network.chainId, safe.address, tx);
      await assertSameHash(connection, safe.address, tx, hash);
      // The Safe itself must accept the call: a change it would refuse is refused here.
      try {
        await connection.estimateGas({ from: safe.address, ...built.call });
      } catch (error) {
        if (!isLifeboatError(error, 'rpc-error')) throw error;
        throw new LifeboatError(
          'tx-rejected',
          `The Safe would refuse this transaction: ${String(error.details?.rpcMessage ?? '')}`,
          { network: networkId },
        );
      }
      const proposal: Proposal = {
        view: {
          proposalId: randomUUID(),
          networkId,
          safe: safe.address,
          action,
          ...(built.asset === undefined ? {} : { asset: built.asset }),
          nonce: safe.nonce,
          safeTxHash: hash,
          ownersBefore: safe.owners,
          thresholdBefore: safe.threshold,
          ownersAfter: built.ownersAfter ?? safe.owners,
          thresholdAfter: built.thresholdAfter ?? safe.threshold,
        },
        tx,
        owners: safe.owners,
        threshold: safe.threshold,
        signatures: [],
      };
      this.proposals.set(proposal.view.proposalId, proposal);
      for (const old of this.proposals.keys()) {
        if (this.proposals.size <= KEPT) break;
        this.proposals.delete(old);
      }
      return this.view(proposal);
    });
  }

  /** Adds the signature of the owner `source` holds; an owner who signed already is not asked again. */
  async sign(proposalId: string, source: SourceRef): Promise<SafeSignatures> {
    const proposal = this.get(proposalId);
    const signer = await ownerSigner(
      await this.context.access(source),
      proposal.owners,
      proposal.view.safe,
    );
    if (!proposal.signatures.some((s) => s.owner === signer.address)) {
      const signature = await signer.sign(proposal.view.safeTxHash);
      verifyOwnerSignature(proposal.view.safeTxHash, signature, proposal.owners);
      proposal.signatures.push(signature);
    }
    return this.signaturesOf(proposal);
  }

  signatures(proposalId: string): SafeSignatures {
    return this.signaturesOf(this.get(proposalId));
  }

  discard(proposalId: string): void {
    this.proposals.delete(proposalId);
  }

  /**
   * Sends the proposal with its owners' signatures from the payer's first account. The
   * Safe's nonce must still be the one the owners signed for; the execution is simulated
   * with the real signatures first, so a refusal costs nothing.
   */
  async execute(proposalId: string, payerRef: SourceRef): Promise<TransferReceipt> {
    const proposal = this.get(proposalId);
    const { view } = proposal;
    const signatures = packSignatures(
      view.safeTxHash,
      proposal.signatures,
      proposal.owners,
      proposal.threshold,
    );
    const access = await this.context.access(payerRef);
    const payer = await firstAccount(access);
    return this.context.on(view.networkId, async (connection) => {
      const safeNonce = await readSafeNonce(connection, view.safe);
      if (safeNonce !== view.nonce) {
        this.proposals.delete(proposalId);
        throw new LifeboatError('safe-nonce-conflict', undefined, {
          safe: view.safe,
          nonce: view.nonce,
          safeNonce,
        });
      }
      const data = execTransactionData(proposal.tx, signatures);
      const call = { from: payer.address, to: view.safe, data };
      let estimate: bigint;
      try {
        estimate = await connection.estimateGas(call);
      } catch (error) {
        if (!isLifeboatError(error, 'rpc-error')) throw error;
        throw new LifeboatError(
          'tx-rejected',
          `The Safe would refuse this transaction: ${String(error.details?.rpcMessage ?? '')}`,
          { network: view.networkId },
        );
      }
      const gasLimit = ceilDiv(estimate * (100n + GAS_MARGIN_PERCENT), 100n);
      const [fee, nonce, balance] = await Promise.all([
        this.context.fee(connection),
        connection.nonce(payer.address),
        connection.balance(payer.address),
      ]);
      if (balance < gasLimit * fee.maxFeePerGas) {
        throw new LifeboatError(
          'insufficient-gas',
          `The account that pays the fee, ${payer.address}, holds too little ${connection.network.nativeSymbol}.`,
          { network: view.networkId, account: payer.address },
        );
      }
      const signer = await access.signer(payer);
      const receipt = await sendOnce(
        connection,
        {
          chainId: connection.network.chainId,
          feeModel: connection.network.feeModel,
          nonce,
          gasLimit,
          maxFeePerGas: fee.maxFeePerGas,
          to: view.safe,
          value: 0n,
          data,
        },
        signer,
        this.context.sendOptions,
      );
      this.proposals.delete(proposalId);
      const explorerUrl = explorerTxUrl(connection.network, receipt.transactionHash);
      return {
        txHash: receipt.transactionHash,
        blockNumber: receipt.blockNumber,
        ...(explorerUrl === undefined ? {} : { explorerUrl }),
      };
    });
  }

  private async build(
    connection: ChainConnection,
    safe: SafeState,
    action: SafeAction,
  ): Promise<{
    call: { to: string; value: bigint; data: string };
    asset?: { symbol: string; decimals: number };
    ownersAfter?: string[];
    thresholdAfter?: number;
  }> {
    if (action.kind !== 'send') {
      const change = ownerChangeCall(safe.address, safe, action);
      return {
        call: { to: safe.address, value: 0n, data: change.data },
        ownersAfter: change.ownersAfter,
        thresholdAfter: change.thresholdAfter,
      };
    }
    let to: string;
    try {
      to = getAddress(action.to.trim());
    } catch {
      throw new LifeboatError('invalid-address', undefined, { field: 'to' });
    }
    assertRecipient(to, [safe.address], 'to');
    const amount = BigInt(action.amount);
    if (amount <= 0n) {
      throw new LifeboatError('invalid-input', 'The amount must be more than zero.', {
        field: 'amount',
      });
    }
    const { network } = connection;
    const token =
      action.asset === 'native'
        ? undefined
        : tokenList(network.chainId, this.context.deps.tokens(network.id)).find(
            (t) => t.address.toLowerCase() === action.asset.toLowerCase(),
          );
    if (action.asset !== 'native' && !token) {
      throw new LifeboatError('invalid-input', 'That token is not in the list for this network.', {
        field: 'asset',
      });
    }
    const { states } = await readAccountStates(connection, [safe.address], token ? [token] : []);
    const held = token ? (states[0]!.tokens[0] ?? 0n) : states[0]!.native;
    if (held < amount) {
      throw new LifeboatError('invalid-input', 'That is more than the Safe holds.', {
        field: 'amount',
      });
    }
    return token
      ? {
          call: { to: token.address, value: 0n, data: transferData(to, amount) },
          asset: { symbol: token.symbol, decimals: token.decimals },
        }
      : {
          call: { to, value: amount, data: '0x' },
          asset: { symbol: network.nativeSymbol, decimals: network.decimals },
        };
  }

  private get(proposalId: string): Proposal {
    const proposal = this.proposals.get(proposalId);
    if (!proposal) {
      throw new LifeboatError(
        'not-found',
        'That Safe transaction is no longer waiting. Start it again.',
      );
    }
    return proposal;
  }

  private signaturesOf(proposal: Proposal): SafeSignatures {
    return {
      signed: proposal.signatures.map((s) => s.owner),
      needed: proposal.threshold,
      owners: proposal.owners,
    };
  }

  private view(proposal: Proposal): SafeProposalView {
    return { ...proposal.view, signatures: this.signaturesOf(proposal) };
  }
}
