import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { afterEach, describe, expect, it } from 'vitest';
import { secureKeycard } from '../../../../main/cards/keycard/connect';
import { keyFileSecretBox } from '../../../../main/cards/keycard/key-file-box';
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
