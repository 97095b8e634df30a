// `lifeboat wallet create --shares … --share-card …` and `lifeboat drill --shares --share-card
// …` with simulated Seedkeepers swapped through one vpcd reader under real pcscd: a 2-of-3
// share set on three backup cards, each share read back, the test recovery reading two of
// them again; a Keycard and one share card sharing the reader with written shares; and the
// refusals (the same backup card twice, a Keycard as a backup card). Checked independently: the shares are read off the simulated cards with the
// raw test client (not Lifeboat's driver), combined with the SLIP-39 code, and the addresses
// derived with @scure/bip32 must match what the command printed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { computeAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PcscReaders } from '../../../main/cards/pcsc/pcsc-readers';
import { combine } from '../../../main/secrets/slip39';
import { SimulatedKeycard, insertIntoReader as insertKeycard } from '../../sim/keycard';
import { SimulatedSeedkeeper, insertIntoReader, type InsertedCard } from '../../sim/seedkeeper';
import { exportSecret, listSecrets } from '../../sim/seedkeeper/raw-secrets';
import { SEEDKEEPER, ascii, cmd, connect, u16 } from '../../sim/toporin/raw-client';
import { benchReaders } from '../../support/bench-readers';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { waitFor } from '../../support/wait';
import { runCliWithPerson, type CliRun, type Person } from './cli-harness';

const READER = 'Virtual PCD 00 00';
const PIN = '482916';
const PUK = '739104628351';
const SHAMIR_SHARE = 0x50;

let pcscd: PcscdHandle;
let readers: PcscReaders;
let dataDir: string;
let slot: InsertedCard | undefined;

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

async function put(card: SimulatedSeedkeeper | SimulatedKeycard): Promise<void> {
  await slot?.remove();
  slot = undefined;
  await present(false);
  slot =
    card instanceof SimulatedKeycard
      ? await insertKeycard(card, READER)
      : await insertIntoReader(card, READER);
  await present(true);
}

/** The person at the terminal: types the PIN and puts in the backup card asked for. */
function swapping(cards: readonly SimulatedSeedkeeper[], said: string[]): Person {
  return {
    answer: (prompt) => (prompt.startsWith('PIN of the card') ? PIN : undefined),
    async read(text) {
      said.push(text.trim());
      const asked = /put in the backup card for share (\d+) of/.exec(text);
      if (asked) await put(cards[Number(asked[1]) - 1]!);
    },
  };
}

async function atTerminal(argv: string[], person: Person): Promise<CliRun> {
  const run = await runCliWithPerson(argv, person);
  expect(run.hidden.every(Boolean), 'every PIN typed without echo').toBe(true);
  return run;
}

/** The Shamir shares a simulated card keeps, read with the raw test client (card out of any reader). */
async function sharesOn(card: SimulatedSeedkeeper): Promise<{ label: string; share: string }[]> {
  const channel = await connect((apdu) => card.transmit(apdu), SEEDKEEPER);
  expect((await channel.command(cmd(0x42, 0, 0, ascii(PIN)))).sw).toBe(0x9000);
  const { headers } = await listSecrets(channel);
  const found = [];
  for (const header of headers.filter((h) => h.type === SHAMIR_SHARE)) {
    const { data } = await exportSecret(channel, header.id);
    // Lifeboat's layout for a share: len(2) | the words as UTF-8.
    const share = new TextDecoder().decode(data!.subarray(2, 2 + u16(data!, 0)));
    found.push({ label: header.label, share });
  }
  return found;
}

function addressesOf(seed: Uint8Array, count: number): string[] {
  const root = HDKey.fromMasterSeed(seed);
  return Array.from({ length: count }, (_, i) =>
    computeAddress(`0x${bytesToHex(root.derive(`m/44'/60'/0'/0/${i}`).publicKey!)}`),
  );
}

const create = (...args: string[]) => [
  'wallet',
  'create',
  ...args,
  '--yes',
  '--json',
  '--data-dir',
  dataDir,
];

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders({ retryMs: 200 });
  await readers.start();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cli-wallet-shares-'));
});

