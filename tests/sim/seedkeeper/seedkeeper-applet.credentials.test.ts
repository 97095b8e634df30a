// SETUP and the PIN/PUK model of the Seedkeeper applet, from the host's side, including
// its factory reset: the wrong PUK that uses up the last try wipes the card.
import { describe, expect, it } from 'vitest';
import {
  SEEDKEEPER,
  ascii,
  cmd,
  connect,
  getStatus,
  setupData,
  type Channel,
  type Send,
} from '../toporin/raw-client';
import { SimulatedSeedkeeper } from './index';
import { listSecrets } from './raw-secrets';

const PIN = ascii('9876');
const PUK = ascii('98769876');

async function fresh(
  withCertificate: 'test-ca' | 'none' = 'test-ca',
): Promise<{ card: SimulatedSeedkeeper; send: Send; channel: Channel }> {
  const card = new SimulatedSeedkeeper({ withCertificate });
  const send = (apdu: Uint8Array) => card.transmit(apdu);
  return { card, send, channel: await connect(send, SEEDKEEPER) };
}

function loaded(pinTries = 3, pukTries = 2): SimulatedSeedkeeper {
  return SimulatedSeedkeeper.initialized({
    pin: '9876',
    puk: '98769876',
    pinTries,
    pukTries,
    label: 'Backup A',
    secrets: [{ type: 0xc0, label: 'share', data: ascii('data') }],
  });
}

describe('Seedkeeper SETUP', () => {
  it('takes any default PIN (it is not checked) and refuses a second SETUP', async () => {
    const { channel, send } = await fresh();
    expect(await getStatus(send)).toMatchObject({
      protocol: [0, 2],
      setupDone: false,
      seeded: true,
    });
    const setup = setupData({
      pin: PIN,
      puk: PUK,
      pinTries: 4,
      pukTries: 2,
      defaultPin: ascii('anything'),
    });
    expect((await channel.command(cmd(0x2a, 0, 0, setup))).sw).toBe(0x9000);
    expect(await getStatus(send)).toMatchObject({ setupDone: true, pinTries: 4, pukTries: 2 });
    expect((await channel.command(cmd(0x2a, 0, 0, setup))).sw).toBe(0x9c07);
  });

  it('has no PIN before SETUP: VERIFY PIN succeeds while the PKI is open, then 9C04', async () => {
    const { channel } = await fresh('none');
    expect((await channel.command(cmd(0x42, 0, 0, ascii('whatever')))).sw).toBe(0x9000);
    expect((await channel.command(cmd(0xa6, 0, 1))).sw).toBe(0x9c04);
    // A personalised card (PKI locked at the factory) refuses it too.
    const personalised = await fresh('test-ca');
    expect((await personalised.channel.command(cmd(0x42, 0, 0, ascii('whatever')))).sw).toBe(
      0x9c04,
    );
  });
});

