// Shares of a new wallet kept on backup cards, through window.lifeboat below the page: the real
// buildApi over an in-memory IPC pair, the real services, real pcscd + vpcd with a simulated
// Keycard and Seedkeepers. Two shares of a 2-of-3 set go onto two Seedkeepers, the third is
// written down; the test recovery reads one share back from its card and takes the typed one.
// What the cards keep is read with the raw test client (not Lifeboat's driver), and the
// wallet is checked against those shares combined, with @scure/bip32.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { computeAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LifeboatApi, Result, WalletDraftView } from '../../../preload/api';
import { buildApi } from '../../../preload/build-api';
import { createServices, type Services } from '../../../main/services';
import { combine } from '../../../main/secrets/slip39';
import { SimulatedKeycard, insertIntoReader as insertKeycard } from '../../sim/keycard';
import { SimulatedSeedkeeper, insertIntoReader, type InsertedCard } from '../../sim/seedkeeper';
import { exportSecret, listSecrets } from '../../sim/seedkeeper/raw-secrets';
import { SEEDKEEPER, ascii, cmd, connect, u16 } from '../../sim/toporin/raw-client';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { benchReaders } from '../../support/bench-readers';
import { waitFor } from '../../support/wait';
import { memoryIpc, type MemoryIpc } from '../ipc/memory-ipc';

const A = 'Virtual PCD 00 00';
const B = 'Virtual PCD 00 01';
const PIN = '482916';
const PUK = '739104628351';
const KEYCARD = { pin: PIN, puk: PUK, pairingPassword: 'KeycardDefaultPairing' };

let pcscd: PcscdHandle;
let dir: string;
let services: Services;
let ipc: MemoryIpc;
let api: LifeboatApi;
const slots = new Map<string, InsertedCard>();
/** Every answer main gave the page, to check that no share crossed. */
const answers: string[] = [];

