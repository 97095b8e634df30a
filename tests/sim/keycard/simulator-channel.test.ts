// The in-process CardChannel and every fault kind, as the driver will meet them.
import { describe, expect, it } from 'vitest';
import { isLifeboatError } from '../../../main/errors';
import { SimulatedKeycard, pairingSecretFor, simulatorChannel } from './index';
import { ascii, command, connect, dataOf, hex, select, swOf } from './raw-client';

const PASSWORD = 'KeycardDefaultPairing';
const SECRET = pairingSecretFor(PASSWORD);
const PIN = '000000';
const GET_DATA = command(0x80, 0xca, 0x00, 0x00);

function newCard() {
  return SimulatedKeycard.initialized({ pin: PIN, puk: '012345678901', pairingPassword: PASSWORD });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('simulatorChannel', () => {
  it('is a CardChannel with the card ATR that answers exactly what the card answers', async () => {
    const card = newCard();
    const channel = simulatorChannel(card, 'Test Reader');
    expect(channel.reader).toBe('Test Reader');
    expect(hex(channel.atr)).toBe(hex(card.atr));
    expect(simulatorChannel(card).reader).toBe('Simulated Keycard');
    const selected = await select((apdu) => channel.transmit(apdu));
    expect(swOf(selected)).toBe(0x9000);
    expect(dataOf(selected)[0]).toBe(0xa4);
    expect(card.state.apduCount).toBe(1);
  });

  it('serialises concurrent commands: the next one reaches the card after the previous answer', async () => {
    const card = newCard();
    card.faults = { delayMs: 10 };
    const channel = simulatorChannel(card);
    const apdus = [
      command(0x00, 0xa4, 0x04, 0x00, Uint8Array.from(Buffer.from('a00000080400010101', 'hex'))),
      command(0x00, 0xa4, 0x04, 0x00, Uint8Array.of(0xa0, 0x00)),
      GET_DATA,
    ];
    const answers = await Promise.all(
      apdus.map((apdu) => channel.transmit(apdu).then((r) => [swOf(r), card.state.apduCount])),
    );
    expect(answers).toEqual([
      [0x9000, 1],
      [0x6a82, 2],
      [0x9000, 3],
    ]);
  });

  it('resets the card on close and refuses commands afterwards', async () => {
    const card = newCard();
    const channel = simulatorChannel(card);
    const send = (apdu: Uint8Array) => channel.transmit(apdu);
    const { session } = await connect(send, SECRET);
    expect((await session.command(0x20, 0, 0, ascii(PIN))).sw).toBe(0x9000);
    await channel.close();
    await channel.close();
    expect(channel.closed).toBe(true);
    await expect(channel.transmit(GET_DATA)).rejects.toMatchObject({ code: 'invalid-request' });
    // The card lost power: no applet is selected any more.
    expect(swOf(card.transmit(GET_DATA))).toBe(0x6d00);
  });

  it('refuses an APDU shorter than 4 bytes', async () => {
    await expect(
      simulatorChannel(newCard()).transmit(Uint8Array.of(0x80, 0xca)),
    ).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });
});

describe('faults', () => {
  it('removeAfterApdus: answers N more APDUs, then the card is gone (and powered off)', async () => {
    const card = newCard();
    const channel = simulatorChannel(card);
    await select((apdu) => channel.transmit(apdu));
    card.faults = { removeAfterApdus: 2 };
    expect(card.faults).toEqual({ removeAfterApdus: 2 });
    expect(swOf(await channel.transmit(GET_DATA))).toBe(0x9000);
    expect(swOf(await channel.transmit(GET_DATA))).toBe(0x9000);
    expect(card.faults).toEqual({});
    const error = await failure(channel.transmit(GET_DATA));
    expect(isLifeboatError(error, 'card-removed')).toBe(true);
    expect(card.state.apduCount).toBe(3);

    // Reinserting means a new connection; the card starts unselected.
    const again = simulatorChannel(card);
    expect(swOf(await again.transmit(GET_DATA))).toBe(0x6d00);
  });

  it('removeBeforeAnswerOfApdu: the card runs the command but the answer never comes', async () => {
    const card = newCard();
    const channel = simulatorChannel(card);
    const send = (apdu: Uint8Array) => channel.transmit(apdu);
    const { session } = await connect(send, SECRET);
    card.faults = { removeBeforeAnswerOfApdu: 1 };
    const error = await failure(session.command(0x20, 0, 0, ascii('999999')));
    expect(isLifeboatError(error, 'card-removed')).toBe(true);
    // The wrong PIN was counted even though its answer was lost.
    expect(card.state.pinTriesLeft).toBe(2);
    await expect(channel.transmit(GET_DATA)).rejects.toMatchObject({ code: 'card-removed' });
  });

  it('corruptMacOfApdu: counts wrapped answers only and spoils that MAC', async () => {
    const card = newCard();
    const channel = simulatorChannel(card);
    const send = (apdu: Uint8Array) => channel.transmit(apdu);
    const { session } = await connect(send, SECRET);
    card.faults = { corruptMacOfApdu: 2 };
    expect((await session.command(0xf2, 0, 0)).sw).toBe(0x9000);
    // SELECT, PAIR and OPEN SC answer in plain and are not counted; MUTUALLY AUTHENTICATE is
    // the second wrapped answer.
    await expect(connect(send, SECRET)).rejects.toThrow('response MAC mismatch');
    expect(card.faults).toEqual({});
  });

  it('garbleResponseOfApdu: random bytes of the same length instead of the N-th answer', async () => {
    const card = newCard();
    const channel = simulatorChannel(card);
    const selected = await select((apdu) => channel.transmit(apdu));
    card.faults = { garbleResponseOfApdu: 2 };
    const first = await select((apdu) => channel.transmit(apdu));
    const second = await select((apdu) => channel.transmit(apdu));
    const third = await select((apdu) => channel.transmit(apdu));
    expect(hex(first)).toBe(hex(selected));
    expect(second.length).toBe(selected.length);
    expect(hex(second)).not.toBe(hex(selected));
    expect([0x61, 0x6c]).not.toContain(second[second.length - 2]);
    expect(hex(third)).toBe(hex(selected));
  });

  it('delayMs: answers late, and past the timeout fails with card-timeout for good', async () => {
    const card = newCard();
    const channel = simulatorChannel(card);
    card.faults = { delayMs: 120 };
    const started = Date.now();
    expect(swOf(await select((apdu) => channel.transmit(apdu)))).toBe(0x9000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    const error = await failure(channel.transmit(GET_DATA, { timeoutMs: 30 }));
    expect(isLifeboatError(error, 'card-timeout')).toBe(true);
    card.faults = {};
    await expect(channel.transmit(GET_DATA)).rejects.toMatchObject({ code: 'card-timeout' });
    expect(card.faults).toEqual({});
  });

  it('refuses nonsense fault values and frozen-object edits', () => {
    const card = newCard();
    expect(() => (card.faults = { removeAfterApdus: 0 })).toThrow(RangeError);
    expect(() => (card.faults = { garbleResponseOfApdu: 1.5 })).toThrow(RangeError);
    expect(() => (card.faults = { delayMs: -1 })).toThrow(RangeError);
    card.faults = { delayMs: 0 };
    expect(() => {
      (card.faults as { delayMs?: number }).delayMs = 10;
    }).toThrow(TypeError);
  });
});
