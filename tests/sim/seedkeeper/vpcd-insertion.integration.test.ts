// A simulated Seedkeeper in a vpcd virtual reader, beside a simulated Satochip in the
// other one, reached through the real pcscd and Lifeboat's PC/SC layer (main/cards/pcsc).
import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CardChannel } from '../../../main/cards/channel';
import type { PcscReaders } from '../../../main/cards/pcsc/pcsc-readers';
import { benchReaders } from '../../support/bench-readers';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import type { VirtualReader } from '../../support/vpcd-card';
import { waitFor } from '../../support/wait';
import { SimulatedSatochip } from '../satochip';
import {
  Channel,
  SATOCHIP,
  SEEDKEEPER,
  ascii,
  cmd,
  dataOf,
  getStatus,
  hex,
  select,
  swOf,
  verifies,
} from '../toporin/raw-client';
import { SimulatedSeedkeeper, insertIntoReader, type InsertedCard } from './index';
import { exportSecret, importSecret, listSecrets } from './raw-secrets';

const READERS = ['Virtual PCD 00 00', 'Virtual PCD 00 01'] as const;
const PIN = '8642';

let pcscd: PcscdHandle;
let readers: PcscReaders;
const inserted: InsertedCard[] = [];
const channels: CardChannel[] = [];

function readerState(reader: string): string | undefined {
  return readers.snapshot().readers.find((r) => r.name === reader)?.state;
}

async function connectReader(reader: VirtualReader): Promise<CardChannel> {
  await waitFor(() => (readerState(reader) === 'card-present' ? true : undefined), 3000, 'a card');
  const channel = await readers.connect(reader);
  channels.push(channel);
  return channel;
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders({ retryMs: 200, transmitTimeoutMs: 5000 });
  await readers.start();
  await waitFor(
    () => (readers.snapshot().readers.length === 2 ? true : undefined),
    5000,
    'two virtual readers',
  );
});

afterEach(async () => {
  await Promise.all(channels.splice(0).map((c) => c.close()));
  await Promise.all(inserted.splice(0).map((c) => c.remove()));
  for (const reader of READERS) {
    await waitFor(
      () => (readerState(reader) === 'waiting-for-card' ? true : undefined),
      3000,
      'an empty reader',
    );
  }
});

afterAll(async () => {
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
});

describe('a simulated Seedkeeper in a vpcd reader, through pcscd', () => {
  it('stores, lists and gives back a secret, beside a Satochip in the other reader', async () => {
    const seedkeeper = SimulatedSeedkeeper.initialized({ pin: PIN, puk: '86428642' });
    const satochip = SimulatedSatochip.initialized({ pin: PIN, puk: '86428642' });
    inserted.push(await insertIntoReader(seedkeeper, READERS[0]));
    inserted.push(await insertIntoReader(satochip, READERS[1]));
    const [backup, wallet] = await Promise.all(READERS.map((reader) => connectReader(reader)));
    const send = (command: Uint8Array) => backup!.transmit(command);
    const sendWallet = (command: Uint8Array) => wallet!.transmit(command);

    // Each card knows only its own AID.
    expect(swOf(await select(send, SATOCHIP))).toBe(0x6a82);
    expect(swOf(await select(sendWallet, SEEDKEEPER))).toBe(0x6a82);
    expect(swOf(await select(sendWallet, SATOCHIP))).toBe(0x9000);
    const selected = await select(send, SEEDKEEPER);
    expect(dataOf(selected).length).toBe(13);
    expect(await getStatus(send)).toMatchObject({ protocol: [0, 2], setupDone: true });

    const session = await Channel.open(send);
    expect((await session.command(cmd(0x42, 0, 0, ascii(PIN)))).sw).toBe(0x9000);
    const share = randomBytes(200);
    const stored = await importSecret(session, { type: 0xc0, label: 'share 2 of 3', data: share });
    expect(stored).toMatchObject({
      sw: 0x9000,
      id: 0,
      fingerprint: hex(sha256(share)).slice(0, 8),
    });
    const { headers } = await listSecrets(session);
    expect(headers.map((h) => h.label)).toEqual(['share 2 of 3']);
    const exported = await exportSecret(session, 0);
    expect(hex(exported.data!)).toBe(hex(share));
    const authentikey = hexToBytes(seedkeeper.state.authentikey);
    expect(
      verifies(
        exported.signature!,
        new Uint8Array([...exported.header!.bytes, ...share]),
        authentikey,
      ),
    ).toBe(true);
    // The Satochip saw its two SELECTs and nothing of the other card's session.
    expect(satochip.state.apduCount).toBe(2);
  });

  it('keeps its secrets when removed and reinserted, and wants the PIN again', async () => {
    const card = SimulatedSeedkeeper.initialized({
      pin: PIN,
      puk: '86428642',
      secrets: [{ type: 0x30, label: 'phrase', data: ascii('\u0003abc\u0000') }],
    });
    const slot = await insertIntoReader(card, READERS[1]);
    inserted.push(slot);
    let channel = await connectReader(READERS[1]);
    let send = (command: Uint8Array) => channel.transmit(command);
    await select(send, SEEDKEEPER);
    let session = await Channel.open(send);
    await session.command(cmd(0x42, 0, 0, ascii(PIN)));
    expect((await listSecrets(session)).headers).toHaveLength(1);

    await slot.remove();
    await waitFor(
      () => (readerState(READERS[1]) === 'waiting-for-card' ? true : undefined),
      3000,
      'removal',
    );
    await channel.close();
    await slot.reinsert();
    channel = await connectReader(READERS[1]);
    send = (command: Uint8Array) => channel.transmit(command);
    await select(send, SEEDKEEPER);
    session = await Channel.open(send);
    expect((await session.command(cmd(0xa6, 0, 1))).sw).toBe(0x9c06);
    await session.command(cmd(0x42, 0, 0, ascii(PIN)));
    expect((await listSecrets(session)).headers.map((h) => h.label)).toEqual(['phrase']);
  });
});
