// SETUP and the PIN/PUK model of the Satochip applet, from the host's side.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { describe, expect, it } from 'vitest';
import {
  Channel,
  SATOCHIP,
  ascii,
  cmd,
  connect,
  getStatus,
  select,
  setupData,
  type Send,
} from '../toporin/raw-client';
import { SimulatedSatochip } from './index';

const PIN = ascii('123456');
const PUK = ascii('12345678');

async function fresh(): Promise<{ card: SimulatedSatochip; send: Send; channel: Channel }> {
  const card = new SimulatedSatochip();
  const send = (apdu: Uint8Array) => card.transmit(apdu);
  return { card, send, channel: await connect(send, SATOCHIP) };
}

async function setUp(pinTries = 3, pukTries = 2) {
  const ready = await fresh();
  const reply = await ready.channel.command(
    cmd(0x2a, 0, 0, setupData({ pin: PIN, puk: PUK, pinTries, pukTries })),
  );
  expect(reply.sw).toBe(0x9000);
  return ready;
}

describe('Satochip SETUP', () => {
  it('before SETUP answers 9C04 to everything but SETUP, and GET STATUS says so', async () => {
    const { send, channel } = await fresh();
    const status = await getStatus(send);
    expect(status).toMatchObject({
      protocol: [0, 12],
      applet: [0, 6],
      setupDone: false,
      seeded: false,
      pinTries: 0,
      needsSecureChannel: true,
    });
    for (const ins of [0x3c, 0x3d, 0x6c, 0x6d, 0x7a, 0x93, 0x9a, 0xad]) {
      expect((await channel.command(cmd(ins, 0, 0))).sw).toBe(0x9c04);
    }
  });

  it('needs the default PIN "Muscle00" and counts its tries on PIN 0', async () => {
    const { channel } = await fresh();
    const wrong = setupData({ pin: PIN, puk: PUK, defaultPin: ascii('Muscle01') });
    expect((await channel.command(cmd(0x2a, 0, 0, wrong))).sw).toBe(0x63c2);
    expect((await channel.command(cmd(0x2a, 0, 0, wrong))).sw).toBe(0x63c1);
    const right = setupData({ pin: PIN, puk: PUK });
    expect((await channel.command(cmd(0x2a, 0, 0, right))).sw).toBe(0x9000);
    expect((await channel.command(cmd(0x2a, 0, 0, right))).sw).toBe(0x9c07);
  });

  it('refuses PINs outside 4..16 bytes (9C0F) and a try limit of 0 (6F00)', async () => {
    const { channel } = await fresh();
    const short = setupData({ pin: ascii('123'), puk: PUK });
    expect((await channel.command(cmd(0x2a, 0, 0, short))).sw).toBe(0x9c0f);
    const noTries = setupData({ pin: PIN, puk: PUK, pinTries: 0 });
    expect((await channel.command(cmd(0x2a, 0, 0, noTries))).sw).toBe(0x6f00);
  });

  it('sets the PIN and PUK try limits it was given', async () => {
    const { send, card } = await setUp(7, 4);
    expect(await getStatus(send)).toMatchObject({ setupDone: true, pinTries: 7, pukTries: 4 });
    expect(card.state).toMatchObject({ setUp: true, pinTriesLeft: 7, pukTriesLeft: 4 });
  });
});

