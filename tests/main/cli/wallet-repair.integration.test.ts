// A lost member replaced and drilled, at the command line over real pcscd and vpcd with the
// card simulators: a wallet made on a Keycard with a written phrase (`wallet create`), its
// Keycard marked lost (`wallet lost`), the wallet written onto a Satochip from the phrase
// (`wallet repair`) and the Satochip drilled (`drill --card`). The addresses expected of the
// new card are derived here from the phrase with @scure, not with the command's derivation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { computeAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletRecord } from '../../../preload/api';
import type { PcscReaders } from '../../../main/cards/pcsc/pcsc-readers';
import { SimulatedKeycard, insertIntoReader, type InsertedCard } from '../../sim/keycard';
import { SimulatedSatochip, insertIntoReader as insertSatochip } from '../../sim/satochip';
import { benchReaders } from '../../support/bench-readers';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { waitFor } from '../../support/wait';
import { runCli, runCliAtTerminal } from './cli-harness';

const KEYCARD_READER = 'Virtual PCD 00 00';
const NEW_CARD_READER = 'Virtual PCD 00 01';
const PIN = '482916';
const CARD = { pin: PIN, puk: '739104628351', pairingPassword: 'KeycardDefaultPairing' };
const OTHER_PHRASE =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

let pcscd: PcscdHandle;
let readers: PcscReaders;
let dataDir: string;
const inserted: InsertedCard[] = [];

async function present(reader: string): Promise<void> {
  await waitFor(
    () => {
      const view = readers.snapshot().readers.find((r) => r.name === reader);
      return view?.state === 'card-present' || view?.state === 'connected' ? true : undefined;
    },
    5000,
    `${reader} with a card`,
  );
}

function firstAddresses(phrase: string, count: number): string[] {
  const root = HDKey.fromMasterSeed(mnemonicToSeedSync(phrase));
  return Array.from({ length: count }, (_, i) =>
    computeAddress(`0x${bytesToHex(root.derive(`m/44'/60'/0'/0/${i}`).publicKey!)}`),
  );
}

const inventory = (): string => fs.readFileSync(path.join(dataDir, 'drills.json'), 'utf8');
const walletOf = (): WalletRecord =>
  (JSON.parse(inventory()) as { wallets: WalletRecord[] }).wallets[0]!;

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders({ retryMs: 200 });
  await readers.start();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cli-wallet-repair-'));
  inserted.push(await insertIntoReader(SimulatedKeycard.initialized(CARD), KEYCARD_READER));
  inserted.push(
    await insertSatochip(
      SimulatedSatochip.initialized({ pin: PIN, puk: '73910462' }),
      NEW_CARD_READER,
    ),
  );
  await present(KEYCARD_READER);
  await present(NEW_CARD_READER);
});

