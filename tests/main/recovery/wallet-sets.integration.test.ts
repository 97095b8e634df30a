// Making a wallet that survives through window.lifeboat, below the page: the real buildApi over
// an in-memory IPC pair, the real services, real pcscd + vpcd with simulated Keycards. A set
// of two cards and a 2-of-3 share set is made, every copy tested, a card lost and replaced
// from the shares, and the new card drilled. Expected values are computed here, from the
// shares the console was shown, with @scure/bip32 and without Lifeboat's derivation code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { computeAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LifeboatApi, Result, WalletDraftView } from '../../../preload/api';
import { buildApi } from '../../../preload/build-api';
import { createServices, type Services } from '../../../main/services';
import { combine, split } from '../../../main/secrets/slip39';
import { SimulatedKeycard, insertIntoReader, type InsertedCard } from '../../sim/keycard';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { benchReaders } from '../../support/bench-readers';
import { waitFor } from '../../support/wait';
import { memoryIpc, type MemoryIpc } from '../ipc/memory-ipc';

const A = 'Virtual PCD 00 00';
const B = 'Virtual PCD 00 01';
const PIN = '482916';
const CARD = { pin: PIN, puk: '739104628351', pairingPassword: 'KeycardDefaultPairing' };

let pcscd: PcscdHandle;
let dir: string;
let services: Services;
let ipc: MemoryIpc;
let api: LifeboatApi;
const slots = new Map<string, InsertedCard>();

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function failure(result: Result<unknown>): string {
  if (result.ok) throw new Error('expected a failure');
  return result.error.code;
}

async function present(reader: string, yes: boolean): Promise<void> {
  await waitFor(
    async () => {
      const view = value(await api.readers.list()).readers.find((r) => r.name === reader);
      const has = view?.state === 'card-present' || view?.state === 'connected';
      return has === yes ? true : undefined;
    },
    5000,
    `${reader} ${yes ? 'with' : 'without'} a card`,
  );
}

async function insert(card: SimulatedKeycard, reader: string): Promise<SimulatedKeycard> {
  await slots.get(reader)?.remove();
  await present(reader, false);
  slots.set(reader, await insertIntoReader(card, reader as typeof A));
  await present(reader, true);
  return card;
}

/** Opens the card in `reader` afresh and unlocks it, as a person at the console does. */
async function unlocked(reader: string): Promise<string> {
  const { sessionId } = value(await api.cards.open({ reader }));
  value(await api.cards.pair({ sessionId }));
  const outcome = value(await api.cards.unlock({ sessionId, pin: PIN }));
  expect(outcome.unlocked).toBe(true);
  return sessionId;
}

async function reopened(reader: string, sessionId: string): Promise<string> {
  value(await api.cards.close({ sessionId }));
  return unlocked(reader);
}

/** The fingerprint of a seed, computed without Lifeboat's code. */
function fingerprintOf(seed: Uint8Array): { keyUid: string; address: (i: number) => string } {
  const root = HDKey.fromMasterSeed(seed);
  return {
    keyUid: bytesToHex(sha256(secp256k1.Point.fromBytes(root.publicKey!).toBytes(false))),
    address: (i) =>
      computeAddress(`0x${bytesToHex(root.derive(`m/44'/60'/0'/0/${i}`).publicKey!)}`),
  };
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-wallet-sets-'));
  services = await createServices({
    dataDir: dir,
    shell: 'harness',
    version: '0.0.0',
    readers: benchReaders(),
  });
  ipc = memoryIpc(services.dispatcher, services.events);
  api = buildApi(ipc);
  await services.start();
  await insert(SimulatedKeycard.initialized(CARD), A);
  await insert(SimulatedKeycard.initialized(CARD), B);
});