describe('Satochip 2FA (SETUP option flag 8000)', () => {
  it('then wants an HMAC-SHA1 of hash ‖ CC…CC with every hash to sign', async () => {
    const { channel, send } = await fresh();
    const key2fa = randomBytes(20);
    const options = concatBytes(Uint8Array.of(0x80, 0x00), key2fa, new Uint8Array(8));
    const setup = concatBytes(setupData({ pin: PIN, puk: PUK }), options);
    expect((await channel.command(cmd(0x2a, 0, 0, setup))).sw).toBe(0x9000);
    expect((await getStatus(send)).needs2FA).toBe(true);
    await channel.command(cmd(0x42, 0, 0, PIN));
    const seed = randomBytes(32);
    await channel.command(cmd(0x6c, 32, 0, seed));
    await channel.command(cmd(0x6d, 1, 0, Uint8Array.of(0, 0, 0, 0)));
    const hash = randomBytes(32);
    const proof = hmac(sha1, key2fa, concatBytes(hash, new Uint8Array(32).fill(0xcc)));
    expect((await channel.command(cmd(0x7a, 0xff, 0, hash))).sw).toBe(0x6700);
    const wrongFlags = concatBytes(hash, Uint8Array.of(0x00, 0x01), proof);
    expect((await channel.command(cmd(0x7a, 0xff, 0, wrongFlags))).sw).toBe(0x9c09);
    const wrongProof = concatBytes(hash, Uint8Array.of(0x80, 0x00), new Uint8Array(20));
    expect((await channel.command(cmd(0x7a, 0xff, 0, wrongProof))).sw).toBe(0x9c0b);
    const signed = await channel.command(
      cmd(0x7a, 0xff, 0, concatBytes(hash, Uint8Array.of(0x80, 0x00), proof)),
    );
    expect(signed.sw).toBe(0x9000);
    const publicKey = HDKey.fromMasterSeed(seed).derive('m/0').publicKey!;
    expect(
      secp256k1.verify(signed.data, hash, publicKey, {
        prehash: false,
        format: 'der',
        lowS: false,
      }),
    ).toBe(true);
  });
});

describe('Satochip PIN and PUK', () => {
  it('counts a wrong PIN down (63Cx), blocks at 0 (9C0C), and a success restores the tries', async () => {
    const { channel, send } = await setUp(3, 2);
    expect((await channel.command(cmd(0x42, 0, 0, ascii('000000')))).sw).toBe(0x63c2);
    expect((await getStatus(send)).pinTries).toBe(2);
    expect((await channel.command(cmd(0x42, 0, 0, PIN))).sw).toBe(0x9000);
    expect((await getStatus(send)).pinTries).toBe(3);
    for (const sw of [0x63c2, 0x63c1, 0x63c0, 0x9c0c, 0x9c0c]) {
      expect((await channel.command(cmd(0x42, 0, 0, ascii('000000')))).sw).toBe(sw);
    }
    // Blocked means blocked, right PIN or not.
    expect((await channel.command(cmd(0x42, 0, 0, PIN))).sw).toBe(0x9c0c);
  });

  it('checks P1, P2 and the PIN length before spending a try', async () => {
    const { channel, card } = await setUp();
    expect((await channel.command(cmd(0x42, 2, 0, PIN))).sw).toBe(0x9c10);
    expect((await channel.command(cmd(0x42, 8, 0, PIN))).sw).toBe(0x9c10);
    expect((await channel.command(cmd(0x42, 0, 1, PIN))).sw).toBe(0x9c11);
    expect((await channel.command(cmd(0x42, 0, 0, ascii('123')))).sw).toBe(0x9c0f);
    expect(card.state.pinTriesLeft).toBe(3);
  });

  it('unblocks a blocked PIN with the PUK, and only a blocked one (9C03)', async () => {
    const { channel, send } = await setUp(2, 2);
    expect((await channel.command(cmd(0x46, 0, 0, PUK))).sw).toBe(0x9c03);
    await channel.command(cmd(0x42, 0, 0, ascii('000000')));
    await channel.command(cmd(0x42, 0, 0, ascii('000000')));
    expect((await getStatus(send)).pinTries).toBe(0);
    expect((await channel.command(cmd(0x46, 0, 0, ascii('99999999')))).sw).toBe(0x63c1);
    expect((await channel.command(cmd(0x46, 0, 0, PUK))).sw).toBe(0x9000);
    expect(await getStatus(send)).toMatchObject({ pinTries: 2, pukTries: 2 });
    // Unblocking does not log in.
    expect((await channel.command(cmd(0x3d, 0, 1))).sw).toBe(0x9c06);
    expect((await channel.command(cmd(0x42, 0, 0, PIN))).sw).toBe(0x9000);
  });

  it('blocks the PUK for good when its tries run out (no factory reset on a Satochip)', async () => {
    const { channel, card } = await setUp(1, 1);
    await channel.command(cmd(0x42, 0, 0, ascii('000000')));
    expect((await channel.command(cmd(0x46, 0, 0, ascii('99999999')))).sw).toBe(0x63c0);
    expect((await channel.command(cmd(0x46, 0, 0, PUK))).sw).toBe(0x9c0c);
    expect(card.state).toMatchObject({ setUp: true, pinTriesLeft: 0, pukTriesLeft: 0 });
  });

  it('changes the PIN with the old one, leaving it not verified', async () => {
    const { channel } = await setUp();
    const change = (old: Uint8Array, next: Uint8Array) =>
      cmd(0x44, 0, 0, Uint8Array.of(old.length, ...old, next.length, ...next));
    expect((await channel.command(change(ascii('999999'), ascii('2468')))).sw).toBe(0x63c2);
    expect((await channel.command(change(PIN, ascii('24')))).sw).toBe(0x9c0f);
    expect((await channel.command(cmd(0x42, 0, 0, PIN))).sw).toBe(0x9000);
    expect((await channel.command(change(PIN, ascii('2468')))).sw).toBe(0x9000);
    expect((await channel.command(cmd(0x3d, 0, 1))).sw).toBe(0x9c06);
    expect((await channel.command(cmd(0x42, 0, 0, PIN))).sw).toBe(0x63c2);
    expect((await channel.command(cmd(0x42, 0, 0, ascii('2468')))).sw).toBe(0x9000);
  });

  it('logs out on LOGOUT ALL, on SELECT and on a power cycle', async () => {
    const { channel, send, card } = await setUp();
    const label = cmd(0x3d, 0, 1);
    await channel.command(cmd(0x42, 0, 0, PIN));
    expect((await channel.command(label)).sw).toBe(0x9000);
    expect((await channel.command(cmd(0x60))).sw).toBe(0x9000);
    expect((await channel.command(label)).sw).toBe(0x9c06);

    await channel.command(cmd(0x42, 0, 0, PIN));
    await select(send, SATOCHIP);
    let again = await Channel.open(send);
    expect((await again.command(label)).sw).toBe(0x9c06);

    await again.command(cmd(0x42, 0, 0, PIN));
    card.reset();
    await select(send, SATOCHIP);
    again = await Channel.open(send);
    expect((await again.command(label)).sw).toBe(0x9c06);
  });
});

