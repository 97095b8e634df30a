// A simulated Satochip in a vpcd virtual reader, reached through the real pcscd and
// Lifeboat's PC/SC layer (main/cards/pcsc), as a driver will reach it.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CardChannel } from '../../../main/cards/channel';
import type { PcscReaders } from '../../../main/cards/pcsc/pcsc-readers';
import { isLifeboatError } from '../../../main/errors';
import { benchReaders } from '../../support/bench-readers';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { waitFor } from '../../support/wait';
import {
  Channel,
  SATOCHIP,
  apdu,
  ascii,
  cmd,
  dataOf,
  getStatus,
  hex,
  parseExtendedKey,
  select,
  swOf,
} from '../toporin/raw-client';
import { SimulatedSatochip, insertIntoReader, type InsertedCard } from './index';

const READER = 'Virtual PCD 00 01';
const PIN = '314159';
const MNEMONIC =
  'letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter always';
const PATH = Uint8Array.from([0x80, 0, 0, 44, 0x80, 0, 0, 60, 0x80, 0, 0, 0, 0, 0, 0, 0]);

let pcscd: PcscdHandle;
let readers: PcscReaders;
const inserted: InsertedCard[] = [];
const channels: CardChannel[] = [];

function readerState(): string | undefined {
  return readers.snapshot().readers.find((r) => r.name === READER)?.state;
}

async function connectReader(): Promise<CardChannel> {
  await waitFor(() => (readerState() === 'card-present' ? true : undefined), 3000, 'a card');
  const channel = await readers.connect(READER);
  channels.push(channel);
  return channel;
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders({ retryMs: 200, transmitTimeoutMs: 5000 });
  await readers.start();
  await waitFor(
    () => (readers.snapshot().readers.some((r) => r.name === READER) ? true : undefined),
    5000,
    'the virtual reader',
  );
});

afterEach(async () => {
  await Promise.all(channels.splice(0).map((c) => c.close()));
  await Promise.all(inserted.splice(0).map((c) => c.remove()));
  // The next test must not connect to the card this one left.
  await waitFor(
    () => (readerState() === 'waiting-for-card' ? true : undefined),
    3000,
    'an empty reader',
  );
});

afterAll(async () => {
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
});

describe('a simulated Satochip in a vpcd reader, through pcscd', () => {
  it('answers the card manager, SELECT, the secure channel, keys and signatures', async () => {
    const card = SimulatedSatochip.initialized({ pin: PIN, puk: '27182818', mnemonic: MNEMONIC });
    inserted.push(await insertIntoReader(card, READER));
    const channel = await connectReader();
    expect(hex(channel.atr)).toBe(hex(card.atr));
    const send = (command: Uint8Array) => channel.transmit(command);

    const cplc = await send(apdu(0x80, 0xca, 0x9f, 0x7f));
    expect(hex(dataOf(cplc)).slice(0, 6)).toBe('9f7f2a');
    expect(swOf(await select(send, SATOCHIP))).toBe(0x9000);
    expect(await getStatus(send)).toMatchObject({ setupDone: true, seeded: true, pinTries: 5 });
    const session = await Channel.open(send);
    expect((await session.command(cmd(0x42, 0, 0, ascii('000000')))).sw).toBe(0x63c4);
    expect((await session.command(cmd(0x42, 0, 0, ascii(PIN)))).sw).toBe(0x9000);

    const reply = await session.command(cmd(0x6d, 4, 0x40, PATH));
    const key = parseExtendedKey(reply.data);
    const expected = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC)).derive("m/44'/60'/0'/0");
    expect(hex(key.publicKey)).toBe(hex(expected.publicKey!));

    const hash = sha256(ascii('a transaction'));
    const signed = await session.command(cmd(0x7a, 0xff, 0, hash));
    expect(
      secp256k1.verify(signed.data, hash, expected.publicKey!, {
        prehash: false,
        format: 'der',
        lowS: false,
      }),
    ).toBe(true);
  });

  it('is removed and reinserted with its wallet, and must be unlocked again', async () => {
    const card = SimulatedSatochip.initialized({ pin: PIN, puk: '27182818', mnemonic: MNEMONIC });
    const slot = await insertIntoReader(card, READER);
    inserted.push(slot);
    let channel = await connectReader();
    let send = (command: Uint8Array) => channel.transmit(command);
    await select(send, SATOCHIP);
    let session = await Channel.open(send);
    await session.command(cmd(0x42, 0, 0, ascii(PIN)));

    await slot.remove();
    await waitFor(() => (readerState() === 'waiting-for-card' ? true : undefined), 3000, 'removal');
    await expect(channel.transmit(cmd(0x3c))).rejects.toMatchObject({ code: 'card-removed' });
    await channel.close();

    await slot.reinsert();
    channel = await connectReader();
    send = (command: Uint8Array) => channel.transmit(command);
    await select(send, SATOCHIP);
    session = await Channel.open(send);
    expect((await session.command(cmd(0x6d, 4, 0x40, PATH))).sw).toBe(0x9c06);
    expect((await session.command(cmd(0x42, 0, 0, ascii(PIN)))).sw).toBe(0x9000);
    expect((await session.command(cmd(0x6d, 4, 0x40, PATH))).sw).toBe(0x9000);
  });

  it('is pulled by a fault right after its answer, and keeps what it did', async () => {
    const card = SimulatedSatochip.initialized({ pin: PIN, puk: '27182818' });
    const slot = await insertIntoReader(card, READER);
    inserted.push(slot);
    const channel = await connectReader();
    card.faults = { removeAfterApdus: 2 };
    const send = (command: Uint8Array) => channel.transmit(command);
    expect(swOf(await select(send, SATOCHIP))).toBe(0x9000);
    // The reset signal, first after SELECT on this power-up: the countdown starts.
    expect(swOf(await send(Uint8Array.of(0xb0, 0xff, 0, 0, 0)))).toBe(0xff04);
    await waitFor(() => (slot.inserted ? undefined : true), 2000, 'the card to leave');
    const lost = await channel.transmit(cmd(0x3c)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isLifeboatError(lost, 'card-removed')).toBe(true);
    expect(card.state.setUp).toBe(true);
  });
});
