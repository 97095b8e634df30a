// `lifeboat card …` with a Satochip in a vpcd virtual reader through real pcscd: the same
// commands as for a Keycard, its family found by SELECT, secrets in the same order on
// standard input (no pairing password), and the Satochip's own PIN model.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { HDNodeWallet, Signature, recoverAddress } from 'ethers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PcscReaders } from '../../../main/cards/pcsc/pcsc-readers';
import { benchReaders } from '../../support/bench-readers';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { waitFor } from '../../support/wait';
import {
  SimulatedSatochip,
  TEST_TOPORIN_CA,
  insertIntoReader,
  type InsertedCard,
} from '../../sim/satochip';
import { SimulatedSeedkeeper } from '../../sim/seedkeeper';
import { runCli, type CliRun } from './cli-harness';

const READER = 'Virtual PCD 00 00';
const PIN = 'blue-harbour';
const NEW_PIN = 'green-dock';
const PUK = 'lighthouse-77';
const PHRASE =
  'void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing screen patrol group space point ten exist slush involve unfold';
const PASSPHRASE = 'lifeboat';
const lines = (...l: string[]) => `${l.join('\n')}\n`;

// Derived here with ethers, independently of Lifeboat's derivation.
const wallet = (i: number) =>
  HDNodeWallet.fromPhrase(PHRASE, PASSPHRASE, `m/44'/60'/0'/0/${i}`).address;

let pcscd: PcscdHandle;
let readers: PcscReaders;
let dataDir: string;
const slots: InsertedCard[] = [];

async function present(yes: boolean): Promise<void> {
  await waitFor(
    () => {
      const view = readers.snapshot().readers.find((r) => r.name === READER);
      const has = view?.state === 'card-present' || view?.state === 'connected';
      return has === yes ? true : undefined;
    },
    5000,
    `${READER} ${yes ? 'with' : 'without'} a card`,
  );
}

async function insert(card: SimulatedSatochip | SimulatedSeedkeeper): Promise<void> {
  slots.push(await insertIntoReader(card, READER));
  await present(true);
}

function card(args: string[], input = ''): Promise<CliRun> {
  return runCli(['card', ...args, '--reader', READER, '--data-dir', dataDir, '--json'], input);
}

function json(run: CliRun): Record<string, unknown> {
  return JSON.parse(run.stdout) as Record<string, unknown>;
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
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cli-satochip-'));
});

