// The persisted form of a recovery case (cases/<id>/case.json) and its schema. Everything
// here is public information: addresses, amounts, fees, transaction hashes and the raw
// signed transactions. A signed transaction is public the moment it is broadcast, and one
// that was signed but not yet sent can only do what the person confirmed (move the funds to
// the planned destination), so keeping it is what lets a resumed case re-send the identical
// bytes instead of signing the same nonce twice. No key, seed, PIN or phrase is ever stored.
import { z } from 'zod';
import type { PlanWarning } from '../../preload/api';
import type { EvmAttempt, EvmInclusion } from '../chain/evm/step-driver';
import type { SweepPlan } from '../chain/sweep-plan';
import type { ErrorDetails } from '../errors';
import type { StepRecord as LoopStep } from './step-loop';

export const CASE_FORMAT = 1;

export type CaseState = 'running' | 'paused' | 'finished' | 'failed';

export type Attempt = EvmAttempt;
export type Inclusion = EvmInclusion;
export type StepRecord = LoopStep<Attempt, Inclusion>;

export interface CaseError {
  code: string;
  message: string;
  at: string;
  /** What the console needs to ask the right question (e.g. the fee that was needed). */
  details?: ErrorDetails;
}

export interface Scanned {
  schemes: ('bip44' | 'ledger-live' | 'legacy')[];
  networkIds: string[];
  addresses: number;
  tokens: number;
}

/** An owner's signature of a Safe step's transaction hash. */
export interface SafeSignatureRecord {
  hash: string;
  owner: string;
  /** 0x r ‖ s ‖ v, v = 27/28: public once the transaction executes, and useless without it. */
  signature: string;
  signedAt: string;
}

/** What a Safe sweep keeps besides its steps: the Safe as planned and its owners' signatures. */
export interface SafeCaseRecord {
  address: string;
  networkId: string;
  owners: string[];
  threshold: number;
  /** The account that sends every execTransaction and pays its gas. */
  executor: string;
  /** Each saved before the next owner is asked, so a resumed case never asks twice. */
  signatures: SafeSignatureRecord[];
}

export interface VerifiedAsset {
  networkId: string;
  account: string;
  asset: string;
  balance: bigint;
}

export interface CaseRecord {
  format: typeof CASE_FORMAT;
  caseId: string;
  planId: string;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  state: CaseState;
  plan: SweepPlan;
  planCreatedAt: string;
  /** Enough to recognise the source when resuming: its fingerprint and addresses. */
  source: { kind: 'card' | 'secret' | 'safe'; keyUid?: string; addresses: string[] };
  destination: { address: string; keyUid?: string };
  scanned: Scanned;
  /** How many blocks make a step final. */
  confirmations: number;
  steps: StepRecord[];
  /** A Safe sweep: the Safe and its owners' signatures. */
  safe?: SafeCaseRecord;
  /** Why the case stopped last, when it did. */
  stopped?: CaseError;
  verification?: { at: string; assets: VerifiedAsset[] };
}

const big = z
  .string()
  .regex(/^-?\d{1,80}$/)
  .transform((v) => BigInt(v));
const int = z.number().int().nonnegative();
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const hash = z.string().regex(/^0x[0-9a-f]{64}$/);
const date = z.iso.datetime();
const scheme = z.enum(['bip44', 'ledger-live', 'legacy']);
const feeModel = z.enum(['eip1559', 'op-stack', 'arbitrum', 'legacy']);

const account = z.object({
  scheme,
  index: int,
  path: z.string().max(100),
  address,
});

const networkRef = z.object({
  id: z.string().max(40),
  name: z.string().max(60),
  chainId: z.number().int().positive(),
  nativeSymbol: z.string().max(12),
  decimals: int,
  explorer: z.string().max(200).optional(),
  feeModel,
});

const quote = z.object({
  model: feeModel,
  baseFee: big,
  tip: big,
  maxFeePerGas: big,
  maxPriorityFeePerGas: big,
  blockNumber: int,
});

const warning = z.object({
  code: z.enum([
    'destination-is-contract',
    'destination-delegated',
    'token-refused',
    'top-up-needed',
    'top-up-not-allowed',
    'top-up-short',
    'native-refused',
    'native-below-fee',
    'remainder-expected',
  ]),
  networkId: z.string(),
  account: address.optional(),
  params: z.record(z.string(), z.string().max(200)),
});