describe('Seedkeeper PIN and PUK', () => {
  it('counts a wrong PIN down, blocks it, and unblocks it with the PUK', async () => {
    const card = loaded(3, 2);
    const channel = await connect((apdu) => card.transmit(apdu), SEEDKEEPER);
    expect((await channel.command(cmd(0x46, 0, 0, PUK))).sw).toBe(0x9c03);
    for (const sw of [0x63c2, 0x63c1, 0x63c0, 0x9c0c]) {
      expect((await channel.command(cmd(0x42, 0, 0, ascii('0000')))).sw).toBe(sw);
    }
    expect((await channel.command(cmd(0x46, 0, 0, ascii('11111111')))).sw).toBe(0x63c1);
    expect((await channel.command(cmd(0x46, 0, 0, PUK))).sw).toBe(0x9000);
    expect(card.state).toMatchObject({ pinTriesLeft: 3, pukTriesLeft: 2 });
    expect((await channel.command(cmd(0x42, 0, 0, PIN))).sw).toBe(0x9000);
    expect((await listSecrets(channel)).headers).toHaveLength(1);
  });

  it('checks P1 (PIN 0 only) and P2 before anything else', async () => {
    const card = loaded();
    const channel = await connect((apdu) => card.transmit(apdu), SEEDKEEPER);
    expect((await channel.command(cmd(0x42, 1, 0, PIN))).sw).toBe(0x9c10);
    expect((await channel.command(cmd(0x42, 0, 1, PIN))).sw).toBe(0x9c11);
    expect((await channel.command(cmd(0x46, 1, 0, PUK))).sw).toBe(0x9c10);
    expect((await channel.command(cmd(0x42, 0, 0, ascii('12')))).sw).toBe(0x9c0f);
    expect(card.state.pinTriesLeft).toBe(3);
  });

  it('resets to factory on the wrong PUK that uses up its last try (FF00)', async () => {
    const card = loaded(1, 2);
    const send = (apdu: Uint8Array) => card.transmit(apdu);
    const channel = await connect(send, SEEDKEEPER);
    expect((await channel.command(cmd(0x42, 0, 0, ascii('0000')))).sw).toBe(0x63c0);
    expect((await channel.command(cmd(0x46, 0, 0, ascii('11111111')))).sw).toBe(0x63c1);
    expect((await channel.command(cmd(0x46, 0, 0, ascii('11111111')))).sw).toBe(0xff00);
    expect(card.state).toMatchObject({ setUp: false, secrets: 0, label: '' });
    expect((await getStatus(send)).setupDone).toBe(false);
    // The PIN objects stay, with the try limits of the first SETUP.
    const setup = setupData({
      pin: ascii('1111'),
      puk: ascii('22222222'),
      pinTries: 9,
      pukTries: 9,
    });
    expect((await channel.command(cmd(0x2a, 0, 0, setup))).sw).toBe(0x9000);
    expect(await getStatus(send)).toMatchObject({ setupDone: true, pinTries: 1, pukTries: 2 });
    // The audit log survived, with the reset as its newest record.
    await channel.command(cmd(0x42, 0, 0, ascii('1111')));
    const status = (await channel.command(cmd(0xa7))).data;
    expect(Buffer.from(status.subarray(10, 17)).toString('hex')).toBe('ffffffffff9000');
  });

  it('has no RESET TO FACTORY command (9C20 in plain, 6D00 wrapped)', async () => {
    const card = loaded();
    const send = (apdu: Uint8Array) => card.transmit(apdu);
    const channel = await connect(send, SEEDKEEPER);
    expect(Buffer.from(await send(Uint8Array.of(0xb0, 0xff, 0, 0, 0))).toString('hex')).toBe(
      '9c20',
    );
    expect((await channel.command(cmd(0xff))).sw).toBe(0x6d00);
  });

  it('changes the PIN with the old one', async () => {
    const card = loaded();
    const channel = await connect((apdu) => card.transmit(apdu), SEEDKEEPER);
    const change = (old: Uint8Array, next: Uint8Array) =>
      cmd(0x44, 0, 0, Uint8Array.of(old.length, ...old, next.length, ...next));
    expect((await channel.command(change(ascii('0000'), ascii('5555')))).sw).toBe(0x63c2);
    expect((await channel.command(change(PIN, ascii('5555')))).sw).toBe(0x9000);
    expect((await channel.command(cmd(0x42, 0, 0, ascii('5555')))).sw).toBe(0x9000);
  });

  it('hands out its authentikey without a PIN, and keeps its label and NFC policy', async () => {
    const card = loaded();
    const channel = await connect((apdu) => card.transmit(apdu), SEEDKEEPER);
    expect((await channel.command(cmd(0xad))).sw).toBe(0x9000);
    expect((await channel.command(cmd(0x3d, 0, 1))).sw).toBe(0x9c06);
    await channel.command(cmd(0x42, 0, 0, PIN));
    expect(new TextDecoder().decode((await channel.command(cmd(0x3d, 0, 1))).data.slice(1))).toBe(
      'Backup A',
    );
    expect((await channel.command(cmd(0x3e, 3, 0))).sw).toBe(0x9c10);
    expect((await channel.command(cmd(0x3e, 2, 0))).sw).toBe(0x9000);
    expect((await channel.command(cmd(0x3e, 0, 0))).sw).toBe(0x9c49);
  });
});
