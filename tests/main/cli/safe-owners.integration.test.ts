// `lifeboat safe add-owner|remove-owner|change-threshold` end to end: simulated Keycards in
// the vpcd virtual readers through real pcscd, a recovery phrase, and the real Safe v1.5.0
// contracts at their canonical addresses on a local node. A 2-of-3 Safe gains an owner,
// needs one more signature, then loses the owner again with a lower threshold; every change
// the Safe cannot take is refused before any PIN is asked and sends nothing. Each outcome is
// read back from the contract itself (getOwners, getThreshold, nonce).
import { describe, expect, it } from 'vitest';
import { ZeroAddress, getAddress, hexlify, randomBytes } from 'ethers';
import { installSafeContracts, readSafeContract } from '../../support/safe-contracts';
import { testWallet, type TestWallet } from '../../support/test-wallet';
import { waitFor } from '../../support/wait';
import { useCardChainBench } from '../../support/card-chain-bench';
import { SimulatedKeycard, insertIntoReader } from '../../sim/keycard';
import { runCli } from './cli-harness';

const DESK = 'Virtual PCD 00 00';
const SECOND = 'Virtual PCD 00 01';
const PUK = '123456789012';
const PAIRING_PASSWORD = 'KeycardDefaultPairing';
const ETHER = 10n ** 18n;
const SENTINEL = '0x0000000000000000000000000000000000000001';

const bench = useCardChainBench({
  dataPrefix: 'lifeboat-safe-owners-cli-',
  prepareNode: installSafeContracts,
});

interface Owner {
  wallet: TestWallet;
  pin: string;
}

async function ownerIn(reader: string, pin: string): Promise<Owner> {
  const wallet = testWallet();
  const card = SimulatedKeycard.initialized({
    pin,
    puk: PUK,
    pairingPassword: PAIRING_PASSWORD,
    mnemonic: wallet.mnemonic,
  });
  bench.slots.push(await insertIntoReader(card, reader as typeof DESK));
  await waitFor(
    () =>
      bench.readers.snapshot().readers.find((r) => r.name === reader)?.state === 'card-present'
        ? true
        : undefined,
    5000,
    `a card in ${reader}`,
  );
  return { wallet, pin };
}

const chain = () => ['--rpc', `31337=${bench.node.url}`, '--data-dir', bench.dataDir];
const phraseLines = (w: TestWallet) => `${w.mnemonic}\n\n\n`;
const fresh = () => getAddress(hexlify(randomBytes(20)));
const owners = (safe: string) => readSafeContract<string[]>(bench.node, safe, 'getOwners');
const threshold = (safe: string) => readSafeContract<bigint>(bench.node, safe, 'getThreshold');
const nonce = (safe: string) => readSafeContract<bigint>(bench.node, safe, 'nonce');

async function create(flags: string[], input: string): Promise<string> {
  const run = await runCli(['safe', 'create', ...chain(), ...flags, '--yes', '--json'], input);
  expect(run.code, run.stdout).toBe(0);
  return (JSON.parse(run.stdout) as { safe: string }).safe;
}

/** `lifeboat safe <command> --safe SAFE …` signed by the named signers; the first pays. */
function change(command: string, safe: string, flags: string[], signers: string[], input = '') {
  return runCli(
    [
      'safe',
      command,
      ...chain(),
      '--safe',
      safe,
      ...flags,
      ...signers.flatMap((s) => ['--signer', s]),
      '--yes',
      '--json',
    ],
    input,
  );
}

