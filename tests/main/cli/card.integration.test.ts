// `lifeboat card …` against the simulated card in a vpcd virtual reader through real pcscd:
// secrets only from standard input or a prompt, one JSON object with --json, typed errors.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Signature, computeAddress, recoverAddress } from 'ethers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CardService } from '../../../main/cards/card-service';
import { keyFileSecretBox } from '../../../main/cards/keycard/key-file-box';
import { FilePairingStore } from '../../../main/cards/keycard/pairing-store';
import type { PcscReaders } from '../../../main/cards/pcsc/pcsc-readers';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { benchReaders } from '../../support/bench-readers';
import { waitFor } from '../../support/wait';
import { SimulatedKeycard, TEST_CA, insertIntoReader, type InsertedCard } from '../../sim/keycard';
import { UnknownCard, insertUnknownCard } from '../../sim/unknown-card';
import { runCli, runCliAtTerminal, type CliRun } from './cli-harness';

const READER = 'Virtual PCD 00 00';
const OTHER_READER = 'Virtual PCD 00 01';
const PIN = '314159';
const PUK = '271828182845';
const PAIRING_PASSWORD = 'a lifeboat test';
const PHRASE =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const lines = (...l: string[]) => `${l.join('\n')}\n`;

const root = HDKey.fromMasterSeed(mnemonicToSeedSync(PHRASE));
const KEY_UID = bytesToHex(sha256(secp256k1.Point.fromBytes(root.publicKey!).toBytes(false)));
const address = (p: string) => computeAddress(`0x${bytesToHex(root.derive(p).publicKey!)}`);

let pcscd: PcscdHandle;
let readers: PcscReaders;
let dataDir: string;
const slots: InsertedCard[] = [];

async function present(reader: string, yes: boolean): Promise<void> {
  await waitFor(
    () => {
      const view = readers.snapshot().readers.find((r) => r.name === reader);
      return (view?.state === 'card-present') === yes && (yes || view?.state !== 'connected')
        ? true
        : undefined;
    },
    5000,
    `${reader} ${yes ? 'with' : 'without'} a card`,
  );
}

async function insert(card: SimulatedKeycard, reader = READER): Promise<SimulatedKeycard> {
  slots.push(await insertIntoReader(card, reader as typeof READER));
  await present(reader, true);
  return card;
}

function card(args: string[], input = '', reader = READER): Promise<CliRun> {
  return runCli(['card', ...args, '--reader', reader, '--data-dir', dataDir], input);
}

function json(run: CliRun): Record<string, unknown> {
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** A real `node --import tsx main/cli/bin.ts` process, spawned without blocking the card. */
function cardProcess(args: string[], input: string): Promise<CliRun> {
  const cwd = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'main/cli/bin.ts',
        'card',
        ...args,
        '--reader',
        READER,
        '--data-dir',
        dataDir,
      ],
      { cwd },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders({ retryMs: 200 });
  await readers.start();
  await waitFor(
    () => (readers.snapshot().readers.length === 2 ? true : undefined),
    5000,
    'the readers',
  );
});

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cli-card-'));
});

