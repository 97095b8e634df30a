// `lifeboat safe` end to end: simulated Keycards in the vpcd virtual readers through real
// pcscd, a recovery phrase, and the real Safe v1.5.0 contracts at their canonical addresses
// on a local node. A 2-of-3 Safe is created, swept with two cards at one reader (the desk),
// repaired after a lost card, a card that is no owner is refused by name, and a sweep killed
// between two signatures resumes without the first card signing again. Every outcome is read
// back from the contract itself (getOwners, getThreshold, nonce) and from balances.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { getAddress, hexlify, randomBytes } from 'ethers';
import { main } from '../../../main/cli/index';
import { installSafeContracts, readSafeContract } from '../../support/safe-contracts';
import { testWallet, type TestWallet } from '../../support/test-wallet';
import { waitFor } from '../../support/wait';
import { useCardChainBench } from '../../support/card-chain-bench';
import { SimulatedKeycard, insertIntoReader, type InsertedCard } from '../../sim/keycard';
import { runCli, type CliRun } from './cli-harness';

const DESK = 'Virtual PCD 00 00';
const SECOND = 'Virtual PCD 00 01';
const PUK = '123456789012';
const PAIRING_PASSWORD = 'KeycardDefaultPairing';
const ETHER = 10n ** 18n;
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

const bench = useCardChainBench({
  dataPrefix: 'lifeboat-safe-cli-',
  prepareNode: installSafeContracts,
});

interface Owner {
  wallet: TestWallet;
  pin: string;
  card: SimulatedKeycard;
}

function owner(pin: string): Owner {
  const wallet = testWallet();
  const card = SimulatedKeycard.initialized({
    pin,
    puk: PUK,
    pairingPassword: PAIRING_PASSWORD,
    mnemonic: wallet.mnemonic,
  });
  return { wallet, pin, card };
}

async function insert(who: Owner, reader: string): Promise<InsertedCard> {
  const slot = await insertIntoReader(who.card, reader as typeof DESK);
  bench.slots.push(slot);
  await cardPresent(reader);
  return slot;
}

async function cardPresent(reader: string): Promise<void> {
  await waitFor(
    () =>
      bench.readers.snapshot().readers.find((r) => r.name === reader)?.state === 'card-present'
        ? true
        : undefined,
    5000,
    `a card in ${reader}`,
  );
}

async function removeFrom(slot: InsertedCard, reader: string): Promise<void> {
  await slot.remove();
  await waitFor(
    () =>
      bench.readers.snapshot().readers.find((r) => r.name === reader)?.state === 'waiting-for-card'
        ? true
        : undefined,
    5000,
    `${reader} empty`,
  );
}

const chain = () => ['--rpc', `31337=${bench.node.url}`, '--data-dir', bench.dataDir];
const phraseLines = (w: TestWallet) => `${w.mnemonic}\n\n\n`;
const fresh = () => getAddress(hexlify(randomBytes(20)));

/**
 * `lifeboat` in-process with all of standard input given up front; `onNotice` sees each
 * line written to standard error as it appears (the person at the desk swapping cards).
 */
async function runAtDesk(
  argv: string[],
  input: string,
  onNotice: (line: string) => Promise<void> | void,
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  const reactions: Promise<void>[] = [];
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => {
    err += c.toString();
    reactions.push(Promise.resolve(onNotice(c.toString())));
  });
  const code = await main(argv, { stdin: Readable.from([input]), stdout, stderr });
  await Promise.all(reactions);
  return { code, stdout: out, stderr: err };
}

