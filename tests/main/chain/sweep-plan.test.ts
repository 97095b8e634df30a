import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  planSweep,
  type NetworkFacts,
  type SourceFacts,
  type SweepPlan,
} from '../../../main/chain/sweep-plan';
import type { FeeModel } from '../../../main/chain/networks';
import { isLifeboatError } from '../../../main/errors';

const SOURCE = '0x1111111111111111111111111111111111111111';
const SOURCE_2 = '0x2222222222222222222222222222222222222222';
const DEST = '0x3333333333333333333333333333333333333333';
const TOKEN_A = '0xAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAa';
const TOKEN_B = '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB';
const GWEI = 10n ** 9n;
const ETHER = 10n ** 18n;

function source(overrides: Partial<SourceFacts> = {}, address = SOURCE): SourceFacts {
  return {
    account: { scheme: 'bip44', index: 0, path: "m/44'/60'/0'/0/0", address },
    native: ETHER,
    nonce: 7,
    tokens: [],
    refusedTokens: [],
    nativeGasEstimate: 21_000n,
    nativeL1Fee: 0n,
    topUpGasEstimate: 21_000n,
    topUpL1Fee: 0n,
    ...overrides,
  };
}

function token(address: string, balance: bigint, gasEstimate = 50_000n, l1Fee = 0n) {
  return {
    token: { address, symbol: address === TOKEN_A ? 'AAA' : 'BBB', decimals: 6 },
    balance,
    gasEstimate,
    l1Fee,
  };
}

function facts(
  sources: SourceFacts[],
  options: {
    model?: FeeModel;
    maxFee?: bigint;
    baseFee?: bigint;
    kind?: 'eoa' | 'contract' | 'delegated';
    destNative?: bigint;
    canSign?: boolean;
  } = {},
): NetworkFacts {
  const maxFee = options.maxFee ?? 30n * GWEI;
  return {
    network: {
      id: 'net',
      name: 'Net',
      chainId: 5,
      nativeSymbol: 'ETH',
      decimals: 18,
      feeModel: options.model ?? 'eip1559',
    },
    fee: {
      model: options.model ?? 'eip1559',
      baseFee: options.baseFee ?? 20n * GWEI,
      tip: GWEI,
      maxFeePerGas: maxFee,
      maxPriorityFeePerGas: maxFee,
      blockNumber: 100,
    },
    destination: {
      address: DEST,
      kind: options.kind ?? 'eoa',
      native: options.destNative ?? 0n,
      nonce: 3,
      canSign: options.canSign ?? false,
    },
    sources,
  };
}

/**
 * Replays a plan the way the chain charges it, independently of the planner's formulas:
 * every step uses its expected gas at maxFee (the tip equals maxFee) plus its L1 fee, and the
 * native step sends whatever the balance is then, minus gasLimit · maxFee and its L1 reserve.
 */
function replay(plan: SweepPlan, f: NetworkFacts) {
  const maxFee = f.fee.maxFeePerGas;
  const native = new Map<string, bigint>(f.sources.map((s) => [s.account.address, s.native]));
  native.set(DEST, f.destination.native);
  const moved = new Map<string, bigint>();
  for (const step of plan.steps) {
    const cost = step.expectedGasUsed * maxFee + step.l1FeeEstimate;
    let value = 0n;
    if (step.kind === 'native')
      value = native.get(step.from)! - step.gasLimit * maxFee - step.l1FeeReserve;
    if (step.kind === 'top-up') value = step.amount;
    expect(value).toBeGreaterThanOrEqual(0n);
    expect(native.get(step.from)! - cost - value).toBeGreaterThanOrEqual(0n);
    native.set(step.from, native.get(step.from)! - cost - value);
    native.set(step.to, (native.get(step.to) ?? 0n) + value);
    if (step.kind !== 'top-up')
      moved.set(`${step.from}|${step.asset}`, step.kind === 'token' ? step.amount : value);
  }
  return { native, moved };
}

