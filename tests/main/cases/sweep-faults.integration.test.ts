// What goes wrong between planning and inclusion, against a real local node: the base fee
// rises above maxFee, the RPC server dies mid-sweep or lies, balances move, another
// transaction takes a planned nonce.
import { afterEach, describe, expect, it } from 'vitest';
import { getAddress, hexlify, randomBytes } from 'ethers';
import type { SweepEvent } from '../../../preload/api';
import { ChainConnection } from '../../../main/chain/connection';
import { prepareSweep } from '../../../main/chain/prepare-sweep';
import type { Token } from '../../../main/chain/tokens';
import { EvmNode } from '../../support/evm-node';
import { harness, localNetwork, type Harness } from '../../support/chain-harness';
import { RpcProxy } from '../../support/rpc-proxy';
import { testWallet, type TestWallet } from '../../support/test-wallet';

const ETHER = 10n ** 18n;
let node: EvmNode | undefined;
let h: Harness | undefined;
const proxies: RpcProxy[] = [];

afterEach(async () => {
  await h?.close();
  for (const p of proxies.splice(0)) await p.stop();
  await node?.stop();
  h = undefined;
  node = undefined;
});

function freshAddress(): string {
  return getAddress(hexlify(randomBytes(20)));
}

/** A funded source with `tokenCount` tokens, on a node reached through `url` (default: direct). */
async function funded(tokenCount: number, url?: (node: EvmNode) => Promise<string>) {
  node = await EvmNode.start({ chainId: 31337 });
  const wallet = testWallet();
  const from = wallet.address(0);
  const list: Token[] = [];
  for (let i = 0; i < tokenCount; i++) {
    const address = await node.deployToken(`T${i}`, 18);
    await node.mintToken(address, from, 1000n + BigInt(i));
    list.push({ address, symbol: `T${i}`, decimals: 18 });
  }
  await node.fund(from, ETHER);
  const network = localNetwork(31337, url ? await url(node) : node.url);
  h = harness({ networks: () => [network], tokens: { [network.id]: list } });
  return { node, h, wallet, from, list, network };
}

async function planFor(harnessed: Harness, wallet: TestWallet, to = freshAddress()) {
  const source = harnessed.secret(wallet.seed);
  const discovery = await harnessed.service.discover({ source });
  const plan = await harnessed.service.plan({
    discoveryId: discovery.discoveryId,
    destination: { kind: 'address', address: to },
  });
  return { source, plan, to };
}

async function proxyFor(n: EvmNode): Promise<RpcProxy> {
  const proxy = await RpcProxy.start(n.url);
  proxies.push(proxy);
  return proxy;
}

