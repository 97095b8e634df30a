// `lifeboat discover` and `lifeboat sweep` in-process against a real local node: what a
// person or a script reads on standard output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatUnits, getAddress, hexlify, randomBytes } from 'ethers';
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

  it('shows the fee cap it enforces, and the most the fees can reach at that cap', async () => {
    const { wallet, stdin } = await fundedWallet();
    const to = getAddress(hexlify(randomBytes(20)));
    const run = await runCli(
      ['sweep', 'execute', ...common(), '--to', to, '--yes', '--poll-interval', '20'],
      stdin,
    );
    expect(run.code).toBe(0);
    const caseId = /Case (\S+) /.exec(run.stderr)![1]!;
    const record = JSON.parse(
      fs.readFileSync(path.join(dataDir, 'cases', caseId, 'case.json'), 'utf8'),
    ) as {
      plan: { fees: { cap: string }[]; steps: { gasLimit: string; l1FeeReserve: string }[] };
      steps: { attempts: { maxFeePerGas: string }[] }[];
    };
    const cap = BigInt(record.plan.fees[0]!.cap);
    const atCap = record.plan.steps.reduce(
      (sum, s) => sum + BigInt(s.gasLimit) * cap + BigInt(s.l1FeeReserve),
      0n,
    );
    expect(run.stderr).toContain(
      `Fee cap: ${formatUnits(cap, 'gwei').replace(/\.0$/, '')} gwei per gas (--fee-cap): nothing is signed above it, so fees stay under ${formatUnits(atCap, 18)} ETH`,
    );
    for (const step of record.steps) {
      for (const attempt of step.attempts) expect(BigInt(attempt.maxFeePerGas) <= cap).toBe(true);
    }
    expect(await node.balance(wallet.address(0))).toBe(0n);
  });

  it('says plainly, once, that an empty wallet holds nothing, and where it looked', async () => {
    const stdin = `${testWallet().mnemonic}\n\n\n`;
    const to = getAddress(hexlify(randomBytes(20)));
    const run = await runCli(['sweep', 'plan', ...common(), '--to', to], stdin);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'Error (nothing-to-move): No funds were found on Chain 31337 after 5 addresses (bip44).\n',
    );
    expect(run.stderr.split('No funds were found')).toHaveLength(2);
    const json = await runCli(['sweep', 'plan', ...common(), '--to', to, '--json'], stdin);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'nothing-to-move',
        message: 'No funds were found on Chain 31337 after 5 addresses (bip44).',
        networks: 'chain-31337',
        addresses: 5,
        schemes: 'bip44',
      },
    });
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