async function createSafe(
  a: Owner,
  b: Owner,
  phrase: TestWallet,
): Promise<{ safe: string; run: CliRun }> {
  await insert(a, DESK);
  await insert(b, SECOND);
  const run = await runCli(
    [
      'safe',
      'create',
      ...chain(),
      '--owner',
      `reader:${DESK}`,
      '--owner',
      `reader:${SECOND}`,
      '--owner',
      'phrase',
      '--threshold',
      '2',
      '--yes',
      '--json',
    ],
    `${a.pin}\n${b.pin}\n${phraseLines(phrase)}`,
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { safe: (JSON.parse(run.stdout) as { safe: string }).safe, run };
}

describe('lifeboat safe with Keycards and a phrase', () => {
  it('creates a 2-of-3 Safe paid by the first card, at the address it announced', async () => {
    const a = owner('111111');
    const b = owner('222222');
    const phrase = testWallet();
    await bench.node.fund(a.wallet.address(0), ETHER);
    const { safe, run } = await createSafe(a, b, phrase);
    const owners = [a.wallet.address(0), b.wallet.address(0), phrase.address(0)];
    expect(JSON.parse(run.stdout)).toMatchObject({
      owners,
      threshold: 2,
      networkId: 'chain-31337',
    });
    expect(await readSafeContract<string[]>(bench.node, safe, 'getOwners')).toEqual(owners);
    expect(await readSafeContract<bigint>(bench.node, safe, 'getThreshold')).toBe(2n);
    const sent = await bench.node.transactionsFrom(a.wallet.address(0));
    expect(sent).toHaveLength(1);

    const shown = await runCli(['safe', 'show', ...chain(), '--safe', safe, '--json'], '');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      address: safe,
      version: '1.5.0',
      threshold: 2,
      nonce: 0,
      owners: owners.map((address) => ({ address })),
    });

    // Which owners the person holds: card B is one, the card in the desk reader is A.
    const held = await runCli(
      ['safe', 'show', ...chain(), '--safe', safe, '--signer', `reader:${SECOND}`, '--json'],
      `${b.pin}\n`,
    );
    expect(held.code, held.stdout).toBe(0);
    expect((JSON.parse(held.stdout) as { owners: unknown[] }).owners).toEqual([
      { address: owners[0] },
      { address: owners[1], heldBy: `the card in "${SECOND}"` },
      { address: owners[2] },
    ]);
  });

  it('refuses a threshold larger than the owners before asking for any PIN', async () => {
    const a = owner('111111');
    await bench.node.fund(a.wallet.address(0), ETHER);
    await insert(a, DESK);
    const run = await runCli(
      [
        'safe',
        'create',
        ...chain(),
        '--owner',
        `reader:${DESK}`,
        '--owner',
        `address:${fresh()}`,
        '--threshold',
        '3',
        '--yes',
        '--json',
      ],
      '',
    );
    expect(run.code).not.toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'invalid-threshold' } });
    expect(await bench.node.transactionsFrom(a.wallet.address(0))).toHaveLength(0);
  });

  it('sweeps ETH and tokens to 0 with two cards signing at one reader', async () => {
    const a = owner('111111');
    const b = owner('222222');
    const phrase = testWallet();
    await bench.node.fund(a.wallet.address(0), ETHER);
    const { safe } = await createSafe(a, b, phrase);
    for (const slot of bench.slots.splice(0)) await slot.remove();
    await bench.node.fund(safe, 3n * ETHER);
    const tokens = [await bench.node.deployToken('T6', 6), await bench.node.deployToken('T18', 18)];
    await bench.node.mintToken(tokens[0]!, safe, 7_000_000n);
    await bench.node.mintToken(tokens[1]!, safe, 5n * ETHER);
    const to = fresh();

    // The desk: card A in the one reader; when asked, B takes its place, then A comes back
    // to pay for the transactions.
    const slotA = await insert(a, DESK);
    let slotB: InsertedCard | undefined;
    const asked: string[] = [];
    const run = await runAtDesk(
      [
        'safe',
        'sweep',
        ...chain(),
        '--safe',
        safe,
        '--to',
        to,
        '--tokens',
        tokens.join(','),
        '--signer',
        `reader:${DESK}`,
        '--signer',
        `reader:${DESK}`,
        '--poll-interval',
        '20',
        '--yes',
      ],
      `${a.pin}\n${b.pin}\n${a.pin}\n`,
      async (text) => {
        if (text.includes('Take the card out')) {
          asked.push('next');
          await removeFrom(slotA, DESK);
          slotB = await insert(b, DESK);
        } else if (text.includes('back into')) {
          asked.push('back');
          await removeFrom(slotB!, DESK);
          await slotA.reinsert();
          await cardPresent(DESK);
        }
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(asked).toEqual(['next', 'back']);
    expect(run.stderr).toContain(`Signed by ${a.wallet.address(0)} (1 of 2)`);
    expect(run.stderr).toContain(`Signed by ${b.wallet.address(0)} (2 of 2)`);
    expect(await bench.node.balance(safe)).toBe(0n);
    expect(await bench.node.balance(to)).toBe(3n * ETHER);
    expect(await bench.node.tokenBalance(tokens[0]!, safe)).toBe(0n);
    expect(await bench.node.tokenBalance(tokens[1]!, safe)).toBe(0n);
    expect(await bench.node.tokenBalance(tokens[0]!, to)).toBe(7_000_000n);
    expect(await bench.node.tokenBalance(tokens[1]!, to)).toBe(5n * ETHER);
    // Two tokens and the coin: three Safe transactions, each nonce used once.
    expect(await readSafeContract<bigint>(bench.node, safe, 'nonce')).toBe(3n);
    expect((await bench.node.transactionsFrom(a.wallet.address(0))).length).toBe(1 + 3);
    expect(await bench.node.transactionsFrom(b.wallet.address(0))).toHaveLength(0);
  });

  it('refuses a card that is no owner by name, then replaces the lost card with B and the phrase', async () => {
    const a = owner('111111');
    const b = owner('222222');
    const stranger = owner('333333');
    const phrase = testWallet();
    await bench.node.fund(a.wallet.address(0), ETHER);
    await bench.node.fund(b.wallet.address(0), ETHER);
    const { safe } = await createSafe(a, b, phrase);
    // Card A is lost; a card that owns nothing is put in its reader by mistake.
    for (const slot of bench.slots.splice(0)) await slot.remove();
    await insert(stranger, DESK);
    await insert(b, SECOND);
    const replacement = fresh();
    const replace = (signers: string[], input: string) =>
      runCli(
        [
          'safe',
          'replace-owner',
          ...chain(),
          '--safe',
          safe,
          '--old',
          a.wallet.address(0),
          '--new',
          replacement,
          ...signers.flatMap((s) => ['--signer', s]),
          '--payer',
          `reader:${SECOND}`,
          '--yes',
          '--json',
        ],
        input,
      );

    // Asked of the wrong owner, or with too few signers: refused before any PIN is read.
    const notOwner = await runCli(
      [
        'safe',
        'replace-owner',
        ...chain(),
        '--safe',
        safe,
        '--old',
        fresh(),
        '--new',
        replacement,
        '--signer',
        `reader:${SECOND}`,
        '--signer',
        'phrase',
        '--yes',
        '--json',
      ],
      '',
    );
    expect(JSON.parse(notOwner.stdout)).toMatchObject({ error: { code: 'no-such-owner' } });
    const tooFew = await replace([`reader:${SECOND}`], '');
    expect(JSON.parse(tooFew.stdout)).toMatchObject({ error: { code: 'signatures-missing' } });
    await bench.node.fund(safe, ETHER);
    const oneSweep = await runCli(
      [
        'safe',
        'sweep',
        ...chain(),
        '--safe',
        safe,
        '--to',
        fresh(),
        '--signer',
        `reader:${SECOND}`,
        '--yes',
        '--json',
      ],
      '',
    );
    expect(JSON.parse(oneSweep.stdout)).toMatchObject({ error: { code: 'signatures-missing' } });
    expect(fs.existsSync(path.join(bench.dataDir, 'cases'))).toBe(false);

    const refused = await replace(
      [`reader:${DESK}`, `reader:${SECOND}`],
      `${stranger.pin}\n${b.pin}\n`,
    );
    expect(refused.code).not.toBe(0);
    const error = (JSON.parse(refused.stdout) as { error: { code: string; message: string } })
      .error;
    expect(error.code).toBe('not-an-owner');
    expect(error.message).toContain(`"${DESK}"`);
    expect(error.message).toContain(stranger.wallet.address(0));
    expect(await readSafeContract<bigint>(bench.node, safe, 'nonce')).toBe(0n);

    const run = await replace([`reader:${SECOND}`, 'phrase'], `${b.pin}\n${phraseLines(phrase)}`);
    expect(run.code, run.stdout).toBe(0);
    const owners = [replacement, b.wallet.address(0), phrase.address(0)];
    expect(JSON.parse(run.stdout)).toMatchObject({ safe, owners, threshold: 2 });
    expect(await readSafeContract<string[]>(bench.node, safe, 'getOwners')).toEqual(owners);
    expect(await readSafeContract<bigint>(bench.node, safe, 'getThreshold')).toBe(2n);
    expect(await readSafeContract<bigint>(bench.node, safe, 'nonce')).toBe(1n);
  });
});