afterAll(async () => {
  await slot?.remove();
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a 2-of-3 share set on three Seedkeepers, one reader', () => {
  const cards = [0, 1, 2].map(() => SimulatedSeedkeeper.initialized({ pin: PIN, puk: PUK }));
  let created: {
    walletId: string;
    keyUid: string;
    firstAddress: string;
    state: string;
    shares: {
      items: {
        holder: string;
        card?: { family: string; instanceId: string };
        reader?: string;
      }[];
    };
    testRecovery: { passed: boolean; shares: { passed: boolean; fromCards: number[] } };
  };

  it('keeps one share per card, reads each back, and rebuilds the wallet from two cards', async () => {
    await put(cards[0]!);
    const said: string[] = [];
    const run = await atTerminal(
      create(
        '--shares',
        '2-of-3',
        '--share-card',
        READER,
        '--share-card',
        READER,
        '--share-card',
        READER,
        '--label',
        'Shares on cards',
      ),
      swapping(cards, said),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(said).toContain(
      `Take the card out of ${READER} and put in the backup card for share 2 of 3.`,
    );
    expect(said).toContain(
      `Take the card out of ${READER} and put in the backup card for share 1 of 3.`,
    );
    created = JSON.parse(run.stdout) as typeof created;
    expect(created).toMatchObject({
      state: 'ready',
      testRecovery: { passed: true, shares: { passed: true, fromCards: [0, 1], typed: [] } },
    });
    expect(created.shares.items.map((s) => [s.holder, s.card?.family, s.reader])).toEqual([
      ['card', 'seedkeeper', READER],
      ['card', 'seedkeeper', READER],
      ['card', 'seedkeeper', READER],
    ]);
    expect(new Set(created.shares.items.map((s) => s.card?.instanceId)).size).toBe(3);

    await slot?.remove();
    slot = undefined;
    const onCards = await Promise.all(cards.map((card) => sharesOn(card)));
    expect(onCards.map((found) => found.length)).toEqual([1, 1, 1]);
    expect(onCards.map((found) => found[0]!.label)).toEqual([
      'Shares on cards · share 1 of 3',
      'Shares on cards · share 2 of 3',
      'Shares on cards · share 3 of 3',
    ]);
    const words = onCards.map((found) => found[0]!.share);
    // Never shown: a share kept on a card does not reach the terminal.
    for (const share of words) {
      expect(run.stderr).not.toContain(share.split(' ').slice(0, 6).join(' '));
      expect(run.stdout).not.toContain(share.split(' ').slice(0, 6).join(' '));
    }
    const expected = addressesOf(await combine([words[0]!, words[2]!]), 2);
    expect(created.firstAddress).toBe(expected[0]);
    expect(addressesOf(await combine([words[1]!, words[2]!]), 2)).toEqual(expected);
  });

  it('drills the shares from two of the backup cards with one reader and says "passed"', async () => {
    await put(cards[2]!);
    const run = await atTerminal(
      [
        'drill',
        '--shares',
        '--share-card',
        READER,
        '--share-card',
        READER,
        '--json',
        '--data-dir',
        dataDir,
      ],
      {
        answer: (prompt) =>
          prompt.startsWith('PIN of the card')
            ? PIN
            : prompt.startsWith('Shamir passphrase')
              ? ''
              : undefined,
        read: async (text) => {
          if (text.includes('put in the next backup card to check')) await put(cards[0]!);
        },
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      passed: true,
      results: [{ walletId: created.walletId, method: 'slip39', passed: true }],
    });
  });

  it('refuses a backup card that already keeps a share of the set', async () => {
    const fresh = [0, 1].map(() => SimulatedSeedkeeper.initialized({ pin: PIN, puk: PUK }));
    await put(fresh[0]!);
    const run = await atTerminal(
      create('--shares', '2-of-3', '--share-card', READER, '--share-card', READER),
      {
        answer: (prompt) => (prompt.startsWith('PIN of the card') ? PIN : undefined),
        // The same card again in place of the backup card for share 2.
        read: async (text) => {
          if (text.includes('put in the backup card for share 2')) await put(fresh[0]!);
        },
      },
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      error: { code: 'share-card-in-set', reader: READER },
    });
  });
});

describe('a Keycard and a share on a Seedkeeper through one reader, the other shares written', () => {
  it('loads the card, keeps share 1 on the backup card, and tests each from the right card', async () => {
    const keycard = SimulatedKeycard.initialized({
      pin: PIN,
      puk: PUK,
      pairingPassword: 'KeycardDefaultPairing',
    });
    const seedkeeper = SimulatedSeedkeeper.initialized({ pin: PIN, puk: PUK });
    await put(keycard);
    const shown: string[] = [];
    const said: string[] = [];
    const run = await atTerminal(
      create('--card', READER, '--shares', '2-of-3', '--share-card', READER, '--label', 'Mixed'),
      {
        answer(prompt) {
          if (prompt.startsWith('PIN of the card')) return PIN;
          const typed = /^Share (\d+)(?: of \d+)?, typed (?:back|again): $/.exec(prompt);
          return typed ? shown[Number(typed[1]) - 1] : undefined;
        },
        async read(text) {
          said.push(text.trim());
          const words = /^Share (\d+) of 3\. Write it down now, then type it back:\n\n(.+)$/.exec(
            text.trim(),
          );
          if (words) shown[Number(words[1]) - 1] = words[2]!.trim();
          if (text.includes('put in the backup card for share 1 of 3')) await put(seedkeeper);
          if (text.includes('put in a card of this set')) await put(keycard);
        },
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(said).toContain(`Take the card out of ${READER} and put in a card of this set.`);
    const made = JSON.parse(run.stdout) as {
      firstAddress: string;
      members: { family: string }[];
      shares: { items: { holder: string; card?: { family: string } }[] };
      testRecovery: {
        cards: { passed: boolean }[];
        shares: { fromCards: number[]; typed: number[] };
      };
    };
    expect(made.members.map((m) => m.family)).toEqual(['keycard']);
    expect(made.shares.items.map((s) => [s.holder, s.card?.family])).toEqual([
      ['card', 'seedkeeper'],
      ['written', undefined],
      ['written', undefined],
    ]);
    expect(made.testRecovery).toMatchObject({
      cards: [{ passed: true }],
      shares: { fromCards: [0], typed: [1] },
    });
    // Share 1 was never shown: only shares 2 and 3 were written down.
    expect(shown[0]).toBeUndefined();
    await slot?.remove();
    slot = undefined;
    const [onCard] = await sharesOn(seedkeeper);
    expect(addressesOf(await combine([onCard!.share, shown[2]!]), 1)[0]).toBe(made.firstAddress);
  });
});

describe('a wallet card given as a share card', () => {
  it('is refused before its PIN is asked for', async () => {
    await put(
      SimulatedKeycard.initialized({
        pin: PIN,
        puk: PUK,
        pairingPassword: 'KeycardDefaultPairing',
      }),
    );
    const asked: string[] = [];
    const run = await atTerminal(create('--shares', '2-of-3', '--share-card', READER), {
      answer: (prompt) => {
        asked.push(prompt);
        return PIN;
      },
    });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      error: { code: 'not-a-backup-card', reader: READER },
    });
    expect(asked).toEqual([]);
  });
});
