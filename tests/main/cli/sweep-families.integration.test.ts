// Card-sourced sweeps between card families: a Keycard and a Satochip in the two vpcd virtual
// readers through real pcscd, a real local EVM node, and `lifeboat sweep` signing with the
// source card (and with the destination card for a gas top-up), leaving 0 wei; and a
// Seedkeeper as the source of `discover` and `sweep`, giving the phrase it keeps.
import { getAddress, hexlify, randomBytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { encodeSecret } from '../../../main/cards/seedkeeper/secret-layouts';
import type { Token } from '../../../main/chain/tokens';
import { testWallet, type TestWallet } from '../../support/test-wallet';
import { waitFor } from '../../support/wait';
import { useCardChainBench } from '../../support/card-chain-bench';
import { SimulatedKeycard, insertIntoReader } from '../../sim/keycard';
import { SimulatedSatochip } from '../../sim/satochip';
import { SimulatedSeedkeeper } from '../../sim/seedkeeper';
import { runCli, type CliRun } from './cli-harness';

const SOURCE_READER = 'Virtual PCD 00 01';
const DEST_READER = 'Virtual PCD 00 00';
type Reader = typeof SOURCE_READER | typeof DEST_READER;
const KEYCARD_PIN = '246810';
const SATOCHIP_PIN = 'tide-and-time';
const SEEDKEEPER_PIN = '5050';
const PUK = '123456789012';
const ETHER = 10n ** 18n;
const lines = (...l: string[]) => `${l.join('\n')}\n`;

const bench = useCardChainBench({ dataPrefix: 'lifeboat-family-sweep-' });

function keycard(wallet: TestWallet): SimulatedKeycard {
  return SimulatedKeycard.initialized({
    pin: KEYCARD_PIN,
    puk: PUK,
    pairingPassword: 'KeycardDefaultPairing',
    mnemonic: wallet.mnemonic,
  });
}

function satochip(wallet: TestWallet): SimulatedSatochip {
  return SimulatedSatochip.initialized({ pin: SATOCHIP_PIN, puk: PUK, mnemonic: wallet.mnemonic });
}

async function insert(
  card: SimulatedKeycard | SimulatedSatochip | SimulatedSeedkeeper,
  reader: Reader,
): Promise<void> {
  bench.slots.push(await insertIntoReader(card, reader));
  await waitFor(
    () =>
      bench.readers.snapshot().readers.find((r) => r.name === reader)?.state === 'card-present'
        ? true
        : undefined,
    5000,
    `a card in ${reader}`,
  );
}

async function tokensFor(owner: string, amounts: bigint[]): Promise<Token[]> {
  const list: Token[] = [];
  for (const [i, amount] of amounts.entries()) {
    const address = await bench.node.deployToken(`F${i}`, 18);
    await bench.node.mintToken(address, owner, amount);
    list.push({ address, symbol: `F${i}`, decimals: 18 });
  }
  return list;
}

function sweep(args: string[], input: string): Promise<CliRun> {
  return runCli(
    [
      'sweep',
      'execute',
      '--rpc',
      `31337=${bench.node.url}`,
      ...args,
      '--scheme',
      'bip44',
      '--gap-limit',
      '1',
      '--data-dir',
      bench.dataDir,
      '--poll-interval',
      '20',
      '--yes',
      '--json',
    ],
    input,
  );
}

interface SweepResult {
  state: string;
  plan: { destination: string; steps: { kind: string; from: string }[] };
}

describe('a sweep from one card family to another', () => {
  it('Keycard → Satochip: the Satochip pays the gas top-up, then receives everything; 0 wei left', async () => {
    const oldWallet = testWallet();
    const newWallet = testWallet();
    await insert(keycard(oldWallet), SOURCE_READER);
    await insert(satochip(newWallet), DEST_READER);
    const from = oldWallet.address(0);
    const to = newWallet.address(0);
    const list = await tokensFor(from, [7n * ETHER, 11n]);
    await bench.node.fund(from, 1n);
    await bench.node.fund(to, ETHER);

    const run = await sweep(
      [
        '--from-reader',
        SOURCE_READER,
        '--to-reader',
        DEST_READER,
        '--top-up',
        '--tokens',
        list.map((t) => t.address).join(','),
      ],
      lines(KEYCARD_PIN, SATOCHIP_PIN),
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as SweepResult;
    expect(result.plan.destination).toBe(to);
    expect(result.plan.steps.map((s) => [s.kind, s.from])).toEqual([
      ['top-up', to],
      ['token', from],
      ['token', from],
      ['native', from],
    ]);
    expect(result.state).toBe('finished');
    expect(await bench.node.balance(from)).toBe(0n);
    for (const [i, t] of list.entries()) {
      expect(await bench.node.tokenBalance(t.address, from)).toBe(0n);
      expect(await bench.node.tokenBalance(t.address, to)).toBe([7n * ETHER, 11n][i]);
    }
    // The Satochip signed the top-up from its own first account.
    expect((await bench.node.transactionsFrom(to)).length).toBe(1);
  });

  it('Satochip → Keycard: the Satochip signs every step; 0 wei left', async () => {
    const oldWallet = testWallet();
    const newWallet = testWallet();
    await insert(satochip(oldWallet), SOURCE_READER);
    await insert(keycard(newWallet), DEST_READER);
    const from = oldWallet.address(0);
    const to = newWallet.address(0);
    const list = await tokensFor(from, [3n, 5n * ETHER]);
    await bench.node.fund(from, 2n * ETHER);

    const run = await sweep(
      [
        '--from-reader',
        SOURCE_READER,
        '--to-reader',
        DEST_READER,
        '--tokens',
        list.map((t) => t.address).join(','),
      ],
      lines(SATOCHIP_PIN, KEYCARD_PIN),
    );

    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as SweepResult;
    expect(result.plan.destination).toBe(to);
    expect(result.state).toBe('finished');
    expect(await bench.node.balance(from)).toBe(0n);
    for (const t of list) expect(await bench.node.tokenBalance(t.address, from)).toBe(0n);
    const sent = await bench.node.transactionsFrom(from);
    expect(sent.map((t) => t.nonce)).toEqual([0, 1, 2]);
    expect(await bench.node.balance(to)).toBe(sent[2]!.value);
  });
});

describe('a backup card as the source', () => {
  it('discovers and sweeps the wallet whose phrase a Seedkeeper keeps; 0 wei left', async () => {
    const wallet = testWallet();
    const { type, subtype, bytes } = await encodeSecret({
      kind: 'bip39',
      phrase: wallet.mnemonic,
      passphrase: '',
    });
    await insert(
      SimulatedSeedkeeper.initialized({
        pin: SEEDKEEPER_PIN,
        puk: PUK,
        secrets: [
          { label: 'Notes', type: 0xc0, data: Uint8Array.of(1, 2, 3) },
          { label: 'Savings', type, subtype, data: bytes },
        ],
      }),
      SOURCE_READER,
    );
    const from = wallet.address(0);
    await bench.node.fund(from, ETHER);

    const unlabelled = await runCli(
      ['discover', '--rpc', `31337=${bench.node.url}`, '--from-reader', SOURCE_READER, '--json'],
      lines(SEEDKEEPER_PIN),
    );
    expect(unlabelled.code).toBe(2);
    expect(JSON.parse(unlabelled.stdout)).toMatchObject({
      error: { message: expect.stringContaining('choose one with --label') },
    });

    const discovered = await runCli(
      [
        'discover',
        '--rpc',
        `31337=${bench.node.url}`,
        '--from-reader',
        SOURCE_READER,
        '--label',
        'Savings',
        '--scheme',
        'bip44',
        '--gap-limit',
        '1',
        '--data-dir',
        bench.dataDir,
        '--json',
      ],
      lines(SEEDKEEPER_PIN),
    );
    expect(discovered.code).toBe(0);
    const found = JSON.parse(discovered.stdout) as { accounts: { address: string }[] };
    expect(found.accounts.map((a) => a.address)).toEqual([from]);

    const to = getAddress(hexlify(randomBytes(20)));
    const swept = await sweep(
      ['--from-reader', SOURCE_READER, '--label', 'Savings', '--to', to],
      lines(SEEDKEEPER_PIN),
    );
    expect(swept.code).toBe(0);
    expect((JSON.parse(swept.stdout) as SweepResult).state).toBe('finished');
    expect(await bench.node.balance(from)).toBe(0n);
  });
});