describe('a base fee that rises between planning and inclusion', () => {
  /**
   * Executes with manual mining: every broadcast is mined at once, except that the native
   * step's first broadcast is answered by a block whose base fee is `rise` × its maxFee.
   */
  async function executeWithRise(rise: (maxFee: bigint) => bigint) {
    const { node: n, h: hh, wallet, from } = await funded(2);
    const { source, plan } = await planFor(hh, wallet);
    await n.setAutomine(false);
    const native = plan.steps.at(-1)!;
    let raised = false;
    let mining = Promise.resolve();
    const onEvent = (event: SweepEvent) => {
      if (event.type !== 'step' || event.step.state !== 'broadcast') return;
      const now = event.step.index === native.index && !raised;
      raised ||= now;
      mining = mining.then(async () => {
        if (now) await n.setNextBaseFee(rise(BigInt(native.fee.maxFeePerGas)));
        await n.mine();
      });
    };
    const record = await (await hh.service.execute(plan.planId, onEvent)).done;
    await mining;
    return { n, hh, source, from, native, record, onEvent };
  }

  it('replaces the stuck transaction at the same nonce and still leaves 0 wei', async () => {
    const { n, from, native, record } = await executeWithRise((fee) => (fee * 5n) / 4n);

    expect(record.stopped).toBeUndefined();
    expect(record.state).toBe('finished');
    const step = record.steps[native.index]!;
    expect(step.attempts.map((a) => a.reason)).toEqual(['initial', 'fee-rise']);
    expect(new Set(step.attempts.map((a) => a.nonce)).size).toBe(1);
    expect(step.attempts[1]!.maxFeePerGas).toBeGreaterThan(
      (BigInt(native.fee.maxFeePerGas) * 5n) / 4n,
    );
    expect(step.included!.hash).toBe(step.attempts[1]!.hash);
    expect(await n.balance(from)).toBe(0n);
    const sent = await n.transactionsFrom(from);
    expect(sent.map((t) => t.nonce)).toEqual([0, 1, 2]);
    expect(sent.at(-1)!.hash).toBe(step.attempts[1]!.hash);
  });

  it('pauses instead of paying above the fee cap, and resumes once the fee is back', async () => {
    const { n, hh, source, from, native, record, onEvent } = await executeWithRise(
      (fee) => fee * 4n,
    );

    expect(record.state).toBe('paused');
    expect(record.stopped?.code).toBe('fee-cap-exceeded');
    const stuck = record.steps[native.index]!;
    expect(stuck.state).toBe('broadcast');
    expect(stuck.attempts.length).toBe(1);

    // The base fee falls back below the planned maxFee: the first signature is still good.
    await n.setNextBaseFee(1n);
    await n.mine();
    const done = await (await hh.service.resume(record.caseId, source, onEvent)).done;
    expect(done.state).toBe('finished');
    expect(done.steps[native.index]!.attempts.map((a) => a.hash)).toEqual([
      stuck.attempts[0]!.hash,
    ]);
    expect(await n.balance(from)).toBe(0n);
    expect((await n.transactionsFrom(from)).map((t) => t.nonce)).toEqual([0, 1, 2]);
  });
});

describe('a fee that rises above the cap the person accepted', () => {
  it('shows the cap that is enforced, pauses above it, and continues only within a raised cap', async () => {
    const { node: n, h: hh, wallet, from } = await funded(2);
    const { source, plan } = await planFor(hh, wallet);
    const [fees] = plan.totalFees;
    // What the review shows is what the case enforces.
    expect(BigInt(fees!.cap)).toBe(3n * BigInt(fees!.maxFeePerGas));
    const quote = BigInt(fees!.maxFeePerGas);
    await n.setAutomine(false);
    const native = plan.steps.at(-1)!;
    let raised = false;
    let mining = Promise.resolve();
    const onEvent = (event: SweepEvent) => {
      if (event.type !== 'step' || event.step.state !== 'broadcast') return;
      const now = event.step.index === native.index && !raised;
      raised ||= now;
      mining = mining.then(async () => {
        if (now) await n.setNextBaseFee(quote * 4n);
        await n.mine();
      });
    };
    const paused = await (await hh.service.execute(plan.planId, onEvent)).done;
    await mining;
    const cap = paused.plan.fees[0]!.cap;
    expect(cap.toString()).toBe(fees!.cap);
    expect(paused.state).toBe('paused');
    expect(paused.stopped).toMatchObject({
      code: 'fee-cap-exceeded',
      details: { cap: cap.toString() },
    });
    expect(BigInt(String(paused.stopped!.details!.maxFeePerGas))).toBeGreaterThan(cap);
    expect(hh.service.status(paused.caseId).stopped?.code).toBe('fee-cap-exceeded');

    // The person accepts a higher cap: the stuck step is replaced within it, and only then.
    const accepted = quote * 6n;
    const done = await (
      await hh.service.resume(paused.caseId, source, onEvent, undefined, accepted)
    ).done;
    await mining;
    expect(done.state).toBe('finished');
    expect(done.plan.fees[0]!.cap).toBe(accepted);
    const attempts = done.steps[native.index]!.attempts;
    expect(attempts.map((a) => a.reason)).toEqual(['initial', 'fee-rise']);
    expect(attempts[0]!.maxFeePerGas <= cap).toBe(true);
    expect(attempts[1]!.maxFeePerGas > cap && attempts[1]!.maxFeePerGas <= accepted).toBe(true);
    expect(hh.service.cases.store.readLog(paused.caseId)).toContainEqual(
      expect.objectContaining({ event: 'cap-raised', to: accepted.toString() }),
    );
    expect(await n.balance(from)).toBe(0n);
  });
});

