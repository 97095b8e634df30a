// `lifeboat wallet create` and `lifeboat drill` against simulated Keycards in one vpcd reader
// through real pcscd: the person at a terminal swaps the cards when asked, writes the shares
// down and types them back. Expected addresses are computed here from the shares shown, with
// @scure/bip32 and the reference SLIP-39 combine, not with the command's own derivation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { computeAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combine } from '../../../main/secrets/slip39';
import type { PcscReaders } from '../../../main/cards/pcsc/pcsc-readers';
import { SimulatedKeycard, insertIntoReader, type InsertedCard } from '../../sim/keycard';
import { SimulatedSatochip, insertIntoReader as insertSatochip } from '../../sim/satochip';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { benchReaders } from '../../support/bench-readers';
import { waitFor } from '../../support/wait';
import { runCli, runCliWithPerson, type CliRun, type Person } from './cli-harness';

const READER = 'Virtual PCD 00 00';
const PIN = '482916';
const CARD = { pin: PIN, puk: '739104628351', pairingPassword: 'KeycardDefaultPairing' };
const PHRASE =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

let pcscd: PcscdHandle;
let readers: PcscReaders;
let dataDir: string;
let slot: InsertedCard | undefined;
const cards = [SimulatedKeycard.initialized(CARD), SimulatedKeycard.initialized(CARD)];
let inReader = 0;

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

async function put(card: SimulatedKeycard): Promise<void> {
  await slot?.remove();
  slot = undefined;
  await present(false);
  slot = await insertIntoReader(card, READER);
  await present(true);
}

/** Takes the card out of the reader and puts the other one of the set in. */
async function swap(): Promise<void> {
  inReader = 1 - inReader;
  await put(cards[inReader]!);
}

/** Runs the command at a fake terminal where `person` reads, answers and swaps cards. */
async function atTerminal(argv: string[], person: Person): Promise<CliRun> {
  const run = await runCliWithPerson(argv, person);
  // Whatever is typed is a PIN or words of the wallet: never echoed.
  expect(run.hidden.every(Boolean), 'every answer typed without echo').toBe(true);
  return run;
}

function addressesOf(seed: Uint8Array, count: number): string[] {
  const root = HDKey.fromMasterSeed(seed);
  return Array.from({ length: count }, (_, i) =>
    computeAddress(`0x${bytesToHex(root.derive(`m/44'/60'/0'/0/${i}`).publicKey!)}`),
  );
}

async function addressesOnCard(reader: string = READER): Promise<string[]> {
  const run = await runCli(
    ['card', 'addresses', '--reader', reader, '--count', '3', '--json', '--data-dir', dataDir],
    `${PIN}\n`,
  );
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { addresses: string[] }).addresses;
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders({ retryMs: 200 });
  await readers.start();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cli-wallet-'));
  await put(cards[0]!);
});