const planStep = z.object({
  index: int,
  kind: z.enum(['top-up', 'token', 'native']),
  networkId: z.string(),
  chainId: z.number().int().positive(),
  account,
  signer: z.enum(['source', 'destination', 'executor']),
  from: address,
  to: address,
  asset: z.union([z.literal('native'), address]),
  symbol: z.string().max(20),
  decimals: int,
  amount: big,
  nonce: int,
  gasLimit: big,
  expectedGasUsed: big,
  l1FeeReserve: big,
  l1FeeEstimate: big,
  safe: z
    .object({
      address,
      nonce: int,
      to: address,
      value: big,
      data: z.string().regex(/^0x([0-9a-f]{2})*$/),
      hash,
    })
    .optional(),
});

const plan = z.object({
  destination: z.object({
    address,
    kind: z.enum(['eoa', 'contract', 'delegated']),
    delegate: address.optional(),
  }),
  networks: z.array(networkRef),
  fees: z.array(z.object({ networkId: z.string(), quote, cap: big, maxCost: big })),
  steps: z.array(planStep),
  assets: z.array(
    z.object({
      networkId: z.string(),
      account: address,
      asset: z.union([z.literal('native'), address]),
      symbol: z.string().max(20),
      decimals: int,
      balance: big,
      moved: big,
      expectedRemainder: big,
      exact: z.boolean(),
    }),
  ),
  // Cases written before warnings were codes carry English notes instead; those notes are
  // dropped on reading (they explain, they decide nothing), the rest of the case is kept.
  warnings: z
    .array(z.union([warning, z.object({ code: z.string(), message: z.string() })]))
    .transform((list) => list.filter((w): w is PlanWarning => 'params' in w)),
});

const caseError = z.object({
  code: z.string(),
  message: z.string(),
  at: date,
  details: z
    .record(z.string(), z.union([z.string().max(300), z.number(), z.boolean(), z.null()]))
    .optional(),
});

const attempt = z.object({
  hash,
  raw: z.string().regex(/^0x([0-9a-f]{2})+$/),
  nonce: int,
  maxFeePerGas: big,
  amount: big,
  signedAt: date,
  broadcastAt: date.optional(),
  reason: z.enum(['initial', 'fee-rise', 'fee-refused']),
});

const step = z.object({
  index: int,
  state: z.enum(['planned', 'signed', 'broadcast', 'included', 'confirmed', 'failed']),
  attempts: z.array(attempt),
  included: z
    .object({
      hash,
      blockNumber: int,
      blockHash: hash,
      status: z.enum(['success', 'reverted']),
      gasUsed: big,
      effectiveGasPrice: big.optional(),
      l1Fee: big.optional(),
    })
    .optional(),
  confirmations: int.optional(),
  error: caseError.optional(),
});

export const caseRecordSchema = z.object({
  format: z.literal(CASE_FORMAT),
  caseId: z.string().regex(/^[a-z0-9-]{8,64}$/),
  planId: z.string().max(64),
  createdAt: date,
  updatedAt: date,
  finishedAt: date.optional(),
  state: z.enum(['running', 'paused', 'finished', 'failed']),
  plan,
  planCreatedAt: date,
  source: z.object({
    kind: z.enum(['card', 'secret', 'safe']),
    keyUid: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    addresses: z.array(address),
  }),
  destination: z.object({
    address,
    keyUid: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  }),
  scanned: z.object({
    schemes: z.array(scheme),
    networkIds: z.array(z.string()),
    addresses: int,
    tokens: int,
  }),
  confirmations: z.number().int().positive(),
  steps: z.array(step),
  safe: z
    .object({
      address,
      networkId: z.string(),
      owners: z.array(address).min(1),
      threshold: z.number().int().positive(),
      executor: address,
      signatures: z.array(
        z.object({
          hash,
          owner: address,
          signature: z.string().regex(/^0x[0-9a-f]{128}(1b|1c)$/),
          signedAt: date,
        }),
      ),
    })
    .optional(),
  stopped: caseError.optional(),
  verification: z
    .object({
      at: date,
      assets: z.array(
        z.object({
          networkId: z.string(),
          account: address,
          asset: z.union([z.literal('native'), address]),
          balance: big,
        }),
      ),
    })
    .optional(),
});

// The schema's output must be exactly the record type, so nothing is lost on a round trip.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const roundTrips: Same<z.output<typeof caseRecordSchema>, CaseRecord> = true;
void roundTrips;

/** JSON with bigints as decimal strings (the schema turns them back). */
export function serializeCase(record: CaseRecord): string {
  return `${JSON.stringify(record, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`;
}