afterAll(async () => {
  ipc?.close();
  await services?.stop();
  await Promise.all([...slots.values()].map((s) => s.remove()));
  if (pcscd?.owned) await pcscd.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a wallet that survives, made through window.lifeboat', () => {
  let draft: WalletDraftView;
  let first: string;
  let second: string;
  const shares: string[] = [];
  let walletId: string;

  it('refuses plans that leave one copy unless confirmed, and shares with a phrase', async () => {
    const one = await api.wallets.start({ plan: { label: 'Solo', cards: 1 }, randomFrom: [] });
    expect(failure(one)).toBe('single-copy');
    const both = await api.wallets.start({
      plan: {
        label: 'Both',
        cards: 1,
        shares: { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], onCards: 0 },
        phrase: { words: 12 },
      },
      randomFrom: [],
    });
    expect(failure(both)).toBe('invalid-input');
    const confirmed = value(
      await api.wallets.start({
        plan: { label: 'Solo', cards: 1, singleCopy: 'ONE COPY' },
        randomFrom: [],
      }),
    );
    expect(confirmed.next).toEqual({ step: 'card', index: 0 });
    value(await api.wallets.discard({ draftId: confirmed.draftId }));
    expect(value(await api.drills.list())).toEqual([]);
  });

  it('mixes in both cards’ random numbers, then loads each card and reads its fingerprint back', async () => {
    first = await unlocked(A);
    second = await unlocked(B);
    draft = value(
      await api.wallets.start({
        plan: {
          label: 'Family savings',
          cards: 2,
          shares: { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], onCards: 0 },
        },
        randomFrom: [first, second],
      }),
    );
    expect(draft).toMatchObject({
      cardEntropy: 2,
      repair: false,
      next: { step: 'card', index: 0 },
    });
    expect(draft.walletId).toBeUndefined();
    expect(failure(await api.wallets.showShare({ draftId: draft.draftId, index: 0 }))).toBe(
      'wrong-step',
    );

    draft = value(
      await api.wallets.loadCard({
        draftId: draft.draftId,
        sessionId: first,
        label: 'Kitchen card',
        place: 'kitchen drawer',
      }),
    );
    expect(draft.walletId).toBeDefined();
    walletId = draft.walletId!;
    const sameAgain = await api.wallets.loadCard({
      draftId: draft.draftId,
      sessionId: first,
      label: 'Again',
      place: '',
    });
    expect(failure(sameAgain)).toBe('card-in-set');
    draft = value(
      await api.wallets.loadCard({
        draftId: draft.draftId,
        sessionId: second,
        label: 'Bank card',
        place: 'safe deposit box',
      }),
    );
    expect(draft.cards.members.map((m) => m.label)).toEqual(['Kitchen card', 'Bank card']);
    expect(draft.next).toEqual({ step: 'share', index: 0, holder: 'written' });

    // Not finished, and it says so, from the first card on.
    const making = value(await api.drills.list()).find((w) => w.walletId === walletId)!;
    expect(making).toMatchObject({ state: 'making', format: 'slip39', keyUid: draft.keyUid });
    expect(making.members).toHaveLength(2);
  });

  it('shows each share once the one before is typed back, and names the words typed wrong', async () => {
    for (let index = 0; index < 3; index++) {
      const { words } = value(await api.wallets.showShare({ draftId: draft.draftId, index }));
      expect(words).toHaveLength(20);
      if (index < 2)
        expect(
          failure(await api.wallets.showShare({ draftId: draft.draftId, index: index + 1 })),
        ).toBe('wrong-step');
      const typo = [...words];
      typo[7] = words[7] === 'acid' ? 'academic' : 'acid';
      const wrong = value(
        await api.wallets.confirmShare({
          draftId: draft.draftId,
          index,
          share: typo.join(' '),
          place: '',
        }),
      );
      expect(wrong).toEqual({ confirmed: false, wrong: [7] });
      const right = value(
        await api.wallets.confirmShare({
          draftId: draft.draftId,
          index,
          share: words.join(' '),
          place: `envelope ${index + 1}`,
        }),
      );
      expect(right.confirmed).toBe(true);
      if (right.confirmed) draft = right.draft;
      shares.push(words.join(' '));
    }
    expect(draft.next).toEqual({ step: 'test-cards' });
    const seed = await combine([shares[0]!, shares[2]!]);
    const print = fingerprintOf(seed);
    expect(draft.keyUid).toBe(print.keyUid);
    expect(draft.firstAddress).toBe(print.address(0));
  });

  it('tests each card afresh with its PIN: the same wallet, the same addresses on both', async () => {
    expect(failure(await api.wallets.testCard({ draftId: draft.draftId, sessionId: first }))).toBe(
      'reopen-card',
    );
    first = await reopened(A, first);
    second = await reopened(B, second);
    draft = value(await api.wallets.testCard({ draftId: draft.draftId, sessionId: first }));
    draft = value(await api.wallets.testCard({ draftId: draft.draftId, sessionId: second }));
    expect(draft.cards.members.map((m) => m.tested)).toEqual(['passed', 'passed']);
    const query = { scheme: 'bip44' as const, start: 0, count: 3 };
    const onA = value(await api.cards.accounts({ sessionId: first, ...query }));
    const onB = value(await api.cards.accounts({ sessionId: second, ...query }));
    const print = fingerprintOf(await combine([shares[1]!, shares[2]!]));
    expect(onA.map((a) => a.address)).toEqual([0, 1, 2].map(print.address));
    expect(onB).toEqual(onA);
    expect(draft.next).toEqual({ step: 'test-shares' });
  });

  it('rebuilds the wallet from two of the shares typed again, refusing a share of another backup', async () => {
    expect(failure(await api.wallets.finish({ draftId: draft.draftId }))).toBe('wrong-step');
    const other = await otherShare();
    const refused = value(await api.wallets.testShare({ draftId: draft.draftId, share: other }));
    expect(refused.check).toMatchObject({ accepted: false, problem: { code: 'share-mismatch' } });
    let outcome = value(await api.wallets.testShare({ draftId: draft.draftId, share: shares[2]! }));
    expect(outcome.check.accepted).toBe(true);
    outcome = value(await api.wallets.testShare({ draftId: draft.draftId, share: shares[0]! }));
    expect(outcome.draft.shares?.test.rebuilt).toBe('passed');
    expect(outcome.draft.next).toEqual({ step: 'finish' });
    const wallet = value(await api.wallets.finish({ draftId: outcome.draft.draftId }));
    expect(wallet).toMatchObject({
      walletId,
      label: 'Family savings',
      state: 'ready',
      format: 'slip39',
      members: [
        { family: 'keycard', label: 'Kitchen card', place: 'kitchen drawer' },
        { family: 'keycard', label: 'Bank card', place: 'safe deposit box' },
      ],
    });
    expect(wallet.shareSets).toHaveLength(1);
    expect(wallet.shareSets[0]!.shares.map((s) => s.place)).toEqual([
      'envelope 1',
      'envelope 2',
      'envelope 3',
    ]);
    // The test recovery is every copy's first drill.
    const ids = wallet.members.map((m) => m.memberId);
    expect(wallet.results.map((r) => r.memberId ?? r.shareSetId)).toEqual([
      ...ids,
      wallet.shareSets[0]!.shareSetId,
    ]);
    expect(wallet.results.every((r) => r.passed)).toBe(true);
    expect(
      failure(await api.wallets.testShare({ draftId: draft.draftId, share: shares[1]! })),
    ).toBe('not-found');
  });

  it('replaces a lost card from the shares, tests the new card and drills it', async () => {
    const record = value(await api.drills.list()).find((w) => w.walletId === walletId)!;
    const lost = record.members[1]!;
    const advice = value(
      await api.wallets.markLost({ walletId, memberId: lost.memberId, couldBeOpened: false }),
    );
    expect(advice.advice).toEqual({ action: 'repair', from: ['shares'] });
    expect(advice.wallet.members[1]!.lostAt).toBeDefined();

    const { shareSetId } = value(await api.secrets.startShareSet());
    for (const share of [shares[0]!, shares[1]!])
      value(await api.secrets.addShare({ shareSetId, share }));
    const secret = value(await api.secrets.combine({ shareSetId, passphrase: '' }));
    let repair = value(await api.wallets.repair({ walletId, secretId: secret.secretId, cards: 1 }));
    expect(repair).toMatchObject({ repair: true, walletId, next: { step: 'card', index: 0 } });

    value(await api.cards.close({ sessionId: second }));
    await insert(SimulatedKeycard.initialized(CARD), B);
    let replacement = await unlocked(B);
    repair = value(
      await api.wallets.loadCard({
        draftId: repair.draftId,
        sessionId: replacement,
        label: 'New bank card',
        place: 'safe deposit box',
      }),
    );
    // Not listed until its test recovery passed: the wallet is in use meanwhile.
    const meanwhile = value(await api.drills.list()).find((w) => w.walletId === walletId)!;
    expect(meanwhile.members).toHaveLength(2);
    replacement = await reopened(B, replacement);
    repair = value(await api.wallets.testCard({ draftId: repair.draftId, sessionId: replacement }));
    const repaired = value(await api.wallets.finish({ draftId: repair.draftId }));
    value(await api.secrets.release({ secretId: secret.secretId }));
    expect(repaired.members.map((m) => [m.label, m.lostAt === undefined])).toEqual([
      ['Kitchen card', true],
      ['Bank card', false],
      ['New bank card', true],
    ]);

    const drill = value(
      await api.drills.check({ walletId, source: { kind: 'card', sessionId: replacement } }),
    );
    expect(drill).toMatchObject({ passed: true, memberId: repaired.members[2]!.memberId });
  });

  it('sets aside a card that shows another wallet in its test recovery, and takes another in its place', async () => {
    value(await api.cards.close({ sessionId: first }));
    const faulty = await insert(SimulatedKeycard.initialized(CARD), A);
    first = await unlocked(A);
    let made = value(
      await api.wallets.start({
        plan: { label: 'Two cards', cards: 2, phrase: { words: 12 } },
        randomFrom: [],
      }),
    );
    made = value(
      await api.wallets.loadCard({
        draftId: made.draftId,
        sessionId: first,
        label: 'One',
        place: '',
      }),
    );
    const other = await unlocked(B);
    value(await api.cards.close({ sessionId: other }));
    await insert(SimulatedKeycard.initialized(CARD), B);
    second = await unlocked(B);
    made = value(
      await api.wallets.loadCard({
        draftId: made.draftId,
        sessionId: second,
        label: 'Two',
        place: '',
      }),
    );
    const { words } = value(await api.wallets.showPhrase({ draftId: made.draftId }));
    const retyped = value(
      await api.wallets.confirmPhrase({
        draftId: made.draftId,
        phrase: words.join(' '),
        place: 'safe',
      }),
    );
    expect(retyped.confirmed).toBe(true);

    faulty.replaceSeed(randomBytes(64));
    first = await reopened(A, first);
    made = value(await api.wallets.testCard({ draftId: made.draftId, sessionId: first }));
    expect(made.next).toEqual({ step: 'card', index: 1 });
    expect(made.cards.members.map((m) => m.label)).toEqual(['Two']);
    expect(failure(await api.wallets.finish({ draftId: made.draftId }))).toBe('wrong-step');
    const record = value(await api.drills.list()).find((w) => w.walletId === made.walletId)!;
    expect(record.state).toBe('making');
    expect(record.members.map((m) => m.label)).toEqual(['Two']);
    value(await api.wallets.discard({ draftId: made.draftId }));
  });
});

/** A share of an unrelated 2-of-3 backup. */
async function otherShare(): Promise<string> {
  const groups = await split(randomBytes(16), {
    groupThreshold: 1,
    groups: [{ threshold: 2, count: 3 }],
  });
  return groups[0]![0]!;
}
