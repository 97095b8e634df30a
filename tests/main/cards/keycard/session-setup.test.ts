import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { isLifeboatError } from '../../../../main/errors';
import {
  DEFAULT_PAIRING_PASSWORD,
  EPHEMERAL_PAIRING_INDEX,
  pairingSecretFromPassword,
} from '../../../../main/cards/keycard/pairing';
import { KeycardSession } from '../../../../main/cards/keycard/session';
import { SimulatedKeycard, simulatorChannel } from '../../../sim/keycard';
import {
  APPLET_MNEMONIC,
  DURESS_PIN,
  PAIRING_PASSWORD,
  PIN,
  PUK,
  opened,
  recording,
  selected,
} from './fixtures';

const hex = bytesToHex;

describe('SELECT and INIT', () => {
  it('sets up a blank card with explicit limits and duress PIN, then selects it again', async () => {
    const card = new SimulatedKeycard();
    const recorded = recording(simulatorChannel(card));
    const session = await KeycardSession.select(recorded.channel);
    expect(session.info.initialized).toBe(false);
    const secret = await pairingSecretFromPassword(PAIRING_PASSWORD);
    const info = await session.init({
      pin: PIN,
      puk: PUK,
      pairingSecret: secret,
      pinRetries: 4,
      pukRetries: 6,
      duressPin: DURESS_PIN,
    });
    // INIT is the 58-byte form: Lc = 1 + 65 + 16 + 64.
    const init = recorded.commands.find((c) => c[1] === 0xfe)!;
    expect(hex(init.subarray(0, 6))).toBe('80fe00009241');
    expect(info.initialized).toBe(true);
    expect(card.state).toMatchObject({ initialized: true, pinTriesLeft: 4, pukTriesLeft: 6 });
    expect(hex(recorded.commands.at(-1)!)).toBe('00a4040009a0000008040001010100');

    await session.openSecureChannel(await session.pair(secret));
    expect(await session.getStatus()).toEqual({ pinTries: 4, pukTries: 6, keyInitialized: false });
    // The PUK-derived default duress PIN was not set: the first six PUK digits are just wrong.
    await expect(session.verifyPin(PUK.slice(0, 6))).rejects.toMatchObject({
      code: 'wrong-pin',
      details: { triesLeft: 3 },
    });
    await session.verifyPin(DURESS_PIN);
    await session.verifyPin(PIN);
    expect(session.pinVerified).toBe(true);
  });

  it('refuses bad INIT parameters before sending anything', async () => {
    const card = new SimulatedKeycard();
    const recorded = recording(simulatorChannel(card));
    const session = await KeycardSession.select(recorded.channel);
    const secret = new Uint8Array(32);
    const base = {
      pin: PIN,
      puk: PUK,
      pairingSecret: secret,
      pinRetries: 3,
      pukRetries: 5,
      duressPin: DURESS_PIN,
    };
    const cases: [object, string][] = [
      [{ pin: '12345' }, 'invalid-pin-format'],
      [{ puk: '12345678901x' }, 'invalid-puk-format'],
      [{ duressPin: PIN }, 'invalid-input'],
      [{ pinRetries: 1 }, 'invalid-input'],
      [{ pukRetries: 13 }, 'invalid-input'],
      [{ pairingSecret: new Uint8Array(31) }, 'invalid-input'],
    ];
    for (const [change, code] of cases) {
      await expect(session.init({ ...base, ...change })).rejects.toMatchObject({ code });
    }
    expect(recorded.commands).toHaveLength(1);
    expect(card.state.initialized).toBe(false);
  });

  it('refuses INIT on an initialised card without sending it', async () => {
    const { session, recorded } = await opened();
    const sent = recorded.commands.length;
    await expect(
      session.init({
        pin: PIN,
        puk: PUK,
        pairingSecret: new Uint8Array(32),
        pinRetries: 3,
        pukRetries: 5,
        duressPin: DURESS_PIN,
      }),
    ).rejects.toMatchObject({ code: 'already-initialized' });
    expect(recorded.commands).toHaveLength(sent);
  });

  it('reports a blank card as not initialized for commands it cannot run', async () => {
    const session = await selected(new SimulatedKeycard());
    expect(() => session.initializedInfo).toThrow(
      expect.objectContaining({ code: 'not-initialized' }),
    );
    await expect(session.factoryReset()).rejects.toMatchObject({ code: 'not-initialized' });
    await expect(session.getData('public')).rejects.toMatchObject({ code: 'not-initialized' });
  });

  it('reports a card without the Keycard applet as not supported', async () => {
    const channel = simulatorChannel(new SimulatedKeycard());
    const other = {
      ...channel,
      reader: channel.reader,
      atr: channel.atr,
      closed: false,
      close: () => channel.close(),
      transmit: async () => hexToBytes('6a82'),
    };
    await expect(KeycardSession.select(other)).rejects.toMatchObject({
      code: 'card-not-supported',
    });
  });
});

