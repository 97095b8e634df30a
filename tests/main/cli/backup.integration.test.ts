// `lifeboat backup …` with Seedkeepers in the vpcd virtual readers through real pcscd: a phrase
// with its passphrase stored, listed and opened into the same wallet; three Shamir shares on
// three cards, opened from both readers and a card swapped into one, into the wallet of the
// official vectors; and the refusals a person meets at the terminal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { HDNodeWallet } from 'ethers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PcscReaders } from '../../../main/cards/pcsc/pcsc-readers';
import { main } from '../../../main/cli/index';
import { benchReaders } from '../../support/bench-readers';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { waitFor } from '../../support/wait';
import { SimulatedKeycard, insertIntoReader as insertKeycard } from '../../sim/keycard';
import { SimulatedSeedkeeper, insertIntoReader, type InsertedCard } from '../../sim/seedkeeper';
import { SLIP39_VECTORS, expectedWallet } from '../secrets/vectors';
import { runCli, type CliRun } from './cli-harness';

const READER = 'Virtual PCD 00 00';
const OTHER_READER = 'Virtual PCD 00 01';
type Reader = typeof READER | typeof OTHER_READER;
const PIN = '7391';
const PUK = 'spare-key-1';
const PHRASE =
  'void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing screen patrol group space point ten exist slush involve unfold';
const PASSPHRASE = 'lifeboat';
// "Threshold number of groups and members in each group (128 bits)": three shares, TREZOR.
const SHAMIR = SLIP39_VECTORS[17]!;
const lines = (...l: string[]) => `${l.join('\n')}\n`;

let pcscd: PcscdHandle;
let readers: PcscReaders;
let dataDir: string;
const slots: InsertedCard[] = [];

function hasCard(reader: Reader): boolean {
  const view = readers.snapshot().readers.find((r) => r.name === reader);
  return view?.state === 'card-present' || view?.state === 'connected';
}

async function present(reader: Reader, yes: boolean): Promise<void> {
  await waitFor(() => (hasCard(reader) === yes ? true : undefined), 5000, `${reader} ${yes}`);
}

async function insert(card: SimulatedSeedkeeper, reader: Reader = READER): Promise<InsertedCard> {
  const slot = await insertIntoReader(card, reader);
  slots.push(slot);
  await present(reader, true);
  return slot;
}

async function pull(slot: InsertedCard, reader: Reader = READER): Promise<void> {
  await slot.remove();
  slots.splice(slots.indexOf(slot), 1);
  await present(reader, false);
}

function backup(args: string[], input: string, reader: Reader = READER): Promise<CliRun> {
  return runCli(['backup', ...args, '--reader', reader, '--data-dir', dataDir, '--json'], input);
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
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cli-backup-'));
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

describe('lifeboat backup with a phrase', () => {
  it('stores it with its passphrase, lists it without it, and opens the same wallet', async () => {
    const card = SimulatedSeedkeeper.initialized({ pin: PIN, puk: PUK });
    await insert(card);
    const stored = await backup(
      ['store', '--label', 'Savings', '--plain-export'],
      lines(PIN, PHRASE, '', PASSPHRASE),
    );
    expect(stored.stderr).toBe('');
    expect(json(stored)).toMatchObject({
      stored: true,
      label: 'Savings',
      kind: 'bip39',
      exportable: true,
    });

    const listed = await backup(['list'], lines(PIN));
    expect(listed.stdout).not.toContain('void');
    expect(json(listed)).toEqual({
      reader: READER,
      secrets: [expect.objectContaining({ label: 'Savings', kind: 'bip39', exportable: true })],
    });

    const opened = await backup(['open', '--label', 'Savings'], lines(PIN));
    expect(opened.code).toBe(0);
    // What `lifeboat phrase fingerprint --json` prints for the phrase and passphrase.
    const fingerprint = await runCli(
      ['phrase', 'fingerprint', '--json'],
      lines(PHRASE, '', PASSPHRASE),
    );
    expect(json(opened)).toEqual(json(fingerprint));
    expect((json(opened) as { addresses: string[] }).addresses[0]).toBe(
      HDNodeWallet.fromPhrase(PHRASE, PASSPHRASE, "m/44'/60'/0'/0/0").address,
    );
  });

  it('keeps a phrase stored without --plain-export so that it cannot be opened', async () => {
    await insert(SimulatedSeedkeeper.initialized({ pin: PIN, puk: PUK }));
    expect((await backup(['store', '--label', 'Kept'], lines(PIN, PHRASE, '', ''))).code).toBe(0);
    const listed = await backup(['list'], lines(PIN));
    expect(json(listed)).toMatchObject({ secrets: [{ label: 'Kept', exportable: false }] });
    const opened = await backup(['open'], lines(PIN));
    expect(json(opened)).toMatchObject({ error: { code: 'secret-export-forbidden' } });
    const again = await backup(['store', '--label', 'Kept'], lines(PIN, PHRASE, '', ''));
    expect(json(again)).toMatchObject({ error: { code: 'invalid-input' } });
  });
});

describe('lifeboat backup with three Shamir shares', () => {
  it('keeps one share per card and combines them from both readers and a card swapped in', async () => {
    const cards = SHAMIR.mnemonics.map(() =>
      SimulatedSeedkeeper.initialized({ pin: PIN, puk: PUK }),
    );
    for (const [i, share] of SHAMIR.mnemonics.entries()) {
      const slot = await insert(cards[i]!);
      const stored = await backup(
        ['store', '--label', `Share ${i + 1}`, '--plain-export'],
        lines(PIN, share, '', ''),
      );
      expect(json(stored)).toMatchObject({ kind: 'slip39-share', label: `Share ${i + 1}` });
      await pull(slot);
    }

    // Cards 1 and 2 in the two readers; card 3 goes into the second once the first two are read.
    await insert(cards[0]!, READER);
    const second = await insert(cards[1]!, OTHER_READER);
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    let swapped: Promise<void> | undefined;
    stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('put the next backup card in') && !swapped)
        swapped = (async () => {
          await pull(second, OTHER_READER);
          await insert(cards[2]!, OTHER_READER);
        })();
    });
    const code = await main(
      [
        'backup',
        'open',
        '--reader',
        READER,
        '--reader',
        OTHER_READER,
        '--data-dir',
        dataDir,
        '--json',
      ],
      { stdin: Readable.from([lines(PIN, PIN, PIN, 'TREZOR')]), stdout, stderr },
    );
    await swapped;
    expect(err).toContain('2 shares read');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(expectedWallet(SHAMIR.masterSecret));
  });
});

describe('lifeboat backup at the terminal, off the happy path', () => {
  it('names the readers there are when the one given is not', async () => {
    const run = await backup(['list'], lines(PIN), 'Virtual PCD 00 07' as Reader);
    expect(json(run)).toMatchObject({ error: { code: 'reader-not-found' } });
    expect((json(run) as { error: { message: string } }).error.message).toContain(READER);
  });

  it('refuses a Keycard before reading its PIN, so no try is spent', async () => {
    const keycard = SimulatedKeycard.initialized({
      pin: '123456',
      puk: '123456789012',
      pairingPassword: 'KeycardDefaultPairing',
    });
    slots.push(await insertKeycard(keycard, READER));
    await present(READER, true);
    const run = await backup(['list'], lines('000000'));
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({ error: { code: 'not-a-backup-card', family: 'keycard' } });
    const status = await runCli(
      ['card', 'status', '--reader', READER, '--data-dir', dataDir, '--json'],
      '',
    );
    expect(json(status)).toMatchObject({ pinTries: 3 });
  });
});
