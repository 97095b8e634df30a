// Pipelined sweeps against real local nodes that mine only when told: every token step of
// every account is sent before any is included, the native steps follow once their tokens
// are on chain, networks run at once, top-ups go out together, and a base-fee rise replaces
// every pending transaction at its own nonce within the cap.
import { afterEach, describe, expect, it } from 'vitest';
import { getAddress, hexlify, randomBytes } from 'ethers';
import type { Token } from '../../../main/chain/tokens';
import type { CaseRecord } from '../../../main/cases/case-record';
import { EvmNode } from '../../support/evm-node';
import { harness, localNetwork, type Harness } from '../../support/chain-harness';
import { testWallet, type TestWallet } from '../../support/test-wallet';
import { waitFor } from '../../support/wait';

const ETHER = 10n ** 18n;
const nodes: EvmNode[] = [];
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const n of nodes.splice(0)) await n.stop();
});

async function startNode(chainId: number): Promise<EvmNode> {
  const node = await EvmNode.start({ chainId });
  nodes.push(node);
  return node;
}

/** `accounts` funded accounts of one wallet, each holding every token of the list. */
async function fund(
  node: EvmNode,
  wallet: TestWallet,
  accounts: number,
  tokens: number,
  native = ETHER,
): Promise<Token[]> {
  const list: Token[] = [];
  for (let t = 0; t < tokens; t++) {
    const address = await node.deployToken(`P${t}`, 18);
    list.push({ address, symbol: `P${t}`, decimals: 18 });
  }
  for (let a = 0; a < accounts; a++) {
    for (const token of list)
      await node.mintToken(token.address, wallet.address(a), 1000n + BigInt(a));
    if (native > 0n) await node.fund(wallet.address(a), native);
  }
  return list;
}

/** Waits until the node holds `count` pending transactions, then mines them in one block. */
async function mineWhenPending(node: EvmNode, count: number, what: string): Promise<number> {
  await waitFor(
    async () => ((await node.pendingTransactions()).length >= count ? true : undefined),
    20_000,
    what,
  );
  expect((await node.pendingTransactions()).length).toBe(count);
  await node.mine();
  return node.blockNumber();
}

function blocksOf(record: CaseRecord, kind: string): number[] {
  return record.plan.steps
    .filter((s) => s.kind === kind)
    .map((s) => record.steps[s.index]!.included!.blockNumber);
}

