// The EVM step driver's decisions against a fake network: which nonces may be signed, when a
// step is replaced and how high, and which server answers are refused as inconsistent.
import { Transaction, Wallet, getAddress, getBytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { EvmStepDriver } from '../../../../main/chain/evm/step-driver';
import { keySigner } from '../../../../main/chain/key-signer';
import { planSweep, type SweepPlan } from '../../../../main/chain/sweep-plan';
import { FakeChain } from './fake-chain';

// The first Hardhat development account: a public test key.
const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const wallet = new Wallet(KEY);
const FROM = wallet.address;
const DEST = '0x3333333333333333333333333333333333333333';
const TOKEN_A = getAddress(`0x${'aa'.repeat(20)}`);
const TOKEN_B = getAddress(`0x${'bb'.repeat(20)}`);
const NONCE = 4;
const QUOTE = 14n;
const ETHER = 10n ** 18n;

function plan(): SweepPlan {
  const token = (address: string) => ({
    token: { address, symbol: address === TOKEN_A ? 'AAA' : 'BBB', decimals: 18 },
    balance: 1000n,
    gasEstimate: 50_000n,
    l1Fee: 0n,
  });
  return planSweep(
    [
      {
        network: {
          id: 'fake',
          name: 'Fake chain',
          chainId: 31337,
          nativeSymbol: 'ETH',
          decimals: 18,
          feeModel: 'eip1559',
        },
        fee: {
          model: 'eip1559',
          baseFee: 10n,
          tip: 1n,
          maxFeePerGas: QUOTE,
          maxPriorityFeePerGas: QUOTE,
          blockNumber: 100,
        },
        destination: { address: DEST, kind: 'eoa', native: 0n, nonce: 0, canSign: false },
        sources: [
          {
            account: { scheme: 'bip44', index: 0, path: "m/44'/60'/0'/0/0", address: FROM },
            native: ETHER,
            nonce: NONCE,
            tokens: [token(TOKEN_A), token(TOKEN_B)],
            refusedTokens: [],
            nativeGasEstimate: 21_000n,
            nativeL1Fee: 0n,
            topUpGasEstimate: 21_000n,
            topUpL1Fee: 0n,
          },
        ],
      },
    ],
    { feeCaps: {}, allowTopUp: false },
  );
}

function setUp(onChain: number[] = []) {
  const chain = new FakeChain();
  chain.nonces.set(FROM.toLowerCase(), NONCE);
  chain.balances.set(FROM.toLowerCase(), ETHER);
  for (const token of [TOKEN_A, TOKEN_B]) {
    chain.tokenBalances.set(`${token.toLowerCase()}|${FROM.toLowerCase()}`, 1000n);
  }
  let signatures = 0;
  const swept = plan();
  const driver = new EvmStepDriver({
    plan: swept,
    chain: () => chain,
    signer: async () =>
      keySigner(FROM, async (use) => {
        signatures += 1;
        return use(getBytes(KEY));
      }),
    isOnChain: (index) => onChain.includes(index),
  });
  return { chain, driver, plan: swept, signatures: () => signatures };
}

async function rejection(work: Promise<unknown>): Promise<{ code: string; details?: unknown }> {
  try {
    await work;
  } catch (error) {
    return error as { code: string; details?: unknown };
  }
  throw new Error('expected a rejection');
}

describe('the EVM step driver', () => {
  it('signs a later nonce of the sender while the earlier ones are still pending', async () => {
    const { driver, plan: swept } = setUp();
    const second = await driver.sign(1);
    expect(second.nonce).toBe(NONCE + 1);
    const tx = Transaction.from(second.raw);
    expect([tx.nonce, tx.to, tx.from]).toEqual([NONCE + 1, TOKEN_B, FROM]);
    expect(second.maxFeePerGas).toBe(QUOTE);
    expect(driver.waits(2)).toEqual({ onChain: [0, 1], sent: [0, 1] });
    expect(driver.waits(0)).toEqual({ onChain: [], sent: [] });
    expect(swept.steps.map((s) => s.kind)).toEqual(['token', 'token', 'native']);
  });

  it('refuses to sign a nonce another transaction already took, and signs nothing', async () => {
    const { chain, driver, signatures } = setUp();
    chain.nonces.set(FROM.toLowerCase(), NONCE + 1);
    const error = await rejection(driver.sign(0));
    expect(error).toMatchObject({
      code: 'nonce-conflict',
      details: { nonce: NONCE, chainNonce: NONCE + 1 },
    });
    expect(signatures()).toBe(0);
  });

  it('refuses a server that reports an older nonce than steps already on chain', async () => {
    const { driver, signatures } = setUp([0]);
    // Step 0 (nonce 4) is recorded on chain, but the server still says the next nonce is 4.
    expect(await rejection(driver.sign(1))).toMatchObject({
      code: 'rpc-inconsistent',
      details: { what: 'nonce' },
    });
    expect(signatures()).toBe(0);
  });

  it('replaces a transaction refused for its fee at the same nonce, at least 10 % higher', async () => {
    const { chain, driver } = setUp();
    const first = await driver.sign(0);
    chain.refuseWith = 'max fee per gas less than block base fee';
    expect(await driver.send(0, [first])).toEqual({ kind: 'replace', reason: 'fee-refused' });
    const second = await driver.replace(0, [first], 'fee-refused');
    expect(second.nonce).toBe(first.nonce);
    expect(second.reason).toBe('fee-refused');
    expect(second.maxFeePerGas * 100n).toBeGreaterThanOrEqual(first.maxFeePerGas * 110n);
    expect(await driver.send(0, [first, second])).toEqual({ kind: 'sent' });
    expect(chain.sent).toEqual([first.raw, second.raw]);
  });

  it('replaces a pending transaction once the base fee has passed its fee', async () => {
    const { chain, driver } = setUp();
    const first = await driver.sign(0);
    expect(await driver.stale(0, [first])).toBeUndefined();
    chain.baseFee = QUOTE + 1n;
    expect(await driver.stale(0, [first])).toBe('fee-rise');
    expect(await driver.send(0, [first])).toEqual({ kind: 'replace', reason: 'fee-rise' });
    expect(chain.sent).toEqual([]);
  });

  it('never signs above the cap: the fee needed and the cap are in the refusal', async () => {
    const { chain, driver, plan: swept, signatures } = setUp();
    const cap = swept.fees[0]!.cap;
    chain.baseFee = cap;
    const error = await rejection(driver.sign(0));
    expect(error).toMatchObject({
      code: 'fee-cap-exceeded',
      details: { cap: cap.toString(), network: 'fake' },
    });
    expect(
      BigInt(String((error.details as { maxFeePerGas: string }).maxFeePerGas)),
    ).toBeGreaterThan(cap);
    expect(signatures()).toBe(0);
  });

  it('refuses a server that reports another hash for the transaction it was sent', async () => {
    const { chain, driver } = setUp();
    const first = await driver.sign(0);
    chain.reportHash = `0x${'ab'.repeat(32)}`;
    expect(await rejection(driver.send(0, [first]))).toMatchObject({
      code: 'rpc-inconsistent',
      details: { what: 'transaction hash' },
    });
  });

  it('reads server refusals: known is sent, a used nonce is looked at again, others stop', async () => {
    const { chain, driver } = setUp();
    const first = await driver.sign(0);
    chain.refuseWith = 'already known';
    expect(await driver.send(0, [first])).toEqual({ kind: 'sent' });
    chain.refuseWith = 'nonce too low';
    expect(await driver.send(0, [first])).toEqual({ kind: 'later' });
    chain.refuseWith = 'insufficient funds for gas * price + value';
    expect(await rejection(driver.send(0, [first]))).toMatchObject({ code: 'insufficient-gas' });
    chain.refuseWith = 'execution reverted: paused';
    expect(await rejection(driver.send(0, [first]))).toMatchObject({ code: 'tx-rejected' });
  });

  it('finds which attempt was included, and a nonce taken by someone else', async () => {
    const { chain, driver } = setUp();
    const first = await driver.sign(0);
    expect(await driver.reconcile(0, [first])).toEqual({ kind: 'pending' });
    const receipt = chain.include(first.raw);
    expect(await driver.reconcile(0, [first])).toEqual({
      kind: 'included',
      inclusion: {
        hash: first.hash,
        blockNumber: receipt.blockNumber,
        blockHash: receipt.blockHash,
        status: 'success',
        gasUsed: receipt.gasUsed,
        effectiveGasPrice: receipt.effectiveGasPrice,
      },
    });

    const other = await driver.sign(1);
    chain.nonces.set(FROM.toLowerCase(), NONCE + 2);
    expect(await rejection(driver.reconcile(1, [other]))).toMatchObject({
      code: 'nonce-conflict',
    });
  });

  it('moves everything but its maximum fee in the native step, from the balance left', async () => {
    const { chain, driver } = setUp([0, 1]);
    chain.nonces.set(FROM.toLowerCase(), NONCE + 2);
    chain.balances.set(FROM.toLowerCase(), 123_456_789n * 10n ** 9n);
    const native = await driver.sign(2);
    expect(native.amount).toBe(123_456_789n * 10n ** 9n - 21_000n * QUOTE);
    const tx = Transaction.from(native.raw);
    expect([tx.to, tx.value, tx.gasLimit, tx.maxPriorityFeePerGas]).toEqual([
      DEST,
      native.amount,
      21_000n,
      QUOTE,
    ]);
  });

  it('tells a reorganisation from depth', async () => {
    const { chain, driver } = setUp();
    const first = await driver.sign(0);
    const receipt = chain.include(first.raw);
    const inclusion = {
      hash: first.hash,
      blockNumber: receipt.blockNumber,
      blockHash: receipt.blockHash,
      status: 'success' as const,
      gasUsed: receipt.gasUsed,
    };
    chain.head += 2;
    expect(await driver.depth(0, inclusion)).toEqual({
      kind: 'deep',
      confirmations: 3,
      reverted: false,
    });
    chain.receipts.set(first.hash, { ...receipt, blockHash: `0x${'cd'.repeat(32)}` });
    expect(await driver.depth(0, inclusion)).toEqual({ kind: 'reorged' });
  });
});