describe('an RPC server that dies mid-sweep', () => {
  for (const forward of [true, false]) {
    it(`leaves a resumable case (${forward ? 'the transaction reached the node' : 'the transaction was lost'})`, async () => {
      let proxy: RpcProxy | undefined;
      const {
        node: n,
        h: hh,
        wallet,
        from,
        list,
      } = await funded(2, async (x) => {
        proxy = await proxyFor(x);
        return proxy.url;
      });
      const { source, plan, to } = await planFor(hh, wallet);
      proxy!.fault = { kind: 'die-on', method: 'eth_sendRawTransaction', occurrence: 2, forward };

      const paused = await (await hh.service.execute(plan.planId)).done;
      expect(paused.state).toBe('paused');
      expect(paused.stopped?.code).toBe('rpc-unreachable');
      // Both token steps were signed and sent at once; the first reached the node, the
      // native step waits for both to be on chain.
      expect(['broadcast', 'included', 'confirmed']).toContain(paused.steps[0]!.state);
      expect(paused.steps.slice(1).map((s) => s.state)).toEqual(['signed', 'planned']);
      expect(hh.service.unfinished().map((c) => c.caseId)).toEqual([paused.caseId]);
      const signedHash = paused.steps[1]!.attempts[0]!.hash;

      proxy!.revive();
      const done = await (await hh.service.resume(paused.caseId, source)).done;
      expect(done.state).toBe('finished');
      // The step signed before the failure went out as the same bytes, never signed again.
      expect(done.steps[1]!.attempts.map((a) => a.hash)).toEqual([signedHash]);
      expect(done.steps[1]!.included!.hash).toBe(signedHash);
      expect(await n.balance(from)).toBe(0n);
      for (const t of list) expect(await n.tokenBalance(t.address, to)).toBeGreaterThan(0n);
      expect((await n.transactionsFrom(from)).map((t) => t.nonce)).toEqual([0, 1, 2]);
      expect(hh.service.unfinished()).toEqual([]);
    });
  }
});