afterAll(async () => {
  await slot?.remove();
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('lifeboat wallet create and lifeboat drill, one reader', () => {
  const shares: string[] = [];
  let created: {
    walletId: string;
    keyUid: string;
    firstAddress: string;
    state: string;
    members: { memberId: string; family: string }[];
    testRecovery: { passed: boolean; cards: { passed: boolean }[]; shares: { passed: boolean } };
  };

  it('makes two cards and a 2-of-3 share set, swapping cards when asked, and tests every copy', async () => {
    const said: string[] = [];
    const run = await atTerminal(
      [
        'wallet',
        'create',
        '--card',
        READER,
        '--card',
        READER,
        '--shares',
        '2-of-3',
        '--label',
        'Savings',
        '--yes',
        '--json',
        '--data-dir',
        dataDir,
      ],
      {
        answer(prompt) {
          if (prompt.startsWith('PIN of the card')) return PIN;
          const typed = /^Share (\d+)(?: of \d+)?, typed (?:back|again): $/.exec(prompt);
          if (typed) {
            const share = shares[Number(typed[1]) - 1]!;
            // The first time, a word is typed wrong: the command names it and asks again.
            if (said.filter((s) => s.startsWith('Word 3 is not right')).length === 0)
              return share.replace(
                /^(\S+ \S+ )(\S+)/,
                (_, head: string, word: string) =>
                  `${head}${word === 'acid' ? 'academic' : 'acid'}`,
              );
            return share;
          }
          return undefined;
        },
        async read(text) {
          said.push(text.trim());
          const shown = /^Share (\d+) of 3\. Write it down now, then type it back:\n\n(.+)$/.exec(
            text.trim(),
          );
          if (shown) shares[Number(shown[1]) - 1] = shown[2]!.trim();
          if (text.startsWith('Take the card out of')) await swap();
        },
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(shares).toHaveLength(3);
    expect(said).toContain(`Take the card out of ${READER} and put in card 2 of 2.`);
    expect(said).toContain(
      `Take the card out of ${READER} and put in another card of this set, not yet tested.`,
    );
    created = JSON.parse(run.stdout) as typeof created;
    expect(created).toMatchObject({
      state: 'ready',
      testRecovery: {
        passed: true,
        cards: [{ passed: true }, { passed: true }],
        shares: { passed: true },
      },
    });
    expect(created.members.map((m) => m.family)).toEqual(['keycard', 'keycard']);
    expect(run.stderr).not.toContain(PIN);
  });

  it('derives the same addresses on both cards as the shares rebuild', async () => {
    const expected = addressesOf(await combine([shares[0]!, shares[2]!]), 3);
    expect(created.firstAddress).toBe(expected[0]);
    const here = await addressesOnCard();
    await swap();
    const there = await addressesOnCard();
    expect(here).toEqual(expected);
    expect(there).toEqual(expected);
  });

  it('drills both cards with one reader and records each card of the set', async () => {
    const run = await atTerminal(
      ['drill', '--card', READER, '--card', READER, '--json', '--data-dir', dataDir],
      {
        answer: (prompt) => (prompt.startsWith('PIN of the card') ? PIN : undefined),
        read: async (text) => {
          if (text.startsWith('Take the card out of')) await swap();
        },
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const drill = JSON.parse(run.stdout) as {
      passed: boolean;
      results: { walletId: string; memberId?: string; passed: boolean }[];
    };
    expect(drill.passed).toBe(true);
    expect(drill.results.map((r) => r.walletId)).toEqual([created.walletId, created.walletId]);
    expect(new Set(drill.results.map((r) => r.memberId))).toEqual(
      new Set(created.members.map((m) => m.memberId)),
    );
  });

  it('drills the shares from standard input', async () => {
    const run = await runCli(
      ['drill', '--shares', '--json', '--data-dir', dataDir],
      `${shares[1]}\n${shares[2]}\n\n\n`,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      passed: true,
      results: [{ walletId: created.walletId, method: 'slip39', passed: true }],
    });
  });

  it('says "passed": false for a card of another wallet, and exits 1', async () => {
    await put(SimulatedKeycard.initialized({ ...CARD, mnemonic: PHRASE }));
    const run = await runCli(
      ['drill', '--card', READER, '--wallet', created.walletId, '--json', '--data-dir', dataDir],
      `${PIN}\n`,
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      passed: false,
      results: [{ walletId: created.walletId, passed: false }],
    });
  });

  it('names the readers there are when a reader is not', async () => {
    const run = await runCli(
      [
        'wallet',
        'create',
        '--card',
        'No such reader',
        '--phrase',
        '--yes',
        '--json',
        '--data-dir',
        dataDir,
      ],
      `${PIN}\n`,
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      error: { code: 'reader-not-found', reader: 'No such reader' },
    });
    expect(JSON.parse(run.stdout).error.message).toContain(READER);
  });
});

describe('lifeboat wallet create, a set of two card families', () => {
  const OTHER_READER = 'Virtual PCD 00 01';

  it('puts one wallet on a Keycard and a Satochip, reads both back, and tests both', async () => {
    await put(SimulatedKeycard.initialized(CARD));
    const satochip = await insertSatochip(
      SimulatedSatochip.initialized({ pin: PIN, puk: '73910462' }),
      OTHER_READER,
    );
    try {
      let phrase = '';
      const run = await atTerminal(
        [
          'wallet',
          'create',
          '--card',
          READER,
          '--card',
          OTHER_READER,
          '--phrase',
          '--words',
          '12',
          '--label',
          'Two families',
          '--yes',
          '--json',
          '--data-dir',
          dataDir,
        ],
        {
          answer(prompt) {
            if (prompt.startsWith('PIN of the card')) return PIN;
            if (prompt.startsWith('The recovery phrase, typed back')) return phrase;
            return undefined;
          },
          read(text) {
            const shown = /Write it down now, then type it back:\n\n(.+)$/.exec(text.trim());
            if (shown) phrase = shown[1]!.trim();
          },
        },
      );
      expect(run.code, run.stderr).toBe(0);
      const made = JSON.parse(run.stdout) as {
        firstAddress: string;
        members: { family: string }[];
        testRecovery: { passed: boolean };
      };
      expect(made.members.map((m) => m.family)).toEqual(['keycard', 'satochip']);
      expect(made.testRecovery.passed).toBe(true);

      const expected = addressesOf(mnemonicToSeedSync(phrase), 3);
      expect(made.firstAddress).toBe(expected[0]);
      expect(await addressesOnCard(READER)).toEqual(expected);
      expect(await addressesOnCard(OTHER_READER)).toEqual(expected);
    } finally {
      await satochip.remove();
    }
  });
});