describe('a Safe sweep killed between two signatures', () => {
  it('resumes from its case: the first card is not asked to sign again, the sweep finishes', async () => {
    const a = owner('111111');
    const b = owner('222222');
    const phrase = testWallet();
    await bench.node.fund(a.wallet.address(0), ETHER);
    const { safe } = await createSafe(a, b, phrase);
    await bench.node.fund(safe, ETHER);
    const to = fresh();
    const sweep = [...chain(), '--safe', safe, '--to', to, '--poll-interval', '20', '--yes'];

    // A real process, SIGKILLed as soon as it reports the first signature saved.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'main/cli/bin.ts',
        'safe',
        'sweep',
        ...sweep,
        '--signer',
        `reader:${DESK}`,
        '--signer',
        `reader:${SECOND}`,
      ],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('(1 of 2)')) child.kill('SIGKILL');
    });
    child.stdin.end(`${a.pin}\n${b.pin}\n`);
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, s) => resolve(s)),
    );
    expect(signal, stderr).toBe('SIGKILL');
    const caseId = /Case (\S+)/.exec(stderr)![1]!;
    const casePath = path.join(bench.dataDir, 'cases', caseId, 'case.json');
    type Saved = { safe: { signatures: { owner: string; signature: string }[] } };
    const before = (JSON.parse(fs.readFileSync(casePath, 'utf8')) as Saved).safe.signatures;
    expect(before.map((s) => s.owner)).toEqual([a.wallet.address(0)]);
    expect(await readSafeContract<bigint>(bench.node, safe, 'nonce')).toBe(0n);

    // Let pcscd see the killed process's card connections go before the next run.
    await new Promise((r) => setTimeout(r, 500));
    // Both cards are offered again: A's saved signature is kept, A is not asked to sign.
    const resumed = await runCli(
      [
        'safe',
        'sweep',
        ...chain(),
        '--case',
        caseId,
        '--signer',
        `reader:${DESK}`,
        '--signer',
        `reader:${SECOND}`,
        '--poll-interval',
        '20',
        '--yes',
      ],
      `${a.pin}\n${b.pin}\n`,
    );
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`${a.wallet.address(0)} has signed already`);
    expect(resumed.stderr).toContain(`Signed by ${b.wallet.address(0)} (2 of 2)`);
    const record = JSON.parse(fs.readFileSync(casePath, 'utf8')) as Saved & { state: string };
    expect(record.state).toBe('finished');
    const after = record.safe.signatures;
    // The simulated card signs with a random nonce: a second signature by A would differ.
    expect(after.filter((s) => s.owner === a.wallet.address(0))).toEqual(before);
    expect(after.map((s) => s.owner)).toEqual([a.wallet.address(0), b.wallet.address(0)]);
    expect(await bench.node.balance(safe)).toBe(0n);
    expect(await bench.node.balance(to)).toBe(ETHER);
    expect(await readSafeContract<bigint>(bench.node, safe, 'nonce')).toBe(1n);
  });
});