afterEach(async () => {
  for (const slot of slots.splice(0)) await slot.remove();
  await present(false);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

afterAll(async () => {
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
});

describe('lifeboat card with a Satochip', () => {
  it('sets up, loads, lists, signs, counts a wrong PIN down and unblocks', async () => {
    const satochip = new SimulatedSatochip();
    await insert(satochip);

    const info = await card(['info']);
    expect(info.code).toBe(0);
    expect(json(info)).toMatchObject({
      family: 'satochip',
      kind: 'wallet',
      initialized: false,
      keyUid: null,
      keyLoaded: false,
    });

    // PIN then PUK, each once from a script; no pairing password: a Satochip does not pair.
    const init = await card(['init', '--pin-retries', '3', '--puk-retries', '2'], lines(PIN, PUK));
    expect(init.stderr).toBe('');
    expect(json(init)).toMatchObject({ initialized: true, pinTries: 3, pukTries: 2 });
    expect(satochip.state).toMatchObject({ setUp: true, pinTriesLeft: 3, pukTriesLeft: 2 });

    const load = await card(['load'], lines(PIN, PHRASE, '', PASSPHRASE));
    expect(load.code).toBe(0);
    expect(json(load)).toMatchObject({ loaded: true, kind: 'bip39', address: wallet(0) });
    expect(satochip.state.seeded).toBe(true);

    // Locked, the card says a wallet is loaded but shows its key UID only once unlocked.
    expect(json(await card(['info']))).toMatchObject({ keyUid: null, keyLoaded: true });

    const addresses = await card(['addresses', '--count', '4'], lines(PIN));
    expect(json(addresses)).toMatchObject({
      keyUid: (json(load) as { keyUid: string }).keyUid,
      addresses: [0, 1, 2, 3].map(wallet),
    });

    const hash = bytesToHex(randomBytes(32));
    const signed = await card(['sign', '--hash', hash, '--path', "m/44'/60'/0'/0/2"], lines(PIN));
    const signature = (json(signed) as { signature: string }).signature;
    expect(recoverAddress(`0x${hash}`, Signature.from(signature))).toBe(wallet(2));

    const wrong = await card(['verify-pin'], lines('not-the-pin'));
    expect(wrong.code).toBe(1);
    expect(json(wrong)).toMatchObject({ error: { code: 'wrong-pin', triesLeft: 2 } });
    expect(json(await card(['status']))).toMatchObject({ pinTries: 2, keyInitialized: true });
    await card(['verify-pin'], lines('not-the-pin'));
    const blocked = await card(['verify-pin'], lines('not-the-pin'));
    expect(json(blocked)).toMatchObject({ error: { code: 'pin-blocked', triesLeft: 0 } });

    // A Satochip's PIN keeps its value when unblocked: only the PUK is read.
    const wrongPuk = await card(['unblock'], lines('not-the-puk'));
    expect(json(wrongPuk)).toMatchObject({ error: { code: 'wrong-puk', triesLeft: 1 } });
    const unblocked = await card(['unblock'], lines(PUK));
    expect(unblocked.code).toBe(0);
    expect(json(unblocked)).toEqual({ unblocked: true });
    expect(satochip.state).toMatchObject({ pinTriesLeft: 3 });

    // Changing the PIN sends the current one again; the new one opens the card after.
    expect((await card(['change-pin'], lines(PIN, NEW_PIN))).code).toBe(0);
    expect(json(await card(['verify-pin'], lines(NEW_PIN)))).toMatchObject({ verified: true });
  });

  it('proves a card genuine after its PIN, against an authority key given on the command line', async () => {
    await insert(
      SimulatedSatochip.initialized({ pin: PIN, puk: PUK, mnemonic: PHRASE, passphrase: '' }),
    );
    const untrusted = await card(['identify'], lines(PIN));
    expect(json(untrusted)).toMatchObject({ verdict: 'unknown-issuer' });
    const trusted = await card(
      ['identify', '--trust-ca', TEST_TOPORIN_CA.satochip.publicKey],
      lines(PIN),
    );
    expect(json(trusted)).toMatchObject({ verdict: 'genuine' });
  });

  it('is factory-reset without its PIN, and a Keycard-only command says what to do instead', async () => {
    const satochip = SimulatedSatochip.initialized({ pin: PIN, puk: PUK, mnemonic: PHRASE });
    await insert(satochip);
    const generate = await card(['generate'], lines(PIN));
    expect(json(generate)).toMatchObject({ error: { code: 'not-supported' } });
    expect((json(generate) as { error: { message: string } }).error.message).toContain(
      'lifeboat card load',
    );
    expect(satochip.state.pinTriesLeft).toBe(5);

    const reset = await card(['factory-reset'], lines('FACTORY RESET'));
    expect(reset.code).toBe(0);
    expect(json(reset)).toMatchObject({ reset: true, initialized: false });
    expect(satochip.state).toMatchObject({ setUp: false, seeded: false });
  });

  it('refuses wallet commands on a backup card before any PIN is read', async () => {
    const seedkeeper = SimulatedSeedkeeper.initialized({ pin: PIN, puk: PUK });
    await insert(seedkeeper);
    const info = await card(['info']);
    expect(json(info)).toMatchObject({ family: 'seedkeeper', kind: 'backup' });
    const addresses = await card(['addresses'], lines('0000'));
    expect(json(addresses)).toMatchObject({ error: { code: 'not-a-wallet-card' } });
    expect(seedkeeper.state.pinTriesLeft).toBe(5);
  });
});