describe('Satochip CARD LABEL', () => {
  it('stores up to 64 bytes, reads them back, and clears with no data', async () => {
    const { channel, card } = await setUp();
    await channel.command(cmd(0x42, 0, 0, PIN));
    const set = (text: string) => {
      const bytes = ascii(text);
      return cmd(0x3d, 0, 0, Uint8Array.of(bytes.length, ...bytes));
    };
    expect((await channel.command(set('Savings card'))).sw).toBe(0x9000);
    const read = await channel.command(cmd(0x3d, 0, 1));
    expect(new TextDecoder().decode(read.data.slice(1))).toBe('Savings card');
    expect(read.data[0]).toBe(12);
    expect(card.state.label).toBe('Savings card');
    expect((await channel.command(set('x'.repeat(65)))).sw).toBe(0x9c0f);
    expect((await channel.command(cmd(0x3d, 0, 0, Uint8Array.of(9, 0x41)))).sw).toBe(0x9c0f);
    expect((await channel.command(cmd(0x3d, 0, 2))).sw).toBe(0x9c11);
    expect((await channel.command(cmd(0x3d, 0, 0, Uint8Array.of(0)))).sw).toBe(0x9000);
    expect(card.state.label).toBe('');
  });

  it('reads the PKCS#7 padding as the Lc of a command wrapped without one', async () => {
    const { channel } = await setUp();
    await channel.command(cmd(0x42, 0, 0, PIN));
    // B0 3D 00 00 is padded with twelve 0C bytes: Lc = 12, label size = 12.
    expect((await channel.command(cmd(0x3d, 0, 0))).sw).toBe(0x9000);
    const label = (await channel.command(cmd(0x3d, 0, 1))).data;
    expect(label.length).toBe(13);
    expect([...label.slice(0, 11)]).toEqual(new Array(11).fill(0x0c));
  });
});