describe('PAIR and UNPAIR', () => {
  it('pairs into the first free slot and derives the same key as the card', async () => {
    const card = SimulatedKeycard.initialized({
      pin: PIN,
      puk: PUK,
      pairingPassword: PAIRING_PASSWORD,
    });
    const session = await selected(card);
    const pairing = await session.pair(await pairingSecretFromPassword(PAIRING_PASSWORD));
    expect(pairing.index).toBe(0);
    expect(card.state.freePairingSlots).toBe(4);
    await session.openSecureChannel(pairing);
    expect(session.secureChannelOpen).toBe(true);
  });

  it('detects a wrong pairing password from the card cryptogram, using no slot', async () => {
    const card = SimulatedKeycard.initialized({
      pin: PIN,
      puk: PUK,
      pairingPassword: PAIRING_PASSWORD,
    });
    const session = await selected(card);
    await expect(
      session.pair(await pairingSecretFromPassword(DEFAULT_PAIRING_PASSWORD)),
    ).rejects.toMatchObject({ code: 'wrong-pairing-password' });
    expect(card.state.freePairingSlots).toBe(5);
    expect((await session.pair(await pairingSecretFromPassword(PAIRING_PASSWORD))).index).toBe(0);
  });

  it('fails with no-pairing-slots when the slots are full (3.1)', async () => {
    const card = SimulatedKeycard.initialized(
      { pin: PIN, puk: PUK, pairingPassword: PAIRING_PASSWORD },
      { pairingSlots: 2 },
    );
    const session = await selected(card);
    const secret = await pairingSecretFromPassword(PAIRING_PASSWORD);
    await session.pair(secret);
    await session.pair(secret);
    await expect(session.pair(secret)).rejects.toMatchObject({ code: 'no-pairing-slots' });
    await expect(session.pair(secret, { ephemeral: true })).rejects.toMatchObject({
      code: 'not-supported',
    });
  });

  it('falls back to an ephemeral pairing on a full 3.2 card, which can then unpair stale slots', async () => {
    const card = SimulatedKeycard.initialized(
      { pin: PIN, puk: PUK, pairingPassword: PAIRING_PASSWORD },
      { version: '3.2', pairingSlots: 1 },
    );
    const session = await selected(card);
    const secret = await pairingSecretFromPassword(PAIRING_PASSWORD);
    expect((await session.pair(secret)).index).toBe(0);
    const ephemeral = await session.pair(secret);
    expect(ephemeral.index).toBe(EPHEMERAL_PAIRING_INDEX);
    await session.openSecureChannel(ephemeral);
    await session.verifyPin(PIN);
    await session.unpair(0);
    expect(card.state.freePairingSlots).toBe(1);
    await expect(session.unpair(1)).rejects.toMatchObject({ code: 'wrong-parameters' });
  });

  it('asks for the PIN before UNPAIR', async () => {
    const { session, card } = await opened();
    await expect(session.unpair(0)).rejects.toMatchObject({ code: 'pin-required' });
    await session.verifyPin(PIN);
    await session.unpair(session.pairing!.index);
    expect(card.state.freePairingSlots).toBe(5);
  });
});

describe('the secure channel', () => {
  it('rejects a pairing the card does not know, or a wrong pairing key', async () => {
    const card = SimulatedKeycard.initialized({
      pin: PIN,
      puk: PUK,
      pairingPassword: PAIRING_PASSWORD,
    });
    const session = await selected(card);
    await expect(
      session.openSecureChannel({ index: 3, key: new Uint8Array(32) }),
    ).rejects.toMatchObject({
      code: 'pairing-invalid',
    });
    const pairing = await session.pair(await pairingSecretFromPassword(PAIRING_PASSWORD));
    const wrong = { index: pairing.index, key: pairing.key.map((b) => b ^ 1) };
    await expect(session.openSecureChannel(wrong)).rejects.toMatchObject({
      code: 'pairing-invalid',
    });
    expect(session.secureChannelOpen).toBe(false);
    await session.openSecureChannel(pairing);
    expect(await session.getStatus()).toMatchObject({ pinTries: 3 });
  });

  it('reopens by itself after the card reset the channel (6982) and resends the command', async () => {
    const { session, recorded } = await opened({ mnemonic: APPLET_MNEMONIC });
    await session.verifyPin(PIN);
    // A plain command on an open channel makes the card drop the channel with 6982.
    const stray = await recorded.channel.transmit(hexToBytes('80ca0000'));
    expect(hex(stray)).toBe('6982');
    const before = recorded.commands.length;
    expect(await session.getStatus()).toMatchObject({ pinTries: 3 });
    // GET STATUS → 6982, OPEN SC, MUTUALLY AUTHENTICATE, GET STATUS again.
    expect(recorded.commands.slice(before).map((c) => hex(c.subarray(0, 2)))).toEqual([
      '80f2',
      '8010',
      '8011',
      '80f2',
    ]);
    // The PIN stays verified across a channel reset (applet code: only SELECT clears it).
    expect((await session.exportPublicKey('m')).length).toBe(65);
  });

  it('fails with secure-channel-failed on a corrupted answer MAC, then recovers on the next command', async () => {
    const { session, card } = await opened();
    card.faults = { corruptMacOfApdu: 1 };
    await expect(session.getStatus()).rejects.toMatchObject({ code: 'secure-channel-failed' });
    expect(await session.getStatus()).toMatchObject({ pinTries: 3, pukTries: 5 });
  });

  it('does not reopen without a pairing to reopen with', async () => {
    const session = await selected(
      SimulatedKeycard.initialized({ pin: PIN, puk: PUK, pairingPassword: PAIRING_PASSWORD }),
    );
    await expect(session.getStatus()).rejects.toMatchObject({ code: 'not-paired' });
  });

  it('serialises concurrent callers so the MAC chain never breaks', async () => {
    const { session } = await opened();
    await session.verifyPin(PIN);
    const results = await Promise.all(Array.from({ length: 8 }, () => session.getStatus()));
    expect(results.every((r) => r.pinTries === 3)).toBe(true);
  });

  it('types a pulled card as card-removed', async () => {
    const { session, card } = await opened();
    card.faults = { removeBeforeAnswerOfApdu: 1 };
    const error: unknown = await session.getStatus().catch((e: unknown) => e);
    expect(isLifeboatError(error, 'card-removed')).toBe(true);
  });
});