describe('lifeboat safe owner changes with Keycards and a phrase', () => {
  it('adds an owner, raises the threshold, then removes the owner lowering it again', async () => {
    const a = await ownerIn(DESK, '111111');
    const b = await ownerIn(SECOND, '222222');
    const phrase = testWallet();
    await bench.node.fund(a.wallet.address(0), ETHER);
    const safe = await create(
      [
        '--owner',
        `reader:${DESK}`,
        '--owner',
        `reader:${SECOND}`,
        '--owner',
        'phrase',
        '--threshold',
        '2',
      ],
      `${a.pin}\n${b.pin}\n${phraseLines(phrase)}`,
    );
    const first = [a.wallet.address(0), b.wallet.address(0), phrase.address(0)];
    const cards = [`reader:${DESK}`, `reader:${SECOND}`];
    const added = fresh();

    // Without --threshold the Safe keeps needing 2; the preview says so before anyone signs.
    const add = await runCli(
      [
        'safe',
        'add-owner',
        ...chain(),
        '--safe',
        safe,
        '--owner',
        added,
        ...cards.flatMap((s) => ['--signer', s]),
        '--yes',
      ],
      `${a.pin}\n${b.pin}\n`,
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stderr).toContain(`    1. ${added}   ← added`);
    expect(add.stderr).toContain(
      'Owners who must sign: 2 of 3 now → 2 of 4 afterwards (kept at 2: no --threshold was given).',
    );
    expect(add.stdout).toContain('Added the owner in block');
    expect(add.stdout).toContain('2 of 4 owners must sign');
    expect(await owners(safe)).toEqual([added, ...first]);
    expect(await threshold(safe)).toBe(2n);

    const raise = await change(
      'change-threshold',
      safe,
      ['--threshold', '3'],
      cards,
      `${a.pin}\n${b.pin}\n`,
    );
    expect(raise.code, raise.stdout).toBe(0);
    expect(JSON.parse(raise.stdout)).toMatchObject({
      safe,
      owners: [added, ...first],
      threshold: 3,
    });
    expect(await threshold(safe)).toBe(3n);

    // Three must sign now: two cards are not enough, and are told so before any PIN.
    const tooFew = await change('remove-owner', safe, ['--owner', added], cards);
    expect(JSON.parse(tooFew.stdout)).toMatchObject({ error: { code: 'signatures-missing' } });

    const remove = await change(
      'remove-owner',
      safe,
      ['--owner', added, '--threshold', '2'],
      [...cards, 'phrase'],
      `${a.pin}\n${b.pin}\n${phraseLines(phrase)}`,
    );
    expect(remove.code, remove.stdout).toBe(0);
    expect(JSON.parse(remove.stdout)).toMatchObject({ owners: first, threshold: 2 });
    expect(await owners(safe)).toEqual(first);
    expect(await threshold(safe)).toBe(2n);
    expect(await nonce(safe)).toBe(3n);
    // The creation and three changes, all paid by the first signer.
    expect(await bench.node.transactionsFrom(a.wallet.address(0))).toHaveLength(4);
    expect(await bench.node.transactionsFrom(b.wallet.address(0))).toHaveLength(0);
  });

  it('refuses the changes a Safe cannot take before any PIN, and sends nothing', async () => {
    const a = await ownerIn(DESK, '111111');
    const b = await ownerIn(SECOND, '222222');
    await bench.node.fund(a.wallet.address(0), ETHER);
    const other = fresh();
    const safe = await create(
      ['--owner', `reader:${DESK}`, '--owner', `address:${other}`, '--threshold', '1'],
      `${a.pin}\n`,
    );
    const alone = await create(
      ['--owner', `reader:${SECOND}`, '--threshold', '1', '--payer', `reader:${DESK}`],
      `${b.pin}\n${a.pin}\n`,
    );
    const signer = [`reader:${DESK}`];
    const refusals: [string, string, string[], string][] = [
      ['change-threshold', safe, ['--threshold', '0'], 'invalid-threshold'],
      ['change-threshold', safe, ['--threshold', '3'], 'invalid-threshold'],
      ['change-threshold', safe, ['--threshold', '1'], 'invalid-threshold'],
      ['add-owner', safe, ['--owner', fresh(), '--threshold', '4'], 'invalid-threshold'],
      ['add-owner', safe, ['--owner', other], 'duplicate-owner'],
      ['add-owner', safe, ['--owner', ZeroAddress], 'invalid-address'],
      ['add-owner', safe, ['--owner', SENTINEL], 'invalid-address'],
      ['add-owner', safe, ['--owner', safe], 'invalid-address'],
      ['remove-owner', safe, ['--owner', fresh()], 'no-such-owner'],
      ['remove-owner', safe, ['--owner', other, '--threshold', '2'], 'invalid-threshold'],
      ['remove-owner', alone, ['--owner', b.wallet.address(0)], 'last-owner'],
      ['add-owner', fresh(), ['--owner', fresh()], 'not-a-safe'],
    ];
    for (const [command, target, flags, code] of refusals) {
      const run = await change(command, target, flags, signer);
      expect(run.code, `${command} ${flags.join(' ')}`).not.toBe(0);
      expect(JSON.parse(run.stdout), `${command} ${flags.join(' ')}`).toMatchObject({
        error: { code },
      });
    }
    // A misspelt reader is named before the change is even previewed.
    const misspelt = await runCli(
      [
        'safe',
        'change-threshold',
        ...chain(),
        '--safe',
        safe,
        '--threshold',
        '2',
        '--signer',
        'reader:No such reader',
        '--yes',
      ],
      '',
    );
    expect(misspelt.code).not.toBe(0);
    expect(misspelt.stderr).toContain('There is no reader named "No such reader"');
    expect(misspelt.stderr).toContain(DESK);
    expect(misspelt.stderr).not.toContain('must sign');
    const usage = await change('remove-owner', safe, [], signer);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ error: { code: 'invalid-request' } });
    expect(await nonce(safe)).toBe(0n);
    expect(await nonce(alone)).toBe(0n);
    expect(await owners(safe)).toEqual([a.wallet.address(0), other]);
    expect(await owners(alone)).toEqual([b.wallet.address(0)]);
    // Only the two creations were ever sent.
    expect(await bench.node.transactionsFrom(a.wallet.address(0))).toHaveLength(2);
  });
});