function value<T>(result: Result<T>): T {
  answers.push(JSON.stringify(result));
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function failure(result: Result<unknown>): string {
  answers.push(JSON.stringify(result));
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

async function insert(card: SimulatedSeedkeeper | SimulatedKeycard, reader: string): Promise<void> {
  await slots.get(reader)?.remove();
  slots.delete(reader);
  await present(reader, false);
  slots.set(
    reader,
    card instanceof SimulatedKeycard
      ? await insertKeycard(card, reader as typeof A)
      : await insertIntoReader(card, reader as typeof A),
  );
  await present(reader, true);
}

/** Opens the card in `reader` afresh and unlocks it, as a person at the console does. */
async function unlocked(reader: string): Promise<string> {
  const { sessionId } = value(await api.cards.open({ reader }));
  value(await api.cards.pair({ sessionId }));
  expect(value(await api.cards.unlock({ sessionId, pin: PIN })).unlocked).toBe(true);
  return sessionId;
}

/** The Shamir shares a simulated card keeps, read with the raw client (card out of any reader). */
async function sharesOn(card: SimulatedSeedkeeper): Promise<string[]> {
  const channel = await connect((apdu) => card.transmit(apdu), SEEDKEEPER);
  expect((await channel.command(cmd(0x42, 0, 0, ascii(PIN)))).sw).toBe(0x9000);
  const { headers } = await listSecrets(channel);
  const found: string[] = [];
  for (const header of headers.filter((h) => h.type === 0x50)) {
    const { data } = await exportSecret(channel, header.id);
    found.push(new TextDecoder().decode(data!.subarray(2, 2 + u16(data!, 0))));
  }
  return found;
}

function firstAddress(seed: Uint8Array): string {
  const key = HDKey.fromMasterSeed(seed).derive("m/44'/60'/0'/0/0");
  return computeAddress(`0x${bytesToHex(key.publicKey!)}`);
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-share-cards-'));
  services = await createServices({
    dataDir: dir,
    shell: 'harness',
    version: '0.0.0',
    readers: benchReaders(),
  });
  ipc = memoryIpc(services.dispatcher, services.events);
  api = buildApi(ipc);
  await services.start();
});

afterAll(async () => {
  ipc?.close();
  await services?.stop();
  await Promise.all([...slots.values()].map((s) => s.remove()));
  if (pcscd?.owned) await pcscd.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('shares kept on backup cards, made through window.lifeboat', () => {
  const seedkeepers = [0, 1, 2].map(() => SimulatedSeedkeeper.initialized({ pin: PIN, puk: PUK }));
  let draft: WalletDraftView;
  let written = '';
  const where = (n: number) => ({ label: `Share card ${n}`, place: `drawer ${n}` });

  it('writes the first share only onto a backup card, never showing it', async () => {
    draft = value(
      await api.wallets.start({
        plan: {
          label: 'Shares on cards',
          cards: 0,
          shares: { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], onCards: 2 },
        },
        randomFrom: [],
      }),
    );
    expect(draft.next).toEqual({ step: 'share', index: 0, holder: 'card' });
    expect(failure(await api.wallets.showShare({ draftId: draft.draftId, index: 0 }))).toBe(
      'wrong-step',
    );

    await insert(SimulatedKeycard.initialized(KEYCARD), A);
    const keycard = await unlocked(A);
    expect(
      failure(
        await api.wallets.storeShare({
          draftId: draft.draftId,
          index: 0,
          sessionId: keycard,
          ...where(1),
        }),
      ),
    ).toBe('not-a-backup-card');

    await insert(seedkeepers[0]!, B);
    draft = value(
      await api.wallets.storeShare({
        draftId: draft.draftId,
        index: 0,
        sessionId: await unlocked(B),
        ...where(1),
      }),
    );
    expect(draft.shares!.items[0]).toMatchObject({ holder: 'card', done: true, ...where(1) });
    expect(draft.next).toEqual({ step: 'share', index: 1, holder: 'card' });
  });

  it('refuses the same backup card for a second share of the set', async () => {
    const again = await unlocked(B);
    expect(
      failure(
        await api.wallets.storeShare({
          draftId: draft.draftId,
          index: 1,
          sessionId: again,
          ...where(2),
        }),
      ),
    ).toBe('share-card-in-set');
    value(await api.cards.close({ sessionId: again }));
  });

  it('keeps the second share on another card and has the third written down', async () => {
    await insert(seedkeepers[1]!, B);
    const stored = await unlocked(B);
    draft = value(
      await api.wallets.storeShare({
        draftId: draft.draftId,
        index: 1,
        sessionId: stored,
        ...where(2),
      }),
    );
    const { words } = value(await api.wallets.showShare({ draftId: draft.draftId, index: 2 }));
    written = words.join(' ');
    const outcome = value(
      await api.wallets.confirmShare({
        draftId: draft.draftId,
        index: 2,
        share: written,
        place: '',
      }),
    );
    if (!outcome.confirmed) throw new Error('the share was typed back as shown');
    draft = outcome.draft;
    expect(draft.next).toEqual({ step: 'test-shares' });
    // The test recovery opens the card afresh: the session it was written in does not count.
    expect(
      failure(await api.wallets.testShareCard({ draftId: draft.draftId, sessionId: stored })),
    ).toBe('reopen-card');
    value(await api.cards.close({ sessionId: stored }));
  });

  it('reads a share back from its card in the test recovery, and takes the typed one', async () => {
    await insert(seedkeepers[2]!, B);
    expect(
      failure(
        await api.wallets.testShareCard({ draftId: draft.draftId, sessionId: await unlocked(B) }),
      ),
    ).toBe('share-not-on-card');

    await insert(seedkeepers[1]!, B);
    const fromCard = value(
      await api.wallets.testShareCard({ draftId: draft.draftId, sessionId: await unlocked(B) }),
    );
    expect(fromCard.check.accepted).toBe(true);
    expect(fromCard.draft.shares!.test.progress?.sharesEntered).toBe(1);
    const typed = value(await api.wallets.testShare({ draftId: draft.draftId, share: written }));
    expect(typed.draft.shares!.test.rebuilt).toBe('passed');
    expect(typed.draft.next).toEqual({ step: 'finish' });

    const record = value(await api.wallets.finish({ draftId: draft.draftId }));
    expect(record.state).toBe('ready');
    const set = record.shareSets.at(-1)!;
    expect(set.shares.map((s) => [s.holder, s.card?.family, s.label, s.place])).toEqual([
      ['card', 'seedkeeper', 'Share card 1', 'drawer 1'],
      ['card', 'seedkeeper', 'Share card 2', 'drawer 2'],
      ['written', undefined, 'Share 3', ''],
    ]);
    expect(set.shares[0]!.card!.instanceId).not.toBe(set.shares[1]!.card!.instanceId);

    // What the cards keep, read without Lifeboat: one share each, and they rebuild the wallet.
    await slots.get(B)!.remove();
    slots.delete(B);
    const [first, second, none] = await Promise.all(seedkeepers.map((card) => sharesOn(card)));
    expect([first!.length, second!.length, none!.length]).toEqual([1, 1, 0]);
    expect(firstAddress(await combine([first![0]!, second![0]!]))).toBe(record.firstAddress);
    expect(firstAddress(await combine([first![0]!, written]))).toBe(record.firstAddress);
    // No share kept on a card ever reached the page.
    for (const share of [first![0]!, second![0]!])
      for (const answer of answers)
        expect(answer).not.toContain(share.split(' ').slice(0, 5).join(' '));
  });
});