describe('planSweep', () => {
  it('moves tokens first and the native coin last, leaving exactly zero for an address without code', () => {
    const f = facts([source({ tokens: [token(TOKEN_A, 500n), token(TOKEN_B, 9n, 65_000n)] })]);
    const plan = planSweep([f], { feeCaps: {}, allowTopUp: false });

    expect(plan.steps.map((s) => [s.kind, s.asset, s.nonce])).toEqual([
      ['token', TOKEN_A, 7],
      ['token', TOKEN_B, 8],
      ['native', 'native', 9],
    ]);
    const native = plan.steps[2]!;
    expect(native.gasLimit).toBe(21_000n);
    // Tokens cost their real gas; the native step keeps exactly 21000 · maxFee for itself.
    const tokenGas = (50_000n + 65_000n) * 30n * GWEI;
    expect(native.amount).toBe(ETHER - tokenGas - 21_000n * 30n * GWEI);
    expect(plan.assets.map((a) => [a.asset, a.expectedRemainder, a.exact])).toEqual([
      [TOKEN_A, 0n, true],
      [TOKEN_B, 0n, true],
      ['native', 0n, true],
    ]);
    expect(plan.warnings).toEqual([]);
    expect(replay(plan, f).native.get(SOURCE)).toBe(0n);
    // The fee total is every step's gas limit at maxFee.
    const limits = plan.steps.reduce((sum, s) => sum + s.gasLimit, 0n);
    expect(plan.fees[0]!.maxCost).toBe(limits * 30n * GWEI);
  });

  it('never leaves dust, whatever the balances, tokens and fees (replayed)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 50n * ETHER }),
        fc.array(
          fc.tuple(
            fc.bigInt({ min: 1n, max: 10n ** 30n }),
            fc.bigInt({ min: 25_000n, max: 120_000n }),
          ),
          {
            maxLength: 4,
          },
        ),
        fc.bigInt({ min: 1n, max: 500n * GWEI }),
        fc.constantFrom<FeeModel>('eip1559', 'legacy'),
        (balance, held, maxFee, model) => {
          fc.pre(balance > 0n || held.length > 0);
          const tokens = held.map(([amount, gas], i) =>
            token(`0x${(i + 10).toString(16).padStart(40, '0')}`, amount, gas),
          );
          const f = facts([source({ native: balance, tokens })], { maxFee, model });
          const plan = planSweep([f], { feeCaps: { net: maxFee }, allowTopUp: false });
          const result = replay(plan, f);
          const nativeAsset = plan.assets.find((a) => a.asset === 'native');
          const tokenSteps = plan.steps.filter((s) => s.kind === 'token');
          if (plan.warnings.some((w) => w.code === 'top-up-needed')) {
            expect(plan.steps).toEqual([]);
            expect(result.native.get(SOURCE)).toBe(balance);
            return;
          }
          expect(tokenSteps.length).toBe(tokens.length);
          const nativeStep = plan.steps.find((s) => s.kind === 'native');
          if (nativeStep) {
            expect(result.native.get(SOURCE)).toBe(0n);
            expect(nativeAsset?.expectedRemainder).toBe(0n);
          } else if (balance > 0n) {
            // Too little to pay for its own transfer: it stays, and the plan says how much.
            expect(nativeAsset?.expectedRemainder).toBe(result.native.get(SOURCE));
            expect(plan.warnings.map((w) => w.code)).toContain('native-below-fee');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('plans a top-up from the destination when tokens cannot pay their gas, and then leaves zero', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 1, max: 3 }),
        fc.bigInt({ min: 1n, max: 200n * GWEI }),
        (seed, count, maxFee) => {
          const tokens = Array.from({ length: count }, (_, i) =>
            token(`0x${(i + 10).toString(16).padStart(40, '0')}`, 1000n, 60_000n),
          );
          // Less than the token transfers' gas limits (60000 + 20 %) at maxFee.
          const balance = seed % (BigInt(count) * 72_000n * maxFee);
          const f = facts([source({ native: balance, tokens })], {
            maxFee,
            canSign: true,
            destNative: 10n * ETHER,
          });
          const plan = planSweep([f], { feeCaps: { net: maxFee }, allowTopUp: true });
          expect(plan.steps[0]).toMatchObject({
            kind: 'top-up',
            from: DEST,
            to: SOURCE,
            nonce: 3,
            signer: 'destination',
          });
          expect(plan.steps.at(-1)!.kind).toBe('native');
          const result = replay(plan, f);
          expect(result.native.get(SOURCE)).toBe(0n);
          for (const t of tokens)
            expect(result.moved.get(`${SOURCE}|${t.token.address}`)).toBe(1000n);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('says a top-up is needed, and moves nothing, when nobody can pay the gas', () => {
    const f = facts([source({ native: 5n, tokens: [token(TOKEN_A, 1n)] })]);
    const plan = planSweep([f], { feeCaps: {}, allowTopUp: true });
    expect(plan.steps).toEqual([]);
    expect(plan.warnings.map((w) => w.code)).toEqual(['top-up-needed']);
    expect(plan.assets.map((a) => [a.asset, a.moved, a.expectedRemainder])).toEqual([
      [TOKEN_A, 0n, 1n],
      ['native', 0n, 5n],
    ]);
    const poor = planSweep([facts(f.sources, { canSign: true, destNative: 1n })], {
      feeCaps: {},
      allowTopUp: true,
    });
    expect(poor.steps).toEqual([]);
    expect(poor.warnings).toEqual([
      {
        code: 'top-up-short',
        networkId: 'net',
        account: SOURCE,
        params: {
          topUp: expect.stringMatching(/^\d+$/),
          available: '1',
          symbol: 'ETH',
          decimals: '18',
        },
      },
    ]);
  });

  it('shows the unused gas that stays behind at a contract destination', () => {
    const f = facts([source({ nativeGasEstimate: 30_000n })], { kind: 'contract' });
    const plan = planSweep([f], { feeCaps: {}, allowTopUp: false });
    const step = plan.steps[0]!;
    expect(step.gasLimit).toBe(33_000n);
    const left = (33_000n - 30_000n) * 30n * GWEI;
    expect(plan.assets[0]).toMatchObject({ expectedRemainder: left, exact: false });
    expect(replay(plan, f).native.get(SOURCE)).toBe(left);
    expect(plan.warnings.map((w) => w.code)).toEqual([
      'destination-is-contract',
      'remainder-expected',
    ]);
  });

  it('keeps an OP-stack L1 fee reserve and expects only its unused part to stay', () => {
    const f = facts([source({ nativeL1Fee: 1000n, tokens: [token(TOKEN_A, 4n, 50_000n, 400n)] })], {
      model: 'op-stack',
    });
    const plan = planSweep([f], { feeCaps: {}, allowTopUp: false });
    expect(plan.steps.map((s) => s.l1FeeReserve)).toEqual([600n, 1500n]);
    const nativeAsset = plan.assets.find((a) => a.asset === 'native')!;
    expect(nativeAsset).toMatchObject({ expectedRemainder: 500n, exact: false });
    expect(replay(plan, f).native.get(SOURCE)).toBe(500n);
  });

  it('estimates gas on Arbitrum, where the tip is not paid', () => {
    const f = facts([source({ nativeGasEstimate: 400_000n })], {
      model: 'arbitrum',
      baseFee: 10n * GWEI,
    });
    const plan = planSweep([f], { feeCaps: {}, allowTopUp: false });
    expect(plan.steps[0]!.gasLimit).toBe(440_000n);
    // The chain charges gasUsed · baseFee; the rest of gasLimit · maxFee stays.
    expect(plan.assets[0]!.expectedRemainder).toBe(440_000n * 30n * GWEI - 400_000n * 10n * GWEI);
    expect(plan.assets[0]!.exact).toBe(false);
  });

  it('leaves refused tokens and explains why', () => {
    const f = facts([
      source({ refusedTokens: [{ token: token(TOKEN_B, 0n).token, balance: 77n }] }),
    ]);
    const plan = planSweep([f], { feeCaps: {}, allowTopUp: false });
    expect(plan.steps.map((s) => s.kind)).toEqual(['native']);
    expect(plan.assets[0]).toMatchObject({ asset: TOKEN_B, moved: 0n, expectedRemainder: 77n });
    expect(plan.warnings).toEqual([
      { code: 'token-refused', networkId: 'net', account: SOURCE, params: { symbol: 'BBB' } },
    ]);
  });

  it('gives each source its own nonces and shares the destination nonce across top-ups', () => {
    const poor = { native: 0n, tokens: [token(TOKEN_A, 1n)] };
    const f = facts([source({ ...poor, nonce: 0 }), source({ ...poor, nonce: 4 }, SOURCE_2)], {
      canSign: true,
      destNative: ETHER,
    });
    const plan = planSweep([f], { feeCaps: {}, allowTopUp: true });
    expect(plan.steps.map((s) => [s.kind, s.from, s.nonce])).toEqual([
      ['top-up', DEST, 3],
      ['token', SOURCE, 0],
      ['native', SOURCE, 1],
      ['top-up', DEST, 4],
      ['token', SOURCE_2, 4],
      ['native', SOURCE_2, 5],
    ]);
    expect(plan.steps.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses a fee above the cap, a destination that is a source, and an empty wallet', () => {
    const catchCode = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return isLifeboatError(error) ? error.code : 'not a LifeboatError';
      }
      return 'no error';
    };
    expect(
      catchCode(() =>
        planSweep([facts([source()])], { feeCaps: { net: 29n * GWEI }, allowTopUp: false }),
      ),
    ).toBe('fee-cap-exceeded');
    expect(
      catchCode(() => planSweep([facts([source({}, DEST)])], { feeCaps: {}, allowTopUp: false })),
    ).toBe('destination-refused');
    expect(
      catchCode(() =>
        planSweep([facts([source({ native: 0n })])], { feeCaps: {}, allowTopUp: false }),
      ),
    ).toBe('nothing-to-move');
    expect(catchCode(() => planSweep([], { feeCaps: {}, allowTopUp: false }))).toBe(
      'nothing-to-move',
    );
  });

  it('refuses the zero address, reserved addresses and the burn address as destination', () => {
    for (const address of [
      '0x0000000000000000000000000000000000000000',
      '0x0000000000000000000000000000000000000009',
      '0x000000000000000000000000000000000000dEaD',
    ]) {
      const network = facts([source()]);
      network.destination.address = address;
      expect(() => planSweep([network], { feeCaps: {}, allowTopUp: false })).toThrow(
        expect.objectContaining({ code: 'destination-refused' }),
      );
    }
  });

  it('refuses two networks with the same chain id instead of counting their funds twice', () => {
    const one = facts([source()]);
    const twice = facts([source()]);
    twice.network = { ...twice.network, id: 'net-again', name: 'Net again' };
    expect(() => planSweep([one, twice], { feeCaps: {}, allowTopUp: false })).toThrow(
      expect.objectContaining({ code: 'duplicate-chain-id' }),
    );
  });

  it('defaults the fee cap to three times the quote', () => {
    const plan = planSweep([facts([source()])], { feeCaps: {}, allowTopUp: false });
    expect(plan.fees[0]!.cap).toBe(90n * GWEI);
  });
});