afterEach(async () => {
  for (const slot of slots.splice(0)) await slot.remove();
  await present(READER, false);
  await present(OTHER_READER, false);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

afterAll(async () => {
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
});

describe('lifeboat card', () => {
  it('sets up a blank card, loads a phrase, lists addresses and signs, reading secrets from stdin', async () => {
    const simulated = await insert(new SimulatedKeycard());
    const info = await card(['info', '--json']);
    expect(info.code).toBe(0);
    expect(json(info)).toMatchObject({ initialized: false, keyUid: null, paired: false });

    const init = await card(['init', '--json'], lines(PIN, PUK, PAIRING_PASSWORD));
    expect(init.code).toBe(0);
    expect(json(init)).toMatchObject({
      initialized: true,
      pinTries: 3,
      pukTries: 5,
      duressPin: 'random',
    });
    expect(simulated.state.initialized).toBe(true);

    const status = await card(['status', '--json']);
    expect(json(status)).toEqual({ pinTries: 3, pukTries: 5, keyInitialized: false, keyUid: null });

    const load = await card(['load', '--json'], lines(PIN, PHRASE, '', ''));
    expect(load.code).toBe(0);
    expect(json(load)).toMatchObject({
      kind: 'bip39',
      keyUid: KEY_UID,
      address: address("m/44'/60'/0'/0/0"),
    });

    const addresses = await card(['addresses', '--json', '--count', '3'], lines(PIN));
    expect(json(addresses)).toEqual({
      keyUid: KEY_UID,
      scheme: 'bip44',
      start: 0,
      addresses: [0, 1, 2].map((i) => address(`m/44'/60'/0'/0/${i}`)),
    });
    const ledger = await card(
      ['addresses', '--json', '--scheme', 'ledger-live', '--start', '1', '--count', '2'],
      lines(PIN),
    );
    expect(json(ledger).addresses).toEqual([1, 2].map((i) => address(`m/44'/60'/${i}'/0/0`)));

    const hash = randomBytes(32);
    const path0 = "m/44'/60'/0'/0/0";
    const sign = await card(
      ['sign', '--json', '--hash', bytesToHex(hash), '--path', path0],
      lines(PIN),
    );
    const signed = json(sign);
    expect(signed.address).toBe(address(path0));
    expect((signed.signature as string).length).toBe(2 + 130);
    expect(recoverAddress(hash, Signature.from(signed.signature as string))).toBe(address(path0));

    const infoAfter = json(await card(['info', '--json']));
    expect(infoAfter).toMatchObject({
      initialized: true,
      version: '3.1',
      keyUid: KEY_UID,
      name: null,
      walletIndices: [],
      paired: true,
    });
    // The pairing password went in once, at init; every later command used the stored pairing.
    expect(simulated.state.freePairingSlots).toBe(4);
  });

  it('reports a wrong PIN with the tries left and a non-zero exit, then unblocks with the PUK', async () => {
    await insert(
      SimulatedKeycard.initialized({
        pin: PIN,
        puk: PUK,
        duressPin: '000111',
        pairingPassword: 'KeycardDefaultPairing',
      }),
    );
    for (const triesLeft of [2, 1]) {
      const run = await card(['verify-pin', '--json'], lines('999999'));
      expect(run.code).toBe(1);
      expect(json(run)).toEqual({
        error: { code: 'wrong-pin', message: expect.stringContaining(`${triesLeft}`), triesLeft },
      });
    }
    const blocked = await card(['verify-pin', '--json'], lines('999999'));
    expect(json(blocked)).toMatchObject({ error: { code: 'pin-blocked', triesLeft: 0 } });
    expect(json(await card(['status', '--json']))).toMatchObject({ pinTries: 0, pukTries: 5 });
    const wrongPuk = await card(['unblock', '--json'], lines('000000000000', '123123'));
    expect(json(wrongPuk)).toMatchObject({ error: { code: 'wrong-puk', triesLeft: 4 } });
    const unblock = await card(['unblock', '--json'], lines(PUK, '123123'));
    expect(json(unblock)).toEqual({ unblocked: true });
    expect((await card(['verify-pin', '--json'], lines('123123'))).code).toBe(0);
    const change = await card(['change-pin', '--json'], lines('123123', '456456'));
    expect(json(change)).toEqual({ changed: true });
    expect((await card(['verify-pin'], lines('456456'))).stdout).toContain('The PIN is correct.');
  });

  it('shows the tries left before asking for the PIN at a terminal', async () => {
    await insert(
      SimulatedKeycard.initialized({
        pin: PIN,
        puk: PUK,
        duressPin: '000111',
        pairingPassword: 'KeycardDefaultPairing',
      }),
    );
    const run = await runCliAtTerminal(
      ['card', 'verify-pin', '--reader', READER, '--data-dir', dataDir],
      [PIN],
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('PIN (3 tries left): ');
  });

  it('asks for the pairing password after the command’s own lines when the default is refused', async () => {
    await insert(
      SimulatedKeycard.initialized({
        pin: PIN,
        puk: PUK,
        duressPin: '000111',
        pairingPassword: PAIRING_PASSWORD,
      }),
    );
    const wrong = await card(['status', '--json'], lines('not it'));
    expect(json(wrong)).toMatchObject({ error: { code: 'wrong-pairing-password' } });
    const verify = await card(['verify-pin', '--json'], lines(PIN, 'not it', PAIRING_PASSWORD));
    expect(json(verify)).toMatchObject({ verified: true });
    const pair = await card(['pair', '--json']);
    expect(json(pair)).toMatchObject({
      paired: true,
      pairingProtection: expect.stringMatching(/casual reading/),
    });
  });

  it('proves the card genuine against the given CA keys only', async () => {
    await insert(new SimulatedKeycard());
    expect(json(await card(['identify', '--json', '--trust-ca', TEST_CA.publicKey]))).toMatchObject(
      {
        verdict: 'genuine',
        caPublicKey: TEST_CA.publicKey,
      },
    );
    expect(json(await card(['identify', '--json']))).toMatchObject({ verdict: 'unknown-issuer' });
    const bad = await card(['identify', '--json', '--trust-ca', 'nope']);
    expect(json(bad)).toMatchObject({ error: { code: 'invalid-input' } });
  });

  it('generates a key only on a keyless card unless told to replace it', async () => {
    await insert(
      SimulatedKeycard.initialized({
        pin: PIN,
        puk: PUK,
        duressPin: '000111',
        pairingPassword: 'KeycardDefaultPairing',
        mnemonic: PHRASE,
      }),
    );
    const refused = await card(['generate', '--json'], lines(PIN));
    expect(json(refused)).toMatchObject({ error: { code: 'key-present' } });
    const generated = json(await card(['generate', '--json', '--replace'], lines(PIN)));
    expect(generated.keyUid).not.toBe(KEY_UID);
    expect(generated.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
  });

  it('unpairs, and factory-resets only after FACTORY RESET is typed', async () => {
    const simulated = await insert(
      SimulatedKeycard.initialized({
        pin: PIN,
        puk: PUK,
        duressPin: '000111',
        pairingPassword: 'KeycardDefaultPairing',
      }),
    );
    expect(json(await card(['unpair', '--json'], lines(PIN)))).toEqual({
      unpaired: true,
      own: true,
    });
    expect(simulated.state.freePairingSlots).toBe(5);
    expect(json(await card(['info', '--json'])).paired).toBe(false);
    const mismatch = await card(['factory-reset', '--json'], lines('yes'));
    expect(mismatch.code).toBe(1);
    expect(json(mismatch)).toMatchObject({ error: { code: 'confirmation-mismatch' } });
    expect(simulated.state.initialized).toBe(true);
    const reset = await card(['factory-reset', '--json'], lines('FACTORY RESET'));
    expect(json(reset)).toMatchObject({ reset: true, initialized: false });
    expect(simulated.state.initialized).toBe(false);
  });

  it('never takes a secret from the command line, and needs --reader when two cards are in', async () => {
    await insert(new SimulatedKeycard(), READER);
    await insert(new SimulatedKeycard(), OTHER_READER);
    const argvPin = await runCli(
      ['card', 'verify-pin', '--pin', PIN, '--json', '--data-dir', dataDir],
      '',
    );
    expect(argvPin.code).toBe(2);
    const ambiguous = await runCli(['card', 'info', '--json', '--data-dir', dataDir], '');
    expect(ambiguous.code).toBe(2);
    expect(json(ambiguous)).toMatchObject({
      error: { message: expect.stringContaining('--reader') },
    });
  });

  it('lists the readers there are when the one named does not exist', async () => {
    await insert(new SimulatedKeycard());
    const run = await card(['info'], '', 'Virtual PCD 00 07');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'There is no reader named "Virtual PCD 00 07". The readers here: "Virtual PCD 00 00", "Virtual PCD 00 01".',
    );
  });

  it('says in plain words, once, that a card is not one Lifeboat knows', async () => {
    const removeUnknown = await insertUnknownCard(new UnknownCard(0x6999), OTHER_READER);
    try {
      await present(OTHER_READER, true);
      const text = await card(['info'], '', OTHER_READER);
      expect(text.code).toBe(1);
      expect(text.stderr).toMatch(
        /^Error \(card-not-supported\): This is not a card Lifeboat knows \(status 6999\)\.\n[^\n]+\n$/,
      );
      const data = json(await card(['info', '--json'], '', OTHER_READER));
      expect(data).toMatchObject({ error: { code: 'card-not-supported', sw: '6999' } });
    } finally {
      await removeUnknown();
    }
  });

  it('says that the Lifeboat console holds the card, not some other program', async () => {
    await insert(new SimulatedKeycard());
    const consoleReaders = benchReaders({ role: 'console' });
    const consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-console-'));
    const consoleCards = new CardService({
      readers: consoleReaders,
      pairings: new FilePairingStore(consoleDir, await keyFileSecretBox(consoleDir)),
      trustedCaKeys: () => [],
    });
    try {
      await consoleReaders.start();
      await waitFor(
        () =>
          consoleReaders.snapshot().readers.find((r) => r.name === READER)?.atr ? true : undefined,
        5000,
        'the card seen by the console',
      );
      const held = await consoleCards.open(READER);
      const run = await cardProcess(['info', '--json'], '');
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({
        error: {
          code: 'card-in-use',
          message: expect.stringContaining(`The Lifeboat console (process ${process.pid})`),
          holder: 'console',
        },
      });
      await consoleCards.close(held.sessionId);
      const free = await cardProcess(['info', '--json'], '');
      expect(JSON.parse(free.stdout)).toMatchObject({ family: 'keycard', initialized: false });
    } finally {
      await consoleCards.dispose();
      await consoleReaders.stop();
      fs.rmSync(consoleDir, { recursive: true, force: true });
    }
  });

  it('checks what it can before asking for secrets, and names the tries left for a source card', async () => {
    await insert(new SimulatedKeycard(), OTHER_READER);
    // A blank card is named as such before any line of standard input is read.
    const load = await card(['load', '--json'], '', OTHER_READER);
    expect(json(load)).toMatchObject({ error: { code: 'not-initialized' } });
    const reset = await card(['factory-reset', '--json'], '', OTHER_READER);
    expect(json(reset)).toMatchObject({
      error: { code: 'not-initialized', message: expect.stringContaining('nothing to erase') },
    });
    const typo = await runCliAtTerminal(
      ['card', 'init', '--reader', OTHER_READER, '--data-dir', dataDir],
      ['111111', '111112'],
    );
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('The two entries of the new PIN differ.');

    await insert(
      SimulatedKeycard.initialized({
        pin: PIN,
        puk: PUK,
        duressPin: '000111',
        pairingPassword: 'KeycardDefaultPairing',
      }),
    );
    // No network is contacted before the card is unlocked, so none needs to be running.
    const discover = (reader: string) =>
      runCli(
        [
          'discover',
          '--rpc',
          '1=http://127.0.0.1:9',
          '--from-reader',
          reader,
          '--data-dir',
          dataDir,
        ],
        lines('999999'),
      );
    const wrong = await discover(READER);
    expect(wrong.stderr).toContain(`Wrong PIN for the card in ${READER}: 2 tries left.`);
    const missing = await discover('Virtual PCD 00 07');
    expect(missing.stderr).toContain('There is no reader named "Virtual PCD 00 07"');
  });

  it('works as a real process', async () => {
    await insert(new SimulatedKeycard());
    const run = await cardProcess(['info', '--json'], '');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ reader: READER, initialized: false });
  });
});
