// Sweeps against a real local EVM node, through the same chain service the console uses:
// discovery → plan → case → signatures → broadcast → inclusion → verification.
import { afterEach, describe, expect, it } from 'vitest';
import { formatUnits, getAddress, hexlify, randomBytes } from 'ethers';
import type { Destination, SourceRef } from '../../../preload/api';
import { customNetwork, presetNetwork, type Network } from '../../../main/chain/networks';
import type { Token } from '../../../main/chain/tokens';
import { EvmNode } from '../../support/evm-node';
import { harness, localNetwork, type Harness } from '../../support/chain-harness';
import { testWallet } from '../../support/test-wallet';

const ETHER = 10n ** 18n;
let node: EvmNode | undefined;
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  await node?.stop();
  h = undefined;
  node = undefined;
});

function freshAddress(): string {
  return getAddress(hexlify(randomBytes(20)));
}

async function tokens(n: EvmNode, specs: [string, number][]): Promise<Token[]> {
  const list: Token[] = [];
  for (const [symbol, decimals] of specs) {
    list.push({ address: await n.deployToken(symbol, decimals), symbol, decimals });
  }
  return list;
}

async function sweep(service: Harness['service'], source: SourceRef, destination: Destination) {
  const discovery = await service.discover({ source });
  const plan = await service.plan({ discoveryId: discovery.discoveryId, destination });
  const started = await service.execute(plan.planId);
  return { discovery, plan, record: await started.done };
}

