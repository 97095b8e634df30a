// Sweep latency on local nodes that mine a block every 2 s: 2 accounts × (3 tokens + ETH)
// on one network and on two, pipelined (every token step at once, the native steps as soon
// as their tokens are on chain, networks concurrently) against the order before it (one
// step at a time, each waiting for its inclusion), measured from the same step loop with
// `parallel: false`. Blocks are counted from the block the case started in to the block of
// its last transaction; wall time from execute to the finished case. Target: ≤ 2 blocks,
// and two networks no slower than one.
import { performance } from 'node:perf_hooks';
import { getAddress, hexlify, randomBytes } from 'ethers';
import type { CaseRecord } from '../../main/cases/case-record';
import type { Token } from '../../main/chain/tokens';
import { harness, localNetwork } from '../support/chain-harness';
import { EvmNode } from '../support/evm-node';
import { testWallet } from '../support/test-wallet';

export const title =
  'Sweep: 2 accounts × (3 tokens + ETH), 2 s blocks, pipelined vs one step at a time';

const ACCOUNTS = 2;
const TOKENS = 3;
const BLOCK_MS = 2000;
/** The recovery service's default: half a block of these chains. */
const POLL_MS = 1000;

interface Figures {
  blocks: number[];
  seconds: number;
  transactions: number;
}

async function sweep(networks: number, parallel: boolean): Promise<Figures> {
  const wallet = testWallet();
  const nodes: EvmNode[] = [];
  try {
    const tokens: Record<string, Token[]> = {};
    for (let n = 0; n < networks; n++) {
      const node = await EvmNode.start({ chainId: 7200 + n });
      nodes.push(node);
      const list: Token[] = [];
      for (let t = 0; t < TOKENS; t++) {
        list.push({ address: await node.deployToken(`S${t}`, 18), symbol: `S${t}`, decimals: 18 });
      }
      for (let a = 0; a < ACCOUNTS; a++) {
        for (const token of list)
          await node.mintToken(token.address, wallet.address(a), 10n ** 18n);
        await node.fund(wallet.address(a), 10n ** 18n);
      }
      tokens[localNetwork(node.chainId, node.url).id] = list;
    }
    const configured = nodes.map((node) => localNetwork(node.chainId, node.url));
    const h = harness({
      networks: () => configured,
      tokens,
      gapLimit: 1,
      pollMs: POLL_MS,
      parallel,
    });
    try {
      const discovery = await h.service.discover({ source: h.secret(wallet.seed) });
      const plan = await h.service.plan({
        discoveryId: discovery.discoveryId,
        destination: { kind: 'address', address: getAddress(hexlify(randomBytes(20))) },
      });
      for (const node of nodes) {
        await node.setAutomine(false);
        await node.setIntervalMining(BLOCK_MS);
      }
      const startBlocks = await Promise.all(nodes.map((node) => node.blockNumber()));
      const started = performance.now();
      const record = await (await h.service.execute(plan.planId)).done;
      const seconds = (performance.now() - started) / 1000;
      if (record.state !== 'finished') throw new Error(`the sweep ${record.state}`);
      return {
        blocks: configured.map((network, n) => lastBlock(record, network.id) - startBlocks[n]!),
        seconds,
        transactions: record.plan.steps.length,
      };
    } finally {
      await h.close();
    }
  } finally {
    for (const node of nodes) await node.stop();
  }
}

function lastBlock(record: CaseRecord, networkId: string): number {
  return Math.max(
    ...record.plan.steps
      .filter((s) => s.networkId === networkId)
      .map((s) => record.steps[s.index]!.included!.blockNumber),
  );
}

function describe(figures: Figures): string {
  const blocks = figures.blocks.join(' + ');
  return `${String(figures.transactions).padStart(2)} transactions, ${blocks.padEnd(7)} blocks, ${figures.seconds.toFixed(1).padStart(5)} s`;
}

export async function run(): Promise<void> {
  for (const networks of [1, 2]) {
    const pipelined = await sweep(networks, true);
    const sequential = await sweep(networks, false);
    console.log(
      `  ${networks === 1 ? 'one network ' : 'two networks'}: pipelined ${describe(pipelined)}` +
        `   |   one step at a time ${describe(sequential)}`,
    );
  }
}