describe('a pipelined sweep', () => {
  it('sends 2 accounts × 3 tokens at once, then both native steps: two blocks, 0 left', async () => {
    const node = await startNode(31337);
    const wallet = testWallet();
    const list = await fund(node, wallet, 2, 3);
    const network = localNetwork(31337, node.url);
    h = harness({ networks: () => [network], tokens: { [network.id]: list } });
    const source = h.secret(wallet.seed);
    const discovery = await h.service.discover({ source });
    const to = getAddress(hexlify(randomBytes(20)));
    const plan = await h.service.plan({
      discoveryId: discovery.discoveryId,
      destination: { kind: 'address', address: to },
    });
    expect(plan.steps.map((s) => s.kind)).toEqual([
      'token',
      'token',
      'token',
      'native',
      'token',
      'token',
      'token',
      'native',
    ]);
    await node.setAutomine(false);
    const started = await h.service.execute(plan.planId);
    const tokenBlock = await mineWhenPending(node, 6, 'the six token transfers pending at once');
    const nativeBlock = await mineWhenPending(node, 2, 'both native transfers pending at once');
    const record = await started.done;

    expect(record.state).toBe('finished');
    expect(blocksOf(record, 'token')).toEqual(Array(6).fill(tokenBlock));
    expect(blocksOf(record, 'native')).toEqual([nativeBlock, nativeBlock]);
    expect(nativeBlock).toBe(tokenBlock + 1);
    for (const a of [0, 1]) {
      expect(await node.balance(wallet.address(a))).toBe(0n);
      for (const t of list) expect(await node.tokenBalance(t.address, wallet.address(a))).toBe(0n);
      expect((await node.transactionsFrom(wallet.address(a))).map((t) => t.nonce)).toEqual([
        0, 1, 2, 3,
      ]);
    }
    expect(record.steps.every((s) => s.attempts.length === 1)).toBe(true);
  });

  it('runs two networks at once: both have their tokens pending before either mines', async () => {
    const [one, two] = [await startNode(31337), await startNode(31338)];
    const wallet = testWallet();
    const lists = [await fund(one, wallet, 1, 2), await fund(two, wallet, 1, 2)];
    const networks = [localNetwork(31337, one.url), localNetwork(31338, two.url)];
    h = harness({
      networks: () => networks,
      tokens: { [networks[0]!.id]: lists[0]!, [networks[1]!.id]: lists[1]! },
    });
    const discovery = await h.service.discover({ source: h.secret(wallet.seed) });
    const plan = await h.service.plan({
      discoveryId: discovery.discoveryId,
      destination: { kind: 'address', address: getAddress(hexlify(randomBytes(20))) },
    });
    await one.setAutomine(false);
    await two.setAutomine(false);
    const started = await h.service.execute(plan.planId);
    await waitFor(
      async () => {
        const pending = await Promise.all([one, two].map((n) => n.pendingTransactions()));
        return pending.every((p) => p.length === 2) ? true : undefined;
      },
      20_000,
      'token transfers pending on both networks',
    );
    for (const n of [one, two]) await mineWhenPending(n, 2, 'tokens');
    for (const n of [one, two]) await mineWhenPending(n, 1, 'native');
    const record = await started.done;
    expect(record.state).toBe('finished');
    for (const n of [one, two]) expect(await n.balance(wallet.address(0))).toBe(0n);
  });

  it('sends the gas top-ups of two accounts together, then their tokens, then the rest', async () => {
    const node = await startNode(31337);
    const wallet = testWallet();
    const list = await fund(node, wallet, 2, 2, 1000n);
    const network = localNetwork(31337, node.url);
    h = harness({ networks: () => [network], tokens: { [network.id]: list } });
    const discovery = await h.service.discover({ source: h.secret(wallet.seed) });
    const receiver = testWallet();
    await node.fund(receiver.address(0), ETHER);
    const plan = await h.service.plan({
      discoveryId: discovery.discoveryId,
      destination: h.secret(receiver.seed),
      allowTopUp: true,
    });
    expect(plan.steps.map((s) => s.kind)).toEqual([
      'top-up',
      'token',
      'token',
      'native',
      'top-up',
      'token',
      'token',
      'native',
    ]);
    await node.setAutomine(false);
    const started = await h.service.execute(plan.planId);
    const topUps = await mineWhenPending(node, 2, 'both top-ups pending at once');
    const tokens = await mineWhenPending(node, 4, 'the four token transfers');
    const natives = await mineWhenPending(node, 2, 'both native transfers');
    const record = await started.done;
    expect(record.state).toBe('finished');
    expect(blocksOf(record, 'top-up')).toEqual([topUps, topUps]);
    expect(blocksOf(record, 'token')).toEqual(Array(4).fill(tokens));
    expect(blocksOf(record, 'native')).toEqual([natives, natives]);
    for (const a of [0, 1]) expect(await node.balance(wallet.address(a))).toBe(0n);
  });

  it('replaces every pending transaction at its own nonce when the base fee rises, within the cap', async () => {
    const node = await startNode(31337);
    const wallet = testWallet();
    const list = await fund(node, wallet, 2, 2);
    const network = localNetwork(31337, node.url);
    h = harness({ networks: () => [network], tokens: { [network.id]: list } });
    const discovery = await h.service.discover({ source: h.secret(wallet.seed) });
    const plan = await h.service.plan({
      discoveryId: discovery.discoveryId,
      destination: { kind: 'address', address: getAddress(hexlify(randomBytes(20))) },
    });
    const quoted = BigInt(plan.totalFees[0]!.maxFeePerGas);
    const cap = BigInt(plan.totalFees[0]!.cap);
    await node.setAutomine(false);
    const started = await h.service.execute(plan.planId);
    await waitFor(
      async () => ((await node.pendingTransactions()).length === 4 ? true : undefined),
      20_000,
      'the four token transfers pending',
    );
    // A block whose base fee is above what the pending transactions offer: none fits.
    await node.setNextBaseFee((quoted * 3n) / 2n);
    await node.mine();
    await waitFor(
      async () => {
        const record = h!.service.cases.load(started.caseId);
        return record.steps.filter((s) => s.attempts.length === 2 && s.state === 'broadcast')
          .length === 4
          ? true
          : undefined;
      },
      20_000,
      'every token step replaced and sent again',
    );
    await mineWhenPending(node, 4, 'the replacements');
    await mineWhenPending(node, 2, 'both native transfers');
    const record = await started.done;

    expect(record.state).toBe('finished');
    for (const step of record.plan.steps.filter((s) => s.kind === 'token')) {
      const state = record.steps[step.index]!;
      expect(state.attempts.map((a) => a.reason)).toEqual(['initial', 'fee-rise']);
      expect(state.attempts.map((a) => a.nonce)).toEqual([step.nonce, step.nonce]);
      expect(state.included!.hash).toBe(state.attempts[1]!.hash);
    }
    for (const state of record.steps) {
      for (const attempt of state.attempts) expect(attempt.maxFeePerGas <= cap).toBe(true);
    }
    for (const a of [0, 1]) {
      expect(await node.balance(wallet.address(a))).toBe(0n);
      expect((await node.transactionsFrom(wallet.address(a))).map((t) => t.nonce)).toEqual([
        0, 1, 2,
      ]);
    }
  });
});