describe('sweeping a seed-sourced account on a local EVM node', () => {
  it('moves ETH and three ERC-20 tokens to a fresh address and leaves exactly 0 wei', async () => {
    node = await EvmNode.start({ chainId: 31337 });
    const wallet = testWallet();
    const from = wallet.address(1); // index 1: discovery must look past the unused index 0
    const list = await tokens(node, [
      ['AAA', 18],
      ['BBB', 6],
      ['CCC', 0],
    ]);
    const amounts = [123n * ETHER, 4_500_000n, 7n];
    for (const [i, t] of list.entries()) await node.mintToken(t.address, from, amounts[i]!);
    await node.fund(from, 3n * ETHER + 12345n);
    const network = localNetwork(31337, node.url);
    h = harness({ networks: () => [network], tokens: { [network.id]: list } });
    const to = freshAddress();

    const { discovery, plan, record } = await sweep(h.service, h.secret(wallet.seed), {
      kind: 'address',
      address: to,
    });

    expect(discovery.accounts.map((a) => a.address)).toEqual([from]);
    expect(plan.steps.map((s) => s.kind)).toEqual(['token', 'token', 'token', 'native']);
    expect(plan.assets.every((a) => a.expectedRemainder === '0')).toBe(true);
    expect(record.state).toBe('finished');
    expect(await node.balance(from)).toBe(0n);
    for (const [i, t] of list.entries()) {
      expect(await node.tokenBalance(t.address, from)).toBe(0n);
      expect(await node.tokenBalance(t.address, to)).toBe(amounts[i]);
    }
    const sent = await node.transactionsFrom(from);
    expect(sent.map((t) => t.nonce)).toEqual([0, 1, 2, 3]);
    // The destination received exactly the native step's value, and nothing else was lost.
    expect(await node.balance(to)).toBe(sent[3]!.value);
    const report = h.service.report(record.caseId);
    expect(report.assets.map((a) => a.actualRemainder)).toEqual(['0', '0', '0', '0']);
    expect(report.transactions.map((t) => t.txHash)).toEqual(sent.map((t) => t.hash));
    expect(report.transactions.map((t) => t.step)).toEqual([0, 1, 2, 3]);
    expect(report.text).toContain(to);
    // The native amount is priced again at signing: the text sets it beside the planned one.
    const planned = plan.assets.find((a) => a.asset === 'native')!.moved;
    const native = report.assets.find((a) => a.asset === 'native')!.moved;
    if (native === planned) expect(report.text).not.toContain('(planned');
    else expect(report.text).toContain(`(planned ${formatUnits(BigInt(planned), 18)} ETH:`);
  });

  it('shows the expected remainder for a contract destination, and the result matches it', async () => {
    node = await EvmNode.start({ chainId: 31337 });
    const wallet = testWallet();
    const from = wallet.address(0);
    await node.fund(from, 2n * ETHER);
    const recipient = await node.deploy('PayableRecipient');
    const network = localNetwork(31337, node.url);
    h = harness({ networks: () => [network] });

    const { plan, record } = await sweep(h.service, h.secret(wallet.seed), {
      kind: 'address',
      address: recipient,
    });

    expect(plan.warnings.map((w) => w.code)).toContain('destination-is-contract');
    const step = plan.steps[0]!;
    expect(BigInt(step.fee.gasLimit)).toBeGreaterThan(21_000n);
    const expected = BigInt(plan.assets[0]!.expectedRemainder);
    expect(expected).toBeGreaterThan(0n);
    expect(record.state).toBe('finished');
    const left = await node.balance(from);
    expect(left).toBe(expected);
    // Independently: what stays is the unused gas, paid at maxFee because tip = maxFee.
    const included = record.steps[0]!.included!;
    expect(included.gasUsed).toBeGreaterThan(21_000n + 2_300n);
    expect(left).toBe(
      (BigInt(step.fee.gasLimit) - included.gasUsed) * BigInt(step.fee.maxFeePerGas),
    );
  });

  it('treats an EIP-7702 delegated destination like a contract', async () => {
    node = await EvmNode.start({ chainId: 31337 });
    const wallet = testWallet();
    const from = wallet.address(0);
    await node.fund(from, ETHER);
    const delegate = await node.deploy('PayableRecipient');
    const to = freshAddress();
    await node.setCode(to, `0xef0100${delegate.slice(2).toLowerCase()}`);
    const network = localNetwork(31337, node.url);
    h = harness({ networks: () => [network] });

    const { plan, record } = await sweep(h.service, h.secret(wallet.seed), {
      kind: 'address',
      address: to,
    });

    expect(plan.warnings).toContainEqual({
      code: 'destination-delegated',
      networkId: network.id,
      params: { delegate, symbol: 'ETH' },
    });
    expect(record.state).toBe('finished');
    expect((await node.balance(from)).toString()).toBe(plan.assets[0]!.expectedRemainder);
  });

  it('says when tokens cannot pay their gas, and moves everything with a top-up from the destination', async () => {
    node = await EvmNode.start({ chainId: 31337 });
    const wallet = testWallet();
    const from = wallet.address(0);
    const list = await tokens(node, [
      ['AAA', 18],
      ['BBB', 6],
    ]);
    for (const t of list) await node.mintToken(t.address, from, 1000n);
    await node.fund(from, 1000n); // far too little for any gas
    const network = localNetwork(31337, node.url);
    h = harness({ networks: () => [network], tokens: { [network.id]: list } });
    const source = h.secret(wallet.seed);

    // To a plain address nobody here can sign for: the plan says so and moves nothing.
    const discovery = await h.service.discover({ source });
    const blocked = await h.service.plan({
      discoveryId: discovery.discoveryId,
      destination: { kind: 'address', address: freshAddress() },
      allowTopUp: true,
    });
    expect(blocked.steps).toEqual([]);
    expect(blocked.warnings.map((w) => w.code)).toEqual(['top-up-needed']);
    expect(blocked.assets.map((a) => a.expectedRemainder)).toEqual(['1000', '1000', '1000']);

    // To a wallet the person holds, which can pay the gas first.
    const newWallet = testWallet();
    const to = newWallet.address(0);
    await node.fund(to, ETHER);
    const plan = await h.service.plan({
      discoveryId: discovery.discoveryId,
      destination: h.secret(newWallet.seed),
      allowTopUp: true,
    });
    expect(plan.steps.map((s) => [s.kind, s.from, s.to])).toEqual([
      ['top-up', to, from],
      ['token', from, to],
      ['token', from, to],
      ['native', from, to],
    ]);
    const record = await (await h.service.execute(plan.planId)).done;
    expect(record.state).toBe('finished');
    expect(await node.balance(from)).toBe(0n);
    for (const t of list) expect(await node.tokenBalance(t.address, to)).toBe(1000n);
    expect((await node.transactionsFrom(to)).length).toBe(1);
  });

  it('keeps the OP-stack L1 data fee aside and reports what it leaves', async () => {
    node = await EvmNode.start({ chainId: 10, chainType: 'op' });
    // Ecotone fee scalars of the L1Block predeploy (slot 3: base fee scalar at byte 16,
    // blob base fee scalar at byte 20), so the L1 data fee is not zero.
    const scalars = `0x${'0'.repeat(32)}${(5227).toString(16).padStart(8, '0')}${(1014213).toString(16).padStart(8, '0')}${'0'.repeat(16)}`;
    await node.request('hardhat_setStorageAt', [
      '0x4200000000000000000000000000000000000015',
      '0x3',
      scalars,
    ]);
    const wallet = testWallet();
    const from = wallet.address(0);
    await node.fund(from, ETHER);
    const network: Network = presetNetwork('optimism', [node.url]);
    h = harness({ networks: () => [network] });

    const { plan, record } = await sweep(h.service, h.secret(wallet.seed), {
      kind: 'address',
      address: freshAddress(),
    });

    const step = plan.steps[0]!;
    const reserve = BigInt(step.fee.l1Fee ?? '0');
    expect(reserve).toBeGreaterThan(0n);
    expect(plan.warnings.map((w) => w.code)).toContain('remainder-expected');
    expect(record.state).toBe('finished');
    const charged = record.steps[0]!.included!.l1Fee!;
    expect(charged).toBeGreaterThan(0n);
    // Gas is paid at exactly maxFee, so what stays is the unused part of the L1 reserve.
    expect(await node.balance(from)).toBe(reserve - charged);
  });
});

