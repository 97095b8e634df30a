import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { pairingSecretFromPassword } from '../../../../main/cards/keycard/pairing';
import { DURESS_PIN, PIN, PUK, opened, selected } from './fixtures';

const wrongPin = '000000';

describe('VERIFY PIN, UNBLOCK PIN and the counters', () => {
  it('counts wrong PINs 63C2, 63C1, 63C0 as 2, 1, 0 tries left, then unblocks with the PUK', async () => {
    const { session, card } = await opened();
    for (const triesLeft of [2, 1]) {
      await expect(session.verifyPin(wrongPin)).rejects.toMatchObject({
        code: 'wrong-pin',
        details: { sw: `63c${triesLeft}`, triesLeft },
      });
    }
    await expect(session.verifyPin(wrongPin)).rejects.toMatchObject({
      code: 'pin-blocked',
      details: { sw: '63c0', triesLeft: 0 },
    });
    // Blocked means blocked, even for the right PIN.
    await expect(session.verifyPin(PIN)).rejects.toMatchObject({ code: 'pin-blocked' });
    expect(await session.getStatus()).toEqual({ pinTries: 0, pukTries: 5, keyInitialized: false });

    await expect(session.unblockPin('000000000000', '112233')).rejects.toMatchObject({
      code: 'wrong-puk',
      details: { sw: '63c4', triesLeft: 4 },
    });
    await session.unblockPin(PUK, '112233');
    expect(session.pinVerified).toBe(true);
    expect(card.state).toMatchObject({ pinTriesLeft: 3, pukTriesLeft: 5 });
    await session.verifyPin('112233');
  });

  it('blocks the PUK for good after its last try', async () => {
    const { session } = await opened({ pukRetries: 3 });
    for (let i = 0; i < 3; i += 1) await session.verifyPin(wrongPin).catch(() => undefined);
    await expect(session.unblockPin('000000000000', '112233')).rejects.toMatchObject({
      details: { triesLeft: 2 },
    });
    await expect(session.unblockPin('000000000000', '112233')).rejects.toMatchObject({
      details: { triesLeft: 1 },
    });
    await expect(session.unblockPin('000000000000', '112233')).rejects.toMatchObject({
      code: 'puk-blocked',
    });
    await expect(session.unblockPin(PUK, '112233')).rejects.toMatchObject({ code: 'puk-blocked' });
  });

  it('refuses UNBLOCK PIN while the PIN is not blocked', async () => {
    const { session } = await opened();
    await expect(session.unblockPin(PUK, '112233')).rejects.toMatchObject({
      code: 'pin-not-blocked',
    });
  });

  it('checks the PIN format before sending it', async () => {
    const { session, recorded } = await opened();
    const sent = recorded.commands.length;
    await expect(session.verifyPin('12345')).rejects.toMatchObject({ code: 'invalid-pin-format' });
    await expect(session.unblockPin('123', PIN)).rejects.toMatchObject({
      code: 'invalid-puk-format',
    });
    expect(recorded.commands).toHaveLength(sent);
  });

  it('wipes the command buffers that carried a PIN and leaves the caller’s bytes alone', async () => {
    const { session, recorded } = await opened();
    const pin = new TextEncoder().encode(PIN);
    await session.verifyPin(pin);
    expect(new TextDecoder().decode(pin)).toBe(PIN);
    const verify = recorded.buffers.at(-1)!;
    expect(recorded.commands.at(-1)![1]).toBe(0x20);
    expect(verify.every((b) => b === 0)).toBe(true);
  });

  it('selects the duress wallet with the duress PIN', async () => {
    const { session } = await opened({
      mnemonic:
        'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will',
    });
    await session.verifyPin(PIN);
    const main = bytesToHex(await session.exportPublicKey("m/44'/60'/0'/0/0"));
    await session.verifyPin(DURESS_PIN);
    const duress = bytesToHex(await session.exportPublicKey("m/44'/60'/0'/0/0"));
    expect(duress).not.toBe(main);
    // The master key itself is the same under both PINs (protocol digest §6).
    expect(bytesToHex(await session.exportPublicKey('m'))).toMatch(/^04cc620f/);
  });
});

describe('CHANGE PIN / PUK / pairing secret', () => {
  it('changes the PIN and the PUK once the PIN is verified', async () => {
    const { session } = await opened();
    await expect(session.changePin('111111')).rejects.toMatchObject({ code: 'pin-required' });
    await session.verifyPin(PIN);
    await session.changePin('111111');
    await session.changePuk('222222222222');
    await expect(session.verifyPin(PIN)).rejects.toMatchObject({ code: 'wrong-pin' });
    await session.verifyPin('111111');
    for (let i = 0; i < 3; i += 1) await session.verifyPin(wrongPin).catch(() => undefined);
    await expect(session.unblockPin(PUK, '333333')).rejects.toMatchObject({ code: 'wrong-puk' });
    await session.unblockPin('222222222222', '333333');
  });

  it('changes the pairing secret: old pairings keep working, new ones need the new password', async () => {
    const { card, session } = await opened();
    const oldPairing = session.pairing!;
    await session.verifyPin(PIN);
    await session.changePairingSecret(await pairingSecretFromPassword('new password'));
    const other = await selected(card);
    await other.openSecureChannel(oldPairing);
    await expect(other.getStatus()).resolves.toMatchObject({ pinTries: 3 });
    const fresh = await selected(card);
    await expect(
      fresh.pair(await pairingSecretFromPassword('KeycardDefaultPairing')),
    ).rejects.toMatchObject({
      code: 'wrong-pairing-password',
    });
    expect((await fresh.pair(await pairingSecretFromPassword('new password'))).index).toBe(1);
  });
});
