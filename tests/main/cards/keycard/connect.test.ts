import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardChannel } from '../../../../main/cards/channel';
import { cardKeyOf, secureKeycard } from '../../../../main/cards/keycard/connect';
import { keyFileSecretBox } from '../../../../main/cards/keycard/key-file-box';
import { pairingSecretFromPassword } from '../../../../main/cards/keycard/pairing';
import { FilePairingStore } from '../../../../main/cards/keycard/pairing-store';
import { KeycardSession } from '../../../../main/cards/keycard/session';
import {
  SimulatedKeycard,
  simulatorChannel,
  type SimulatedKeycardOptions,
} from '../../../sim/keycard';
import { PAIRING_PASSWORD, PIN, PUK, SETUP, recording } from './fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function store(): Promise<FilePairingStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-connect-'));
  dirs.push(dir);
  return new FilePairingStore(dir, await keyFileSecretBox(dir));
}

async function session(card: SimulatedKeycard) {
  const recorded = recording(simulatorChannel(card));
  return { session: await KeycardSession.select(recorded.channel), recorded };
}

const ins = (commands: Uint8Array[]) => commands.map((c) => bytesToHex(c.subarray(1, 2)));
const pairP2 = (commands: Uint8Array[]) =>
  commands.filter((c) => c[1] === 0x12 && c[2] === 0x00).map((c) => c[3]);

/** A channel to `card` on which every SELECT is answered with `answer` (another card's). */
function claiming(card: SimulatedKeycard, answer: Uint8Array): CardChannel {
  const inner = simulatorChannel(card);
  return {
    ...inner,
    get closed() {
      return inner.closed;
    },
    close: () => inner.close(),
    transmit: async (apdu, options) => {
      const real = await inner.transmit(apdu, options);
      return apdu[1] === 0xa4 ? answer : real;
    },
  };
}

describe('the connect flow', () => {
  it('pairs with the default password, stores the pairing, then reuses it', async () => {
    const card = SimulatedKeycard.initialized(SETUP);
    const pairings = await store();
    const first = await session(card);
    const secured = await secureKeycard(first.session, { pairings });
    expect(secured).toEqual({
      status: { pinTries: 3, pukTries: 5, keyInitialized: false },
      pairedBy: 'default-password',
      pairingStored: true,
    });
    // SELECT, PAIR ×2, OPEN SC, MUTUALLY AUTHENTICATE, GET STATUS: tries known before any PIN.
    expect(ins(first.recorded.commands)).toEqual(['a4', '12', '12', '10', '11', 'f2']);
    await first.session.close();

    const second = await session(card);
    expect((await secureKeycard(second.session, { pairings })).pairedBy).toBe('stored');
    expect(ins(second.recorded.commands)).toEqual(['a4', '10', '11', 'f2']);
    expect(card.state.freePairingSlots).toBe(4);
  });

  it('asks for the password when the default is not accepted, until it is right', async () => {
    const card = SimulatedKeycard.initialized({
      pin: PIN,
      puk: PUK,
      pairingPassword: PAIRING_PASSWORD,
    });
    const pairings = await store();
    const answers = ['wrong one', PAIRING_PASSWORD];
    let asked = 0;
    const { session: s } = await session(card);
    const secured = await secureKeycard(s, {
      pairings,
      askPairingPassword: async () => {
        asked += 1;
        return answers.shift();
      },
    });
    expect(asked).toBe(2);
    expect(secured.pairedBy).toBe('password');
    expect(await pairings.get(card.state.instanceUid)).toBeDefined();
  });

  it('tries a given password before the default, and fails typed when nobody can answer', async () => {
    const card = SimulatedKeycard.initialized({
      pin: PIN,
      puk: PUK,
      pairingPassword: PAIRING_PASSWORD,
    });
    const pairings = await store();
    const { session: a } = await session(card);
    await expect(secureKeycard(a, { pairings })).rejects.toMatchObject({
      code: 'wrong-pairing-password',
    });
    await expect(
      secureKeycard(a, { pairings, askPairingPassword: async () => undefined }),
    ).rejects.toMatchObject({ code: 'wrong-pairing-password' });
    const { session: b, recorded } = await session(card);
    expect((await secureKeycard(b, { pairings, pairingPassword: PAIRING_PASSWORD })).pairedBy).toBe(
      'password',
    );
    expect(ins(recorded.commands)).toEqual(['a4', '12', '12', '10', '11', 'f2']);
  });

  it('forgets a stored pairing the card no longer knows and pairs again', async () => {
    const card = SimulatedKeycard.initialized(SETUP);
    const pairings = await store();
    const { session: a } = await session(card);
    await secureKeycard(a, { pairings });
    await a.verifyPin(PIN);
    await a.unpair(a.pairing!.index);
    await a.close();
    const { session: b } = await session(card);
    const secured = await secureKeycard(b, { pairings });
    expect(secured.pairedBy).toBe('default-password');
    expect(secured.status.pinTries).toBe(3);
  });

  it('does not store a 3.2 ephemeral pairing', async () => {
    const options: SimulatedKeycardOptions = { version: '3.2', pairingSlots: 1 };
    const card = SimulatedKeycard.initialized(SETUP, options);
    const { session: filler } = await session(card);
    await secureKeycard(filler, { pairings: await store() });
    const pairings = await store();
    const { session: s } = await session(card);
    expect((await secureKeycard(s, { pairings })).pairingStored).toBe(false);
    expect(await pairings.get(card.state.instanceUid)).toBeUndefined();
  });

  it('reports full pairing slots on 3.1 as no-pairing-slots', async () => {
    const card = SimulatedKeycard.initialized(SETUP, { pairingSlots: 1 });
    await secureKeycard((await session(card)).session, { pairings: await store() });
    await expect(
      secureKeycard((await session(card)).session, { pairings: await store() }),
    ).rejects.toMatchObject({
      code: 'no-pairing-slots',
    });
  });
});

