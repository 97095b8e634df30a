// The card runtime around the Toporin applets (SELECT routing, the card manager, short-APDU
// rules, power loss) and the faults, through the in-process CardChannel as a driver meets
// them.
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { isLifeboatError } from '../../../main/errors';
import { SimulatedSatochip, simulatorChannel } from '../satochip';
import { SimulatedSeedkeeper } from '../seedkeeper';
import {
  KEYCARD,
  SATOCHIP,
  SEEDKEEPER,
  apdu,
  ascii,
  cmd,
  connect,
  dataOf,
  hex,
  parseStatus,
  select,
  swOf,
} from './raw-client';

const PIN = '2580';

function satochip(): SimulatedSatochip {
  return SimulatedSatochip.initialized({ pin: PIN, puk: '25802580' });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('Toporin card runtime', () => {
  it('selects each applet by its exact AID only', async () => {
    const sato = new SimulatedSatochip();
    const seed = new SimulatedSeedkeeper();
    expect(hex(await select((c) => sato.transmit(c), SATOCHIP))).toBe('9000');
    const seedSelect = await select((c) => seed.transmit(c), SEEDKEEPER);
    expect(swOf(seedSelect)).toBe(0x9000);
    // The Seedkeeper answers SELECT with its status.
    expect(parseStatus(dataOf(seedSelect))).toMatchObject({ protocol: [0, 2], applet: [0, 1] });
    expect(dataOf(seedSelect).length).toBe(13);
    for (const aid of [
      KEYCARD,
      SEEDKEEPER,
      SATOCHIP.slice(0, 8),
      hexToBytes('5361746f4368697001'),
    ]) {
      expect(swOf(await select((c) => sato.transmit(c), aid))).toBe(0x6a82);
    }
    expect(swOf(await select((c) => seed.transmit(c), SATOCHIP))).toBe(0x6a82);
    // A stray SELECT leaves the applet selected.
    expect(swOf(sato.transmit(cmd(0x3c)))).toBe(0x9000);
  });

  it('answers for the card manager while nothing is selected: CPLC, no IIN/CIN, 6D00', () => {
    const cplc = hexToBytes('4790'.padEnd(84, '1'));
    const card = new SimulatedSatochip({ cplc });
    const answer = card.transmit(apdu(0x80, 0xca, 0x9f, 0x7f));
    expect(hex(answer)).toBe('9f7f2a' + hex(cplc) + '9000');
    expect(hex(card.transmit(apdu(0x80, 0xca, 0x00, 0x42)))).toBe('6a88');
    expect(hex(card.transmit(apdu(0x80, 0xca, 0x00, 0x45)))).toBe('6a88');
    expect(hex(card.transmit(cmd(0x3c)))).toBe('6d00');
    expect(hex(card.transmit(apdu(0x00, 0xa4, 0x04, 0x00, KEYCARD)))).toBe('6a82');
  });

  it('keeps to short APDUs and checks Lc against the data received', async () => {
    const card = new SimulatedSatochip();
    await select((c) => card.transmit(c), SATOCHIP);
    expect(hex(card.transmit(Uint8Array.of(0xb0, 0x3c)))).toBe('6700');
    expect(
      hex(card.transmit(Uint8Array.of(0xb0, 0x81, 0, 0, 0, 0, 65, ...new Uint8Array(65)))),
    ).toBe('6700');
    expect(hex(card.transmit(Uint8Array.of(0xb0, 0x81, 0, 0, 3, 1, 2)))).toBe('6700');
    // A P3 without data is an Le: fine for GET STATUS, a length error for anything else.
    expect(swOf(card.transmit(Uint8Array.of(0xb0, 0x3c, 0, 0, 12)))).toBe(0x9000);
    expect(hex(card.transmit(Uint8Array.of(0xb0, 0x81, 0, 0, 65)))).toBe('6700');
    expect(hex(card.transmit(Uint8Array.of(0x80, 0x3c, 0, 0)))).toBe('6e00');
    expect(hex(card.transmit(Uint8Array.of(0xb0, 0x3c, 1, 0)))).toBe('9c10');
  });

  it('loses the selection and the session on a power cycle, and keeps the rest', async () => {
    const card = satochip();
    const send = (c: Uint8Array) => card.transmit(c);
    const channel = await connect(send, SATOCHIP);
    await channel.command(cmd(0x42, 0, 0, ascii(PIN)));
    card.reset();
    expect(hex(card.transmit(cmd(0x3c)))).toBe('6d00');
    await select(send, SATOCHIP);
    expect(swOf(await send(channel.wrap(cmd(0x3d, 0, 1))))).toBe(0x9c21);
    const again = await connect(send, SATOCHIP);
    expect((await again.command(cmd(0x3d, 0, 1))).sw).toBe(0x9c06);
    expect(card.state).toMatchObject({ setUp: true, pinTriesLeft: 5 });
  });
});

describe('Toporin faults', () => {
  it('is a CardChannel named for the card, that answers exactly what the card answers', async () => {
    const card = satochip();
    expect(simulatorChannel(card).reader).toBe('Simulated Toporin card');
    const channel = simulatorChannel(card, 'Test Reader');
    expect(hex(channel.atr)).toBe(hex(card.atr));
    expect(hex(await select((c) => channel.transmit(c), SATOCHIP))).toBe('9000');
  });

  it('statusWordFor: answers the chosen SW for the chosen inner INS without running it', async () => {
    const card = satochip();
    const channel = simulatorChannel(card);
    const send = (c: Uint8Array) => channel.transmit(c);
    const session = await connect(send, SATOCHIP);
    card.faults = { statusWordFor: { ins: 0x42, sw: 0x6f00, times: 2 } };
    const verify = cmd(0x42, 0, 0, ascii('9999'));
    expect((await session.command(verify)).sw).toBe(0x6f00);
    expect(card.faults).toEqual({ statusWordFor: { ins: 0x42, sw: 0x6f00, times: 1 } });
    expect((await session.command(verify)).sw).toBe(0x6f00);
    expect(card.state.pinTriesLeft).toBe(5);
    expect(card.faults).toEqual({});
    expect((await session.command(verify)).sw).toBe(0x63c4);

    // Plain commands and SELECT are matched on their own INS.
    card.faults = { statusWordFor: { ins: 0x3c, sw: 0x9c04 } };
    expect(hex(await send(cmd(0x3c)))).toBe('9c04');
    card.faults = { statusWordFor: { ins: 0xa4, sw: 0x6a82 } };
    expect(hex(await select(send, SATOCHIP))).toBe('6a82');
  });

  it('corruptResponseOfApdu: spoils the padding of the N-th encrypted answer only', async () => {
    const card = satochip();
    const channel = simulatorChannel(card);
    const send = (c: Uint8Array) => channel.transmit(c);
    const session = await connect(send, SATOCHIP);
    card.faults = { corruptResponseOfApdu: 2 };
    // Plain answers (9000 without data, GET STATUS) are not counted.
    expect((await session.command(cmd(0x42, 0, 0, ascii(PIN)))).sw).toBe(0x9000);
    expect(swOf(await send(cmd(0x3c)))).toBe(0x9000);
    const label = cmd(0x3d, 0, 1);
    expect(hex((await session.command(label)).data)).toBe('00');
    const spoiled = await send(session.wrap(label));
    expect(() => session.unwrap(dataOf(spoiled))).toThrow();
    expect(card.faults).toEqual({});
    expect(hex((await session.command(label)).data)).toBe('00');
    // A longer answer (the authentikey, several blocks) fails the same way.
    card.faults = { corruptResponseOfApdu: 1 };
    const authentikey = await send(session.wrap(cmd(0xad)));
    expect(() => session.unwrap(dataOf(authentikey))).toThrow();
  });

  it('removeBeforeAnswerOfApdu: the card runs the command, the answer never comes', async () => {
    const card = satochip();
    const channel = simulatorChannel(card);
    const session = await connect((c) => channel.transmit(c), SATOCHIP);
    card.faults = { removeBeforeAnswerOfApdu: 1 };
    const error = await failure(session.command(cmd(0x42, 0, 0, ascii('0000'))));
    expect(isLifeboatError(error, 'card-removed')).toBe(true);
    expect(card.state.pinTriesLeft).toBe(4);
    await expect(channel.transmit(cmd(0x3c))).rejects.toMatchObject({ code: 'card-removed' });
  });

  it('removeAfterApdus and garbleResponseOfApdu act on whole answers', async () => {
    const card = satochip();
    let channel = simulatorChannel(card);
    card.faults = { garbleResponseOfApdu: 1, removeAfterApdus: 2 };
    const garbled = await channel.transmit(apdu(0x00, 0xa4, 0x04, 0x00, SATOCHIP));
    expect(garbled.length).toBe(2);
    expect(hex(garbled)).not.toBe('9000');
    expect(swOf(await channel.transmit(cmd(0x3c)))).toBe(0x9000);
    await expect(channel.transmit(cmd(0x3c))).rejects.toMatchObject({ code: 'card-removed' });
    channel = simulatorChannel(card);
    expect(hex(await channel.transmit(cmd(0x3c)))).toBe('6d00');
  });

  it('delayMs: a slow card, and card-timeout past the transmit timeout', async () => {
    const card = satochip();
    const channel = simulatorChannel(card);
    card.faults = { delayMs: 60 };
    const started = Date.now();
    await channel.transmit(apdu(0x00, 0xa4, 0x04, 0x00, SATOCHIP));
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    const error = await failure(channel.transmit(cmd(0x3c), { timeoutMs: 10 }));
    expect(isLifeboatError(error, 'card-timeout')).toBe(true);
  });

  it('refuses nonsense fault values', () => {
    const card = satochip();
    expect(() => (card.faults = { corruptResponseOfApdu: 0 })).toThrow(RangeError);
    expect(() => (card.faults = { statusWordFor: { ins: 0x100, sw: 0x9000 } })).toThrow(RangeError);
    expect(() => (card.faults = { statusWordFor: { ins: 0x42, sw: 0x10000 } })).toThrow(RangeError);
    expect(() => (card.faults = { statusWordFor: { ins: 0x42, sw: 0x6f00, times: 0 } })).toThrow(
      RangeError,
    );
    expect(() => (card.faults = { removeAfterApdus: -1 })).toThrow(RangeError);
    card.faults = { delayMs: 0 };
    expect(() => {
      (card.faults as { delayMs?: number }).delayMs = 5;
    }).toThrow(TypeError);
  });
});