describe('sweeping several networks and fee models', () => {
  it('sweeps two networks in one case, each to exactly 0 wei', async () => {
    node = await EvmNode.start({ chainId: 31337 });
    const second = await EvmNode.start({ chainId: 31338 });
    try {
      const wallet = testWallet();
      const from = wallet.address(0);
      await node.fund(from, ETHER);
      await second.fund(from, 2n * ETHER);
      const networks = [localNetwork(31337, node.url), localNetwork(31338, second.url)];
      h = harness({ networks: () => networks });
      const to = freshAddress();
      const { plan, record } = await sweep(h.service, h.secret(wallet.seed), {
        kind: 'address',
        address: to,
      });
      expect(plan.steps.map((s) => [s.networkId, s.kind])).toEqual([
        ['chain-31337', 'native'],
        ['chain-31338', 'native'],
      ]);
      expect(plan.totalFees.map((f) => f.networkId)).toEqual(['chain-31337', 'chain-31338']);
      expect(record.state).toBe('finished');
      expect([await node.balance(from), await second.balance(from)]).toEqual([0n, 0n]);
      expect(await second.balance(to)).toBe((await second.transactionsFrom(from))[0]!.value);
    } finally {
      await second.stop();
    }
  });

  it('sweeps with legacy (type-0) transactions to exactly 0 wei', async () => {
    node = await EvmNode.start({ chainId: 31337 });
    const wallet = testWallet();
    const from = wallet.address(0);
    const list = await tokens(node, [['LEG', 18]]);
    await node.mintToken(list[0]!.address, from, 9n);
    await node.fund(from, ETHER);
    const network = customNetwork({ chainId: 31337, rpcUrls: [node.url], feeModel: 'legacy' });
    h = harness({ networks: () => [network], tokens: { [network.id]: list } });

    const { record } = await sweep(h.service, h.secret(wallet.seed), {
      kind: 'address',
      address: freshAddress(),
    });

    expect(record.state).toBe('finished');
    expect(await node.balance(from)).toBe(0n);
    const types = await Promise.all(
      record.steps.map(
        async (s) =>
          (await node!.request<{ type: string }>('eth_getTransactionByHash', [s.included!.hash]))
            .type,
      ),
    );
    expect(types).toEqual(['0x0', '0x0']);
  });
});

describe('the fee cap', () => {
  it('refuses a plan whose fee is above the cap', async () => {
    node = await EvmNode.start({ chainId: 31337 });
    const wallet = testWallet();
    await node.fund(wallet.address(0), ETHER);
    const network = localNetwork(31337, node.url);
    h = harness({ networks: () => [network], maxFeePerGas: 1n });
    const discovery = await h.service.discover({ source: h.secret(wallet.seed) });
    await expect(
      h.service.plan({
        discoveryId: discovery.discoveryId,
        destination: { kind: 'address', address: freshAddress() },
      }),
    ).rejects.toMatchObject({ code: 'fee-cap-exceeded' });
  });
});