describe('RPC servers that cannot be trusted', () => {
  it('refuses a server that reports another chain id, before asking anything else', async () => {
    let proxy: RpcProxy | undefined;
    const { h: hh, wallet } = await funded(0, async (x) => {
      proxy = await proxyFor(x);
      return proxy.url;
    });
    proxy!.fault = { kind: 'lie-chain-id', chainId: 1 };
    await expect(hh.service.discover({ source: hh.secret(wallet.seed) })).rejects.toMatchObject({
      code: 'chain-id-mismatch',
      details: { expected: 31337, reported: '1' },
    });
    expect(proxy!.methods).toEqual(['eth_chainId', 'eth_getCode']);
  });

  it('refuses to resume a case through a server of another chain, and keeps the case', async () => {
    let proxy: RpcProxy | undefined;
    const {
      h: hh,
      wallet,
      from,
      node: n,
    } = await funded(1, async (x) => {
      proxy = await proxyFor(x);
      return proxy.url;
    });
    const { source, plan } = await planFor(hh, wallet);
    proxy!.fault = { kind: 'die-on', method: 'eth_sendRawTransaction', forward: false };
    const paused = await (await hh.service.execute(plan.planId)).done;
    expect(paused.state).toBe('paused');

    proxy!.revive();
    proxy!.fault = { kind: 'lie-chain-id', chainId: 5 };
    const events: SweepEvent[] = [];
    const refused = await (
      await hh.service.resume(paused.caseId, source, (e) => events.push(e))
    ).done;
    expect(events.map((e) => (e.type === 'paused' ? e.error.code : e.type))).toEqual([
      'chain-id-mismatch',
    ]);
    expect(refused.steps.map((s) => s.state)).toEqual(paused.steps.map((s) => s.state));
    expect(await n.nonce(from)).toBe(0);
  });

  it('turns answers that are not JSON-RPC into rpc-inconsistent', async () => {
    let proxy: RpcProxy | undefined;
    const { h: hh, wallet } = await funded(0, async (x) => {
      proxy = await proxyFor(x);
      return proxy.url;
    });
    const source = hh.secret(wallet.seed);
    proxy!.fault = { kind: 'garbage', body: '<html>502 Bad Gateway</html>' };
    await expect(hh.service.discover({ source })).rejects.toMatchObject({
      code: 'rpc-inconsistent',
    });
    proxy!.fault = { kind: 'wrong-result', method: 'eth_getTransactionCount', result: '12' };
    await expect(hh.service.discover({ source })).rejects.toMatchObject({
      code: 'rpc-inconsistent',
    });
  });

  it('does not follow a redirect to a server the person did not choose', async () => {
    let proxy: RpcProxy | undefined;
    const {
      h: hh,
      wallet,
      node: n,
    } = await funded(0, async (x) => {
      proxy = await proxyFor(x);
      return proxy.url;
    });
    const elsewhere = await proxyFor(n);
    proxy!.fault = { kind: 'redirect', location: elsewhere.url };
    await expect(hh.service.discover({ source: hh.secret(wallet.seed) })).rejects.toMatchObject({
      code: 'rpc-unreachable',
    });
    expect(elsewhere.methods).toEqual([]);
  });
});

describe('state that moves under a plan', () => {
  it('refuses to execute a plan whose balances changed, before creating a case', async () => {
    const { node: n, h: hh, wallet, from, list } = await funded(1);
    const { plan } = await planFor(hh, wallet);
    await n.mintToken(list[0]!.address, from, 5n);
    await expect(hh.service.execute(plan.planId)).rejects.toMatchObject({ code: 'plan-stale' });
    expect(hh.service.unfinished()).toEqual([]);
    expect(await n.nonce(from)).toBe(0);
  });

  it('stops with nonce-conflict when another transaction takes a planned nonce', async () => {
    const { node: n, h: hh, wallet, from, list, network } = await funded(1);
    const connection = await ChainConnection.open(network);
    const plan = await prepareSweep({
      networks: [
        {
          connection,
          accounts: [{ scheme: 'bip44', index: 0, path: "m/44'/60'/0'/0/0", address: from }],
          tokens: list,
        },
      ],
      destination: { address: freshAddress(), canSign: false },
    });
    connection.close();
    const record = hh.service.cases.create({
      plan,
      planId: 'test-plan',
      planCreatedAt: new Date().toISOString(),
      source: { kind: 'secret', addresses: [from] },
      destination: { address: plan.destination.address },
      scanned: { schemes: ['bip44'], networkIds: [network.id], addresses: 1, tokens: 1 },
    });
    // Someone else spends from the account after the case was written.
    const other = await wallet.signer(0).signTransaction({
      to: freshAddress(),
      value: 1n,
      nonce: 0,
      gasLimit: 21_000n,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 10n ** 9n,
      chainId: 31337n,
    });
    await n.request('eth_sendRawTransaction', [other]);

    const failed = await (await hh.service.resume(record.caseId, hh.secret(wallet.seed))).done;
    expect(failed.state).toBe('failed');
    expect(failed.stopped?.code).toBe('nonce-conflict');
    expect(failed.steps[0]!.attempts).toEqual([]);
    expect((await n.transactionsFrom(from)).length).toBe(1);
  });
});
