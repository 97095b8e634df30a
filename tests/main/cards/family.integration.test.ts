// The family registry over the real PC/SC stack: pcscd with the vpcd virtual readers, a
// simulated Keycard in one reader and a card Lifeboat does not know in the other.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CardService } from '../../../main/cards/card-service';
import { keyFileSecretBox } from '../../../main/cards/keycard/key-file-box';
import { FilePairingStore } from '../../../main/cards/keycard/pairing-store';
import type { PcscReaders } from '../../../main/cards/pcsc/pcsc-readers';
import { SimulatedKeycard, insertIntoReader } from '../../sim/keycard';
import { UnknownCard, insertUnknownCard } from '../../sim/unknown-card';
import { benchReaders } from '../../support/bench-readers';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import type { VirtualReader } from '../../support/vpcd-card';
import { waitFor } from '../../support/wait';

const KEYCARD_READER: VirtualReader = 'Virtual PCD 00 00';
const OTHER_READER: VirtualReader = 'Virtual PCD 00 01';

let pcscd: PcscdHandle;
let readers: PcscReaders;
let service: CardService;
let dir: string;
const removals: (() => Promise<void>)[] = [];

async function cardIn(reader: string, present: boolean): Promise<void> {
  await waitFor(
    () => {
      const view = readers.snapshot().readers.find((r) => r.name === reader);
      const has = view?.state === 'card-present' || view?.state === 'connected';
      return has === present ? true : undefined;
    },
    5000,
    `${reader} ${present ? 'with' : 'without'} a card`,
  );
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders({ retryMs: 200 });
  await readers.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-family-'));
  service = new CardService({
    readers,
    pairings: new FilePairingStore(dir, await keyFileSecretBox(dir)),
    trustedCaKeys: () => [],
  });
});

afterEach(async () => {
  await service.closeAll();
  for (const remove of removals.splice(0)) await remove();
  await cardIn(KEYCARD_READER, false);
  await cardIn(OTHER_READER, false);
});

afterAll(async () => {
  await service?.dispose();
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('card families over pcscd + vpcd', () => {
  it('opens a Keycard as a Keycard, and names an unknown card in plain words', async () => {
    const keycard = await insertIntoReader(new SimulatedKeycard(), KEYCARD_READER);
    removals.push(() => keycard.remove());
    const unknown = new UnknownCard();
    removals.push(await insertUnknownCard(unknown, OTHER_READER));
    await cardIn(KEYCARD_READER, true);
    await cardIn(OTHER_READER, true);

    const opened = await service.open(KEYCARD_READER);
    expect(opened.info).toMatchObject({
      family: 'keycard',
      initialized: false,
      rules: { pin: { minLength: 6, maxLength: 6, alphabet: 'digits' }, pairing: true },
    });

    await expect(service.open(OTHER_READER)).rejects.toMatchObject({
      code: 'card-not-supported',
      message: 'This is not a card Lifeboat knows (status 6A82).',
    });
    // Every family was asked for by its AID (Keycard, Satochip, Seedkeeper), and none answered.
    expect(unknown.selected).toEqual([
      'a00000080400010101',
      '5361746f4368697000',
      '536565644b656570657200',
    ]);
    // The unknown card is released, not held: the reader is free for another program.
    await waitFor(
      () =>
        readers.snapshot().readers.find((r) => r.name === OTHER_READER)?.state === 'card-present'
          ? true
          : undefined,
      3000,
      'the unknown card released',
    );
  });

  it('names the status word of a card that refuses every selection', async () => {
    removals.push(await insertUnknownCard(new UnknownCard(0x6999), OTHER_READER));
    await cardIn(OTHER_READER, true);
    await expect(service.open(OTHER_READER)).rejects.toMatchObject({
      code: 'card-not-supported',
      message: 'This is not a card Lifeboat knows (status 6999).',
    });
  });
});