afterAll(async () => {
  for (const card of inserted) await card.remove();
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a lost member replaced and drilled', () => {
  let phrase = '';
  let walletId = '';
  let lostMemberId = '';
  let newMemberId = '';

  it('makes a wallet on a Keycard with a written phrase', async () => {
    const run = await runCliAtTerminal(
      [
        'wallet',
        'create',
        '--card',
        KEYCARD_READER,
        '--phrase',
        '--words',
        '12',
        '--label',
        'Everyday',
        '--yes',
        '--json',
        '--data-dir',
        dataDir,
      ],
      (prompt, said) => {
        if (prompt.startsWith('PIN of the card')) return PIN;
        if (prompt.startsWith('The recovery phrase, typed back'))
          return /Write it down now, then type it back:\n\n(.+)\n/.exec(said)![1]!.trim();
        return undefined;
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.hidden.every(Boolean)).toBe(true);
    phrase = /Write it down now, then type it back:\n\n(.+)\n/.exec(run.stderr)![1]!.trim();
    const made = JSON.parse(run.stdout) as {
      walletId: string;
      firstAddress: string;
      members: { memberId: string; family: string }[];
    };
    walletId = made.walletId;
    lostMemberId = made.members[0]!.memberId;
    expect(made.members.map((m) => m.family)).toEqual(['keycard']);
    expect(made.firstAddress).toBe(firstAddresses(phrase, 1)[0]);
  });

  it('marks the Keycard lost and advises a new card from the phrase', async () => {
    const run = await runCli(
      [
        'wallet',
        'lost',
        '--wallet',
        'Everyday',
        '--member',
        'Card 1',
        '--yes',
        '--json',
        '--data-dir',
        dataDir,
      ],
      '',
    );
    expect(run.code, run.stdout).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      walletId,
      lost: { memberId: lostMemberId },
      advice: { action: 'repair', from: ['phrase'] },
    });
  });

  it('refuses the phrase of another wallet with wrong-wallet, before the new card is touched', async () => {
    const before = inventory();
    const run = await runCli(
      [
        'wallet',
        'repair',
        '--wallet',
        walletId,
        '--card',
        NEW_CARD_READER,
        '--yes',
        '--json',
        '--data-dir',
        dataDir,
      ],
      `${OTHER_PHRASE}\n\n\n${PIN}\n${PIN}\n`,
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'wrong-wallet' } });
    expect(inventory()).toBe(before);
    // The Satochip was not written: the repair below could not load a card holding a key.
  });

  it('writes the wallet onto a Satochip from the phrase and tests it', async () => {
    const run = await runCli(
      [
        'wallet',
        'repair',
        '--wallet',
        'Everyday',
        '--card',
        NEW_CARD_READER,
        '--yes',
        '--json',
        '--data-dir',
        dataDir,
      ],
      `${phrase}\n\n\n${PIN}\n${PIN}\n`,
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const repaired = JSON.parse(run.stdout) as {
      walletId: string;
      state: string;
      members: { memberId: string; family: string; label: string }[];
      testRecovery: { passed: boolean; cards: { memberId: string; passed: boolean }[] };
    };
    expect(repaired).toMatchObject({ walletId, state: 'ready', testRecovery: { passed: true } });
    expect(repaired.members.map((m) => [m.family, m.label])).toEqual([['satochip', 'Card 2']]);
    newMemberId = repaired.members[0]!.memberId;
    expect(repaired.testRecovery.cards).toEqual([{ memberId: newMemberId, passed: true }]);
    expect(run.stderr).not.toContain(PIN);
    expect(run.stderr).not.toContain(phrase.split(' ').slice(0, 3).join(' '));

    const wallet = walletOf();
    expect(wallet.members.map((m) => [m.memberId, m.lostAt !== undefined])).toEqual([
      [lostMemberId, true],
      [newMemberId, false],
    ]);
  });

  it('the new card derives the addresses of the phrase', async () => {
    const run = await runCli(
      [
        'card',
        'addresses',
        '--reader',
        NEW_CARD_READER,
        '--count',
        '3',
        '--json',
        '--data-dir',
        dataDir,
      ],
      `${PIN}\n`,
    );
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { addresses: string[] }).addresses).toEqual(
      firstAddresses(phrase, 3),
    );
  });

  it('drills the new card as a member of the set', async () => {
    const run = await runCli(
      ['drill', '--card', NEW_CARD_READER, '--json', '--data-dir', dataDir],
      `${PIN}\n`,
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      passed: true,
      results: [{ walletId, memberId: newMemberId, passed: true }],
    });
    const listed = await runCli(['wallet', 'list', '--data-dir', dataDir], '');
    expect(listed.stdout).toMatch(/Card "Card 1" \(keycard\): lost on \d{4}-\d{2}-\d{2}/);
    expect(listed.stdout).toContain(
      `Card "Card 2" (satochip): last drilled ${new Date().toISOString().slice(0, 10)}`,
    );
  });

  it('refuses a card already in the set as the new card, and records nothing', async () => {
    const before = inventory();
    const run = await runCli(
      [
        'wallet',
        'repair',
        '--wallet',
        'Everyday',
        '--card',
        NEW_CARD_READER,
        '--yes',
        '--json',
        '--data-dir',
        dataDir,
      ],
      `${phrase}\n\n\n${PIN}\n`,
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      error: { code: 'card-in-set', reader: NEW_CARD_READER },
    });
    expect(inventory()).toBe(before);
  });
});