describe('a saved pairing and a card that claims to be another', () => {
  it('keeps a card’s pairing when another card reports its UID', async () => {
    const victim = SimulatedKeycard.initialized(SETUP);
    const pairings = await store();
    await secureKeycard((await session(victim)).session, { pairings });
    const uid = hexToBytes(victim.state.instanceUid);
    // Another card with the same instance UID: its own secure-channel key, no pairing slot 0.
    const impostor = SimulatedKeycard.initialized(SETUP, { instanceUid: uid });
    const { session: fake } = await session(impostor);
    expect((await secureKeycard(fake, { pairings })).pairedBy).toBe('default-password');

    const again = await session(victim);
    expect((await secureKeycard(again.session, { pairings })).pairedBy).toBe('stored');
    expect(ins(again.recorded.commands)).toEqual(['a4', '10', '11', 'f2']);
    expect(victim.state.freePairingSlots).toBe(4);
  });

  it('keeps it when a card reports both the UID and the secure-channel key, and cannot prove it', async () => {
    const victim = SimulatedKeycard.initialized(SETUP);
    const pairings = await store();
    const first = await session(victim);
    await secureKeycard(first.session, { pairings });
    const victimSelect = first.recorded.answers[0]!;
    await first.session.close();
    // The impostor knows the default pairing password, so PAIR works; it lacks the private
    // key of the secure-channel key it reports, so no channel opens.
    const impostor = SimulatedKeycard.initialized(SETUP);
    const fake = await KeycardSession.select(claiming(impostor, victimSelect));
    expect(bytesToHex(cardKeyOf(fake))).toBe(bytesToHex(cardKeyOf(first.session)));
    await expect(secureKeycard(fake, { pairings })).rejects.toMatchObject({
      code: 'pairing-invalid',
    });

    const again = await session(victim);
    expect((await secureKeycard(again.session, { pairings })).pairedBy).toBe('stored');
  });

  it('keeps a pairing that fails while the card has not proved who it is', async () => {
    const card = SimulatedKeycard.initialized({
      pin: PIN,
      puk: PUK,
      pairingPassword: PAIRING_PASSWORD,
    });
    const pairings = await store();
    const { session: a } = await session(card);
    await secureKeycard(a, { pairings, pairingPassword: PAIRING_PASSWORD });
    const saved = await pairings.get(card.state.instanceUid);
    // Another device frees this computer's slot: the saved pairing no longer works.
    await a.verifyPin(PIN);
    await a.unpair(a.pairing!.index);
    await a.close();
    const { session: b } = await session(card);
    await expect(secureKeycard(b, { pairings })).rejects.toMatchObject({
      code: 'wrong-pairing-password',
    });
    expect(await pairings.get(card.state.instanceUid)).toEqual(saved);
  });

  it('replaces it once the card it was made for opened a channel with a new one', async () => {
    const card = SimulatedKeycard.initialized(SETUP);
    const pairings = await store();
    const { session: a } = await session(card);
    await secureKeycard(a, { pairings });
    const stale = await pairings.get(card.state.instanceUid);
    await a.verifyPin(PIN);
    await a.unpair(a.pairing!.index);
    await a.close();
    const { session: b } = await session(card);
    expect((await secureKeycard(b, { pairings })).pairedBy).toBe('default-password');
    const fresh = await pairings.get(card.state.instanceUid);
    expect(fresh?.key).not.toEqual(stale?.key);
    expect(fresh?.cardKey).toEqual(cardKeyOf(b));
  });

  it('gives a pairing saved before card keys were recorded its card, once the card proved it', async () => {
    const card = SimulatedKeycard.initialized(SETUP);
    const pairings = await store();
    const { session: a } = await session(card);
    const pairing = await a.pair(await pairingSecretFromPassword(SETUP.pairingPassword));
    await pairings.set(card.state.instanceUid, pairing);
    await a.close();
    const { session: b } = await session(card);
    expect((await secureKeycard(b, { pairings })).pairedBy).toBe('stored');
    expect((await pairings.get(card.state.instanceUid, cardKeyOf(b)))?.cardKey).toEqual(
      cardKeyOf(b),
    );
  });
});

