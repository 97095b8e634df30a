// `lifeboat discover` and `lifeboat sweep` in-process against a real local node: what a
// person or a script reads on standard output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAddress, hexlify, randomBytes } from 'ethers';
import { EvmNode } from '../../support/evm-node';
import { testWallet } from '../../support/test-wallet';
import { runCli } from './cli-harness';

const ETHER = 10n ** 18n;
let node: EvmNode;
let dataDir: string;

beforeAll(async () => {
  node = await EvmNode.start({ chainId: 31337 });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cli-sweep-'));
});

afterAll(async () => {
  await node?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function fundedWallet() {
  const wallet = testWallet();
  const token = await node.deployToken('CLI', 6);
  await node.mintToken(token, wallet.address(0), 2_500_000n);
  await node.fund(wallet.address(0), 2n * ETHER);
  // Shares or a phrase, an empty line, then the passphrase line (empty).
  return { wallet, token, stdin: `${wallet.mnemonic}\n\n\n` };
}

const common = () => ['--rpc', `31337=${node.url}`, '--scheme', 'bip44', '--data-dir', dataDir];

describe('lifeboat discover', () => {
  it('prints the used accounts and their balances as one JSON object', async () => {
    const { wallet, token, stdin } = await fundedWallet();
    const run = await runCli(['discover', ...common(), '--tokens', token, '--json'], stdin);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      accounts: { address: string; balances: { assets: { asset: string; balance: string }[] }[] }[];
      scanned: { addresses: number; tokens: number };
    };
    expect(result.accounts.map((a) => a.address)).toEqual([wallet.address(0)]);
    expect(result.accounts[0]!.balances[0]!.assets).toEqual([
      { asset: 'native', symbol: 'ETH', decimals: 18, balance: (2n * ETHER).toString() },
      { asset: token, symbol: 'CLI', decimals: 6, balance: '2500000' },
    ]);
    expect(result.scanned).toMatchObject({ addresses: 6, tokens: 1 });
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe('lifeboat sweep', () => {
  it('plans, then executes with --yes, printing the plan, every hash and each remainder', async () => {
    const { wallet, token, stdin } = await fundedWallet();
    const to = getAddress(hexlify(randomBytes(20)));
    const args = [...common(), '--tokens', token, '--to', to];

    const plan = await runCli(['sweep', 'plan', ...args], stdin);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(`Sweep plan to ${to}`);
    expect(plan.stdout).toContain('token 2.5 CLI');

    const run = await runCli(
      ['sweep', 'execute', ...args, '--yes', '--poll-interval', '20', '--json'],
      stdin,
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      caseId: string;
      state: string;
      plan: { steps: { kind: string }[] };
      steps: { state: string; txHash: string }[];
      assets: { asset: string; moved: string; actualRemainder: string }[];
    };
    expect(result.state).toBe('finished');
    expect(result.plan.steps.map((s) => s.kind)).toEqual(['token', 'native']);
    const sent = await node.transactionsFrom(wallet.address(0));
    expect(result.steps.map((s) => [s.state, s.txHash])).toEqual(
      sent.map((t) => ['confirmed', t.hash]),
    );
    expect(result.assets).toMatchObject([
      { asset: token, moved: '2500000', actualRemainder: '0' },
      { asset: 'native', moved: sent[1]!.value.toString(), actualRemainder: '0' },
    ]);
    expect(await node.balance(wallet.address(0))).toBe(0n);

    const report = await runCli(
      ['sweep', 'report', '--case', result.caseId, '--data-dir', dataDir],
      '',
    );
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('0.0 ETH left (as expected)');
    expect(report.stdout).toContain(sent[0]!.hash);
    expect(fs.existsSync(path.join(dataDir, 'cases', result.caseId, 'report.txt'))).toBe(true);
  });

  it('signs nothing unless the plan is confirmed', async () => {
    const { wallet, stdin } = await fundedWallet();
    const run = await runCli(
      ['sweep', 'execute', ...common(), '--to', getAddress(hexlify(randomBytes(20))), '--json'],
      `${stdin}no\n`,
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'confirmation-required' } });
    expect(await node.nonce(wallet.address(0))).toBe(0);
  });

  it('refuses an RPC server of another chain', async () => {
    const { stdin } = await fundedWallet();
    const run = await runCli(
      [
        'sweep',
        'plan',
        '--rpc',
        `ethereum=${node.url}`,
        '--to',
        getAddress(hexlify(randomBytes(20))),
        '--json',
      ],
      stdin,
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'chain-id-mismatch',
        message: expect.stringContaining('reports chain 31337, not 1'),
        network: 'ethereum',
        expected: 1,
        reported: '31337',
      },
    });
  });
});
