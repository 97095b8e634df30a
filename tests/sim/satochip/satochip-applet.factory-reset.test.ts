// The Satochip's factory reset as the applet implements it: RESET TO FACTORY (B0 FF, in
// plain) must be the first command after SELECT on five power-ups in a row.
import { describe, expect, it } from 'vitest';
import {
  SATOCHIP,
  ascii,
  cmd,
  connect,
  getStatus,
  hex,
  select,
  setupData,
  swOf,
} from '../toporin/raw-client';
import { SimulatedSatochip } from './index';

const RESET = Uint8Array.of(0xb0, 0xff, 0x00, 0x00, 0x00);

function seededCard(): SimulatedSatochip {
  return SimulatedSatochip.initialized({
    pin: '123456',
    puk: '12345678',
    pinTries: 4,
    pukTries: 3,
    seed: new Uint8Array(32).fill(1),
    label: 'Old card',
  });
}

/** Pull and reinsert the card, SELECT, and send the reset signal. */
async function resetSignal(card: SimulatedSatochip): Promise<number> {
  card.reset();
  await select((c) => card.transmit(c), SATOCHIP);
  return swOf(card.transmit(RESET));
}

describe('Satochip RESET TO FACTORY', () => {
  it('counts down over five power-ups, then erases the wallet and the PIN', async () => {
    const card = seededCard();
    const authentikey = card.state.authentikey;
    const certificate = hex(card.state.certificate);
    const answers: number[] = [];
    for (let i = 0; i < 5; i += 1) answers.push(await resetSignal(card));
    expect(answers).toEqual([0xff04, 0xff03, 0xff02, 0xff01, 0xff00]);
    expect(card.state).toMatchObject({ setUp: false, seeded: false, label: '', authentikey });
    expect(hex(card.state.certificate)).toBe(certificate);
    expect(await getStatus((c) => card.transmit(c))).toMatchObject({
      setupDone: false,
      pinTries: 0,
    });
  });

  it('starts over when anything else reaches the applet first, or FF comes twice', async () => {
    const card = seededCard();
    expect(await resetSignal(card)).toBe(0xff04);
    expect(await resetSignal(card)).toBe(0xff03);
    // GET STATUS before FF: the count starts again, and FF in the same power-up is FFFF.
    card.reset();
    await select((c) => card.transmit(c), SATOCHIP);
    expect(swOf(card.transmit(cmd(0x3c)))).toBe(0x9000);
    expect(swOf(card.transmit(RESET))).toBe(0xffff);
    expect(await resetSignal(card)).toBe(0xff04);
    expect(swOf(card.transmit(RESET))).toBe(0xffff);
    expect(await resetSignal(card)).toBe(0xff04);
    expect(card.state.seeded).toBe(true);
  });

  it('does not count a wrapped FF, which the applet does not know (6D00)', async () => {
    const card = seededCard();
    card.reset();
    const send = (c: Uint8Array) => card.transmit(c);
    const channel = await connect(send, SATOCHIP);
    await channel.command(cmd(0x42, 0, 0, ascii('123456')));
    expect((await channel.command(cmd(0xff))).sw).toBe(0x6d00);
    expect(await resetSignal(card)).toBe(0xff04);
  });

  it('leaves a card that sets up again with "Muscle00", keeping its first PUK try limit', async () => {
    const card = seededCard();
    for (let i = 0; i < 5; i += 1) await resetSignal(card);
    card.reset();
    const send = (c: Uint8Array) => card.transmit(c);
    const channel = await connect(send, SATOCHIP);
    const setup = setupData({
      pin: ascii('2222'),
      puk: ascii('33333333'),
      pinTries: 9,
      pukTries: 9,
    });
    expect((await channel.command(cmd(0x2a, 0, 0, setup))).sw).toBe(0x9000);
    // PIN 0 is created anew; PUK 0 was only updated, so its try limit is still 3.
    expect(await getStatus(send)).toMatchObject({ setupDone: true, pinTries: 9, pukTries: 3 });
    expect((await channel.command(cmd(0x42, 0, 0, ascii('2222')))).sw).toBe(0x9000);
    expect((await channel.command(cmd(0x3d, 0, 1))).data[0]).toBe(0);
  });
});