describe('ephemeral pairing on applet 3.2', () => {
  it('pairs with P2 = 01, saves nothing and takes no slot', async () => {
    const card = SimulatedKeycard.initialized(SETUP, { version: '3.2' });
    const pairings = await store();
    const { session: s, recorded } = await session(card);
    expect(await secureKeycard(s, { pairings })).toMatchObject({
      pairedBy: 'default-password',
      pairingStored: false,
    });
    expect(pairP2(recorded.commands)).toEqual([0x01]);
    expect(s.pairing?.index).toBe(0xff);
    expect(card.state.freePairingSlots).toBe(10);
    expect(await pairings.get(card.state.instanceUid)).toBeUndefined();
  });

  it('keeps a pairing for this computer when asked to, and then uses it', async () => {
    const card = SimulatedKeycard.initialized(SETUP, { version: '3.2' });
    const pairings = await store();
    const first = await session(card);
    expect((await secureKeycard(first.session, { pairings, remember: true })).pairingStored).toBe(
      true,
    );
    expect(pairP2(first.recorded.commands)).toEqual([0x00]);
    expect(card.state.freePairingSlots).toBe(9);
    await first.session.close();
    const second = await session(card);
    expect((await secureKeycard(second.session, { pairings })).pairedBy).toBe('stored');
    expect(pairP2(second.recorded.commands)).toEqual([]);
  });

  it('pairs persistently on 3.1, which has no ephemeral pairing', async () => {
    const card = SimulatedKeycard.initialized(SETUP);
    const { session: s, recorded } = await session(card);
    await secureKeycard(s, { pairings: await store() });
    expect(pairP2(recorded.commands)).toEqual([0x00]);
  });
});
